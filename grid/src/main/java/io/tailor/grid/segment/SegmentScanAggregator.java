package io.tailor.grid.segment;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentRuleCodec;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a segment over the profiles where they are: every member counts its own entries against the
 * rule at one given time and keeps the first {@code limit} member keys after a cursor; the caller combines.
 * Cursor paging by key is stateless: the next page starts after the last key of this one.
 */
public final class SegmentScanAggregator
    implements Aggregator<Map.Entry<String, byte[]>, SegmentScan>, IdentifiedDataSerializable
{
    private static final long serialVersionUID = 1L;

    private byte[] rule;
    private byte purpose;
    private long nowMs;
    private String after;
    private int limit;
    private int dimensions;
    private long count;
    private TreeSet<String> keys = new TreeSet<>();
    private transient Segment segment;
    private transient Profile profile;

    /** For deserialization. */
    public SegmentScanAggregator()
    {
    }

    /**
     * A scan.
     *
     * @param segment    the segment, bound to the caller's catalog.
     * @param nowMs      the time membership is evaluated at.
     * @param after      keys after this one are collected ({@code ""} for the first page).
     * @param limit      most keys collected, 0 to count only.
     * @param dimensions profile vector dimension.
     */
    public SegmentScanAggregator(final Segment segment, final long nowMs, final String after, final int limit,
        final int dimensions)
    {
        this.rule = SegmentRuleCodec.encode(segment.rule());
        this.purpose = (byte)segment.purpose().ordinal();
        this.nowMs = nowMs;
        this.after = after;
        this.limit = limit;
        this.dimensions = dimensions;
    }

    @Override
    public void accumulate(final Map.Entry<String, byte[]> entry)
    {
        final byte[] bytes = entry.getValue();
        if (!ProfileCodec.isProfile(bytes))
        {
            return;
        }
        if (segment == null)
        {
            segment = new Segment("scan", Purpose.values()[purpose], SegmentRuleCodec.decode(rule), List.of(),
                List.of());
            profile = new Profile(dimensions);
        }
        if (!segment.member(ProfileCodec.decode(bytes, profile), nowMs))
        {
            return;
        }
        count++;
        offer(entry.getKey());
    }

    private void offer(final String key)
    {
        if (limit == 0 || key.compareTo(after) <= 0)
        {
            return;
        }
        keys.add(key);
        if (keys.size() > limit)
        {
            keys.pollLast();
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // as Hazelcast declares it
    public void combine(final Aggregator aggregator)
    {
        final SegmentScanAggregator other = (SegmentScanAggregator)aggregator;
        count += other.count;
        for (final String key : other.keys)
        {
            offer(key);
        }
    }

    @Override
    public SegmentScan aggregate()
    {
        return new SegmentScan(count, keys.toArray(new String[0]));
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SEGMENT_SCAN_AGGREGATOR;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(rule);
        out.writeByte(purpose);
        out.writeLong(nowMs);
        out.writeString(after);
        out.writeInt(limit);
        out.writeInt(dimensions);
        out.writeLong(count);
        out.writeStringArray(keys.toArray(new String[0]));
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        rule = in.readByteArray();
        purpose = in.readByte();
        nowMs = in.readLong();
        after = in.readString();
        limit = in.readInt();
        dimensions = in.readInt();
        count = in.readLong();
        keys = new TreeSet<>(List.of(in.readStringArray()));
    }
}
