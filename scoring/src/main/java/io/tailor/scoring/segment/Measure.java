package io.tailor.scoring.segment;

import io.tailor.scoring.util.WireName;

/**
 * What a window condition measures over the events in its window.
 */
public enum Measure implements WireName
{
    /** Number of events (or, filtered by product or category, of matching lines). */
    COUNT("count"),
    /** Sum of the events' values (a purchase's amount, or a line's share of it). */
    SUM("sum");

    private final String wireName;

    Measure(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name in the rule language.
     *
     * @return the wire name.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }
}
