package io.tailor.server.json;

/**
 * A score as the text of a JSON number with at most six decimals, written into a caller's buffer without
 * allocating. Jackson writes a {@code float} through the JDK's shortest-representation algorithm, which allocates;
 * JFR of the served path put 21 % of the event loops' samples in writing the answer, that algorithm among them
 * (benchmarks/RESULTS.md). A score needs no more than six decimals to say how far apart two items are.
 */
public final class ScoreText
{
    /** Bytes {@link #write(float, byte[], int)} may need. */
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
     * Writes a score as ASCII bytes (JSON text is UTF-8: the answer's own encoding, nothing to convert).
     *
     * @param value  the score.
     * @param out    room for {@link #MAX_LENGTH} bytes from {@code offset}.
     * @param offset where the text starts.
     * @return bytes written; 0 when the value is not finite, too large or too small for six decimals to say it,
     *     and must be written another way.
     */
    public static int write(final float value, final byte[] out, final int offset)
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
        int n = offset;
        if (value < 0 && scaled != 0)
        {
            out[n++] = (byte)'-';
        }
        long whole = scaled / 1_000_000L;
        int fraction = (int)(scaled % 1_000_000L);
        // Integer digits, most significant first.
        final int start = n;
        do
        {
            out[n++] = (byte)('0' + whole % 10);
            whole /= 10;
        }
        while (whole > 0);
        for (int i = start, j = n - 1; i < j; i++, j--)
        {
            final byte swap = out[i];
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
            out[n++] = (byte)'.';
            for (int i = n + digits - 1; i >= n; i--)
            {
                out[i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            n += digits;
        }
        return n - offset;
    }
}
