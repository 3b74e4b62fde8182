package io.tailor.server.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request rate with a burst: {@code perSecond} on average, up to {@code burst} at once after a quiet
 * period. Written {@code 100/s}, {@code 600/m} or {@code 10/h}.
 *
 * @param perSecond average requests per second, more than 0 and at most 10,000,000.
 * @param burst     requests allowed at once, 1 to 10,000,000.
 */
public record Rate(double perSecond, int burst)
{
    private static final Pattern TEXT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)/([smh])");

    /**
     * Validates.
     *
     * @param perSecond average rate.
     * @param burst     burst.
     */
    public Rate
    {
        if (!(perSecond > 0) || perSecond > 10_000_000)
        {
            throw new IllegalArgumentException("a rate must be more than 0 and at most 10000000/s: " + perSecond);
        }
        if (burst < 1 || burst > 10_000_000)
        {
            throw new IllegalArgumentException("a burst must be in 1..10000000: " + burst);
        }
    }

    /**
     * Parses {@code N/s}, {@code N/m} or {@code N/h}.
     *
     * @param text  the rate.
     * @param burst burst, or 0 for one second's worth (at least 1).
     * @return the rate.
     * @throws IllegalArgumentException when not a rate.
     */
    public static Rate parse(final String text, final int burst)
    {
        final Matcher matcher = TEXT.matcher(text == null ? "" : text.trim());
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("a rate is written like 100/s, 600/m or 10/h, not '" + text + "'");
        }
        final double count = Double.parseDouble(matcher.group(1));
        final double perSecond = switch (matcher.group(2))
        {
            case "s" -> count;
            case "m" -> count / 60;
            default -> count / 3600;
        };
        return new Rate(perSecond, burst > 0 ? burst : (int)Math.max(1, Math.min(10_000_000, Math.ceil(perSecond))));
    }

    /**
     * Nanoseconds between two requests at the average rate.
     *
     * @return the emission interval.
     */
    public long intervalNanos()
    {
        return Math.max(1L, Math.round(1e9 / perSecond));
    }

    /**
     * The rate as {@link #parse} reads it, without the burst.
     *
     * @return e.g. {@code 100/s}, {@code 1/m}.
     */
    public String text()
    {
        if (perSecond == Math.rint(perSecond))
        {
            return (long)perSecond + "/s";
        }
        final double perMinute = perSecond * 60;
        if (Math.abs(perMinute - Math.rint(perMinute)) < 1e-9)
        {
            return (long)Math.rint(perMinute) + "/m";
        }
        return (long)Math.rint(perSecond * 3600) + "/h";
    }

    @Override
    public String toString()
    {
        return text() + " burst " + burst;
    }
}
