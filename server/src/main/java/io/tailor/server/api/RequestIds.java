package io.tailor.server.api;

import io.tailor.scoring.event.ServedListIds;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Strategy;

/**
 * The {@code requestId} of a served list, which says what the list is credited to, so that crediting an event that
 * sends it back needs no lookup and no stored record:
 * <pre>
 *   node-loop-sequence-served . placement strategy [. arm]      e.g.  k3x9a-0-1c-t5m2xk.hz.tailor
 *   served     when the list was served, epoch seconds in base 36 (for the attribution window)
 *   placement  h home, p product, c cart, e email
 *   strategy   p popular, z personalized, s similar, f fallback; in upper case when the node recorded the
 *              list's impressions as it served it (ServedListIds in scoring reads that back)
 *   arm        the experiment arm's name, absent outside an experiment
 * </pre>
 * The node tag, event loop and base-36 sequence make it unique; the rest is read back by {@link #parse(String)}. A
 * client could forge one: what it names is checked against the placements, strategies and experiment arms the node
 * knows before anything is counted, so the metrics' labels stay bounded.
 */
final class RequestIds
{
    private static final String PLACEMENTS = ServedListIds.PLACEMENT_LETTERS;
    private static final String STRATEGIES = "pzsf";
    private static final Placement[] PLACEMENT_VALUES = Placement.values();
    private static final Strategy[] STRATEGY_VALUES = Strategy.values();

    /**
     * What a request id says.
     *
     * @param servedAtMs when the list was served, to the second.
     * @param placement  the list's placement.
     * @param strategy   how it was made.
     * @param arm        its experiment arm, or {@code null} outside an experiment.
     */
    record Tag(long servedAtMs, Placement placement, Strategy strategy, String arm)
    {
    }

    private RequestIds()
    {
    }

    /**
     * Appends the sequence and the tag (the node and loop prefix is the caller's).
     *
     * @param text      where to append.
     * @param sequence  the answer's sequence on its loop, positive.
     * @param nowMs     when the list is served.
     * @param placement the list's placement.
     * @param strategy  how it was made.
     * @param arm       its experiment arm's name, or {@code null}.
     * @param recorded  whether the list's impressions are recorded as it is served.
     */
    static void append(final StringBuilder text, final long sequence, final long nowMs, final Placement placement,
        final Strategy strategy, final String arm, final boolean recorded)
    {
        base36(text, sequence);
        text.append('-');
        base36(text, Math.max(0, nowMs / 1000));
        text.append('.').append(PLACEMENTS.charAt(placement.ordinal())).append(
            ServedListIds.strategyLetter(STRATEGIES.charAt(strategy.ordinal()), recorded));
        if (arm != null)
        {
            text.append('.').append(arm);
        }
    }

    /** Appends a non-negative number in base 36 without allocating. */
    private static void base36(final StringBuilder text, final long value)
    {
        long rest = value;
        int digits = 1;
        while ((rest /= 36) > 0)
        {
            digits++;
        }
        final int start = text.length();
        text.setLength(start + digits);
        rest = value;
        for (int i = start + digits - 1; i >= start; i--)
        {
            text.setCharAt(i, Character.forDigit((int)(rest % 36), 36));
            rest /= 36;
        }
    }

    /**
     * Reads what a request id says.
     *
     * @param requestId an event's {@code requestId}.
     * @return the tag, or {@code null} when the id is not one of Tailor's.
     */
    static Tag parse(final String requestId)
    {
        final int dot = requestId.indexOf('.');
        final int dash = dot < 1 ? -1 : requestId.lastIndexOf('-', dot);
        if (dash < 0 || dash > dot - 2 || dot - dash > 10 || requestId.length() < dot + 3)
        {
            return null;
        }
        final long servedAtSeconds;
        try
        {
            servedAtSeconds = Long.parseLong(requestId, dash + 1, dot, 36);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
        final int placement = PLACEMENTS.indexOf(requestId.charAt(dot + 1));
        final int strategy = STRATEGIES.indexOf(Character.toLowerCase(requestId.charAt(dot + 2)));
        if (placement < 0 || strategy < 0)
        {
            return null;
        }
        String arm = null;
        if (requestId.length() > dot + 3)
        {
            if (requestId.charAt(dot + 3) != '.' || requestId.length() == dot + 4)
            {
                return null;
            }
            arm = requestId.substring(dot + 4);
        }
        return new Tag(servedAtSeconds * 1000, PLACEMENT_VALUES[placement], STRATEGY_VALUES[strategy], arm);
    }
}
