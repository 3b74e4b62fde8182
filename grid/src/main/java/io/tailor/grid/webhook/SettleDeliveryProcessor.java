package io.tailor.grid.webhook;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settles an attempt at a delivery, on the customer's partition owner: delivered or dropped (it leaves the outbox),
 * failed (it stays, with its next attempt time), or dead (it moves to the dead letters). Returns whether the
 * delivery was still pending: an attempt settled twice (a resend after a crash) changes nothing the second time.
 * The backup receives the resulting outbox.
 */
public final class SettleDeliveryProcessor
    implements EntryProcessor<String, Outbox, Boolean>, IdentifiedDataSerializable
{
    /** How an attempt ended. */
    public enum Outcome
    {
        /** The receiver acknowledged it. */
        DELIVERED,
        /** Not sent and never will be (no consent, webhook deleted). */
        DROPPED,
        /** Failed; try again later. */
        RETRY,
        /** Failed past the retry horizon. */
        DEAD
    }

    private String eventId;
    private Outcome outcome;
    private long nextAttemptMs;
    private String error;
    private transient Outbox written;

    /** For deserialization. */
    public SettleDeliveryProcessor()
    {
    }

    /**
     * A settlement.
     *
     * @param eventId       the delivery's event id.
     * @param outcome       how the attempt ended.
     * @param nextAttemptMs for {@link Outcome#RETRY}, when to try again.
     * @param error         what a failed attempt met, {@code ""} otherwise.
     */
    public SettleDeliveryProcessor(final String eventId, final Outcome outcome, final long nextAttemptMs,
        final String error)
    {
        this.eventId = eventId;
        this.outcome = outcome;
        this.nextAttemptMs = nextAttemptMs;
        this.error = error;
    }

    @Override
    public Boolean process(final Map.Entry<String, Outbox> entry)
    {
        final Outbox current = entry.getValue();
        if (current == null)
        {
            return Boolean.FALSE;
        }
        final List<Outbox.Delivery> pending = new ArrayList<>(current.pending());
        int at = -1;
        for (int i = 0; i < pending.size(); i++)
        {
            if (pending.get(i).eventId().equals(eventId))
            {
                at = i;
                break;
            }
        }
        if (at < 0)
        {
            return Boolean.FALSE;
        }
        final List<Outbox.Delivery> dead = new ArrayList<>(current.dead());
        final Outbox.Delivery delivery = pending.get(at);
        switch (outcome)
        {
            case RETRY -> pending.set(at, delivery.retried(nextAttemptMs, error));
            case DEAD ->
            {
                pending.remove(at);
                dead.add(delivery.retried(nextAttemptMs, error));
                while (dead.size() > Outbox.MAX_DEAD)
                {
                    dead.remove(0);
                }
            }
            default -> pending.remove(at);
        }
        final Outbox next = new Outbox(current.version() + 1, current.memberships(), pending, dead);
        entry.setValue(next);
        written = next;
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, Outbox, Boolean> getBackupProcessor()
    {
        final Outbox outbox = written;
        return outbox == null ? null : new SetValueProcessor<>(outbox);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SETTLE_DELIVERY;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(eventId);
        out.writeByte(outcome.ordinal());
        out.writeLong(nextAttemptMs);
        out.writeString(error);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        eventId = in.readString();
        outcome = Outcome.values()[in.readByte()];
        nextAttemptMs = in.readLong();
        error = in.readString();
    }
}
