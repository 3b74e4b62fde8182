package io.tailor.server.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way operators write them, on the command line and in the configuration file:
 * {@code 500us}, {@code 1ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, {@code 10y} (365 days a year, for
 * the evaluation's "never decays" half-lives), or ISO-8601 ({@code PT0.001S}). The one parser of durations
 * for the server and the benchmarks; the load generator keeps its own, as it links no Tailor class.
 */
public final class Durations
{
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h|d|y)");

    private Durations()
    {
    }

    /**
     * Parses a duration.
     *
     * @param value text such as {@code 1ms}.
     * @return the duration.
     * @throws IllegalArgumentException when it is not a duration.
     */
    public static Duration parse(final String value)
    {
        final Matcher matcher = SHORT.matcher(value.trim());
        if (matcher.matches())
        {
            final double amount = Double.parseDouble(matcher.group(1));
            final double nanosPerUnit = switch (matcher.group(2))
            {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                case "d" -> 86_400e9;
                default -> 365 * 86_400e9;
            };
            return Duration.ofNanos(Math.round(amount * nanosPerUnit));
        }
        try
        {
            return Duration.parse(value);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 1ms, 30s, 7d", ex);
        }
    }
}
