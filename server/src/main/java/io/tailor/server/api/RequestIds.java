package io.tailor.server.api;

import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Strategy;

/**
 * The {@code requestId} of a served list, which says what the list is credited to, so that crediting an event that
 * sends it back needs no lookup and no stored record:
 * <pre>
 *   node-loop-sequence . placement strategy [. arm]      e.g.  k3x9a-0-1c.hz.tailor
 *   placement  h home, p product, c cart, e email
 *   strategy   p popular, z personalized, s similar, f fallback
 *   arm        the experiment arm's name, absent outside an experiment
 * </pre>
 * The node tag, event loop and base-36 sequence make it unique; the rest is read back by {@link #parse(String)}. A
 * client could forge one: what it names is checked against the placements, strategies and experiment arms the node
 * knows before anything is counted, so the metrics' labels stay bounded.
 */
final class RequestIds
{
    private static final String PLACEMENTS = "hpce";
    private static final String STRATEGIES = "pzsf";
    private static final Placement[] PLACEMENT_VALUES = Placement.values();
    private static final Strategy[] STRATEGY_VALUES = Strategy.values();

    /**
     * What a request id says.
     *
     * @param placement the list's placement.
     * @param strategy  how it was made.
     * @param arm       its experiment arm, or {@code null} outside an experiment.
     */
    record Tag(Placement placement, Strategy strategy, String arm)
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
     * @param placement the list's placement.
     * @param strategy  how it was made.
     * @param arm       its experiment arm's name, or {@code null}.
     */
    static void append(final StringBuilder text, final long sequence, final Placement placement,
        final Strategy strategy, final String arm)
    {
        long rest = sequence;
        int digits = 1;
        while ((rest /= 36) > 0)
        {
            digits++;
        }
        final int start = text.length();
        text.setLength(start + digits);
        rest = sequence;
        for (int i = start + digits - 1; i >= start; i--)
        {
            text.setCharAt(i, Character.forDigit((int)(rest % 36), 36));
            rest /= 36;
        }
        text.append('.').append(PLACEMENTS.charAt(placement.ordinal())).append(STRATEGIES.charAt(strategy.ordinal()));
        if (arm != null)
        {
            text.append('.').append(arm);
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
        if (dot < 1 || requestId.length() < dot + 3)
        {
            return null;
        }
        final int placement = PLACEMENTS.indexOf(requestId.charAt(dot + 1));
        final int strategy = STRATEGIES.indexOf(requestId.charAt(dot + 2));
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
        return new Tag(PLACEMENT_VALUES[placement], STRATEGY_VALUES[strategy], arm);
    }
}
