package io.tailor.scoring.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable set of segments, with those that change their members' recommendations at hand.
 */
public final class Segments
{
    /** No segments. */
    public static final Segments EMPTY = new Segments(List.of());

    private final Map<String, Segment> byId;
    private final Segment[] treating;

    /**
     * A set of segments.
     *
     * @param segments the segments, ids unique.
     */
    public Segments(final Collection<Segment> segments)
    {
        this.byId = new HashMap<>();
        final List<Segment> treats = new ArrayList<>();
        for (final Segment segment : segments)
        {
            byId.put(segment.id(), segment);
            if (segment.treats())
            {
                treats.add(segment);
            }
        }
        this.treating = treats.toArray(new Segment[0]);
    }

    /**
     * A segment by id.
     *
     * @param id segment id.
     * @return the segment, or {@code null}.
     */
    public Segment get(final String id)
    {
        return byId.get(id);
    }

    /**
     * Every segment.
     *
     * @return the segments, in no particular order.
     */
    public Collection<Segment> all()
    {
        return byId.values();
    }

    /**
     * The segments with pinned or blocked products. Read only.
     *
     * @return the segments.
     */
    public Segment[] treating()
    {
        return treating;
    }
}
