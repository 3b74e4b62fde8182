package io.tailor.scoring.segment;

/**
 * Where the recommender finds the segments in force: the server keeps them current as definitions change.
 */
@FunctionalInterface
public interface SegmentSource
{
    /** No segments. */
    SegmentSource NONE = () -> Segments.EMPTY;

    /**
     * The segments in force now; cheap (one volatile read).
     *
     * @return the current segments.
     */
    Segments current();
}
