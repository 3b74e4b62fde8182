package io.tailor.server.json;

/**
 * A score as the text of a JSON number with at most six decimals, written into a caller's buffer without
 * allocating. Jackson writes a {@code float} through the JDK's shortest-representation algorithm, which allocates;
 * JFR of the served path put 21 % of the event loops' samples in writing the answer, that algorithm among them
 * (benchmarks/RESULTS.md). A score needs no more than six decimals to say how far apart two items are.
 */
public final class ScoreText
{
    /** Characters {@link #write(float, char[])} may need. */
    public static final int MAX_LENGTH = 24;

    private static final double SCALE = 1_000_000d;
    /** Beyond this magnitude the caller writes the value as usual. */
    private static final double LARGEST = 1e12;
    /** A value that is not zero but has fewer than two significant digits in six decimals: the caller writes it. */
    private static final long SMALLEST_SCALED = 10;

    private ScoreText()
    {
    }

    /**
     * Writes a score.
     *
     * @param value the score.
     * @param out   at least {@link #MAX_LENGTH} characters.
     * @return characters written; 0 when the value is not finite, too large or too small for six decimals to say
     *     it, and must be written another way.
     */
    public static int write(final float value, final char[] out)
    {
        final double magnitude = Math.abs((double)value);
        if (!Float.isFinite(value) || magnitude >= LARGEST)
        {
            return 0;
        }
        final long scaled = Math.round(magnitude * SCALE);
        if (magnitude != 0 && scaled < SMALLEST_SCALED)
        {
            return 0;
        }
        int n = 0;
        if (value < 0 && scaled != 0)
        {
            out[n++] = '-';
        }
        long whole = scaled / 1_000_000L;
        int fraction = (int)(scaled % 1_000_000L);
        // Integer digits, most significant first.
        final int start = n;
        do
        {
            out[n++] = (char)('0' + whole % 10);
            whole /= 10;
        }
        while (whole > 0);
        for (int i = start, j = n - 1; i < j; i++, j--)
        {
            final char swap = out[i];
            out[i] = out[j];
            out[j] = swap;
        }
        if (fraction != 0)
        {
            int digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            out[n++] = '.';
            for (int i = n + digits - 1; i >= n; i--)
            {
                out[i] = (char)('0' + fraction % 10);
                fraction /= 10;
            }
            n += digits;
        }
        return n;
    }
}
