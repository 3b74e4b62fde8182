package io.tailor.grid.serialization;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of validated {@link Event}s inside entry processors.
 */
public final class EventSerialization
{
    private EventSerialization()
    {
    }

    /**
     * Writes a list of events.
     *
     * @param out    destination.
     * @param events events to write.
     * @throws IOException when the output fails.
     */
    public static void writeEvents(final ObjectDataOutput out, final List<Event> events) throws IOException
    {
        out.writeInt(events.size());
        for (final Event event : events)
        {
            write(out, event);
        }
    }

    /**
     * Reads a list written by {@link #writeEvents(ObjectDataOutput, List)}.
     *
     * @param in source.
     * @return the events.
     * @throws IOException when the input fails.
     */
    public static List<Event> readEvents(final ObjectDataInput in) throws IOException
    {
        final int count = in.readInt();
        final List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            events.add(read(in));
        }
        return events;
    }

    private static void write(final ObjectDataOutput out, final Event event) throws IOException
    {
        out.writeString(event.id());
        out.writeByte(event.type().ordinal());
        out.writeString(event.user());
        out.writeString(event.anonymousId());
        out.writeString(event.product());
        out.writeInt(event.items().size());
        for (final LineItem item : event.items())
        {
            out.writeString(item.product());
            out.writeInt(item.quantity());
            out.writeDouble(item.price());
        }
        out.writeDouble(event.value());
        out.writeLong(event.timestampMs());
        out.writeByte(event.channel().ordinal());
        out.writeString(event.store());
        out.writeString(event.requestId());
        out.writeString(event.loyaltyId());
    }

    private static Event read(final ObjectDataInput in) throws IOException
    {
        final String id = in.readString();
        final EventType type = EventType.fromOrdinal(in.readByte());
        final String user = in.readString();
        final String anonymousId = in.readString();
        final String product = in.readString();
        final int itemCount = in.readInt();
        final List<LineItem> items = itemCount == 0 ? List.of() : new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++)
        {
            items.add(new LineItem(in.readString(), in.readInt(), in.readDouble()));
        }
        final double value = in.readDouble();
        final long timestampMs = in.readLong();
        final Channel channel = Channel.values()[in.readByte()];
        final String store = in.readString();
        final String requestId = in.readString();
        final String loyaltyId = in.readString();
        return new Event(id, type, user, anonymousId, product, items, value, timestampMs, channel, store, requestId,
            loyaltyId);
    }
}
