package io.tailor.loadtest.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar: redrawn in place on a terminal, printed as plain lines (every few seconds)
 * elsewhere, e.g. in CI logs.
 */
public final class ProgressBar
{
    private static final int WIDTH = 30;
    private static final long PLAIN_EVERY_NS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlainNs;

    /**
     * A bar.
     *
     * @param out      where to draw.
     * @param terminal whether {@code out} is a terminal (redraw with a carriage return).
     */
    public ProgressBar(final PrintStream out, final boolean terminal)
    {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Draws the current state.
     *
     * @param label     what is loaded.
     * @param done      units done.
     * @param total     units in all.
     * @param unit      unit name.
     * @param rate      units per second so far.
     * @param extra     more to say (may be empty).
     * @param elapsedNs time so far.
     * @param finished  whether this is the final state (always printed).
     */
    public void update(final String label, final long done, final long total, final String unit, final double rate,
        final String extra, final long elapsedNs, final boolean finished)
    {
        final String line = line(label, done, total, unit, rate, extra, elapsedNs, finished);
        if (terminal)
        {
            out.print("\r" + line + "   ");
            out.flush();
        }
        else if (elapsedNs - lastPlainNs >= PLAIN_EVERY_NS || finished)
        {
            lastPlainNs = elapsedNs;
            out.println(line);
        }
    }

    /**
     * Ends the bar's line.
     */
    public void finish()
    {
        if (terminal)
        {
            out.println();
        }
    }

    /**
     * The text of one state.
     *
     * @param label     what is loaded.
     * @param done      units done.
     * @param total     units in all.
     * @param unit      unit name.
     * @param rate      units per second.
     * @param extra     more to say.
     * @param elapsedNs time so far.
     * @param finished  whether this is the final state.
     * @return the line.
     */
    static String line(final String label, final long done, final long total, final String unit, final double rate,
        final String extra, final long elapsedNs, final boolean finished)
    {
        final double fraction = total <= 0 ? 1 : Math.min(1.0, (double)done / total);
        final int filled = (int)Math.round(fraction * WIDTH);
        final long remainingSec = rate > 0 ? (long)Math.ceil((total - done) / rate) : -1;
        return String.format(Locale.ROOT, "%-9s [%s%s] %3.0f%% %,d/%,d %s  %,.0f %s/s  %s%s", label,
            "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100, done, total, unit, rate, unit,
            finished ? "done in " + seconds(elapsedNs) : remainingSec >= 0 ? "ETA " + remainingSec + "s" : "",
            extra.isEmpty() ? "" : "  " + extra);
    }

    private static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%.1fs", ns / 1e9);
    }
}
