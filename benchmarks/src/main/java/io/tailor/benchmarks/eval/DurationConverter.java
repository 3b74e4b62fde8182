package io.tailor.benchmarks.eval;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads a duration such as {@code 30m}, {@code 1h}, {@code 3d}, {@code 10y} (365 days) or ISO-8601
 * ({@code PT30M}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    /**
     * Parses a duration.
     *
     * @param value text.
     * @return the duration.
     * @throws IllegalArgumentException when unreadable.
     */
    static Duration parse(final String value)
    {
        final String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p"))
        {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (v.length() < 2)
        {
            throw new IllegalArgumentException("not a duration: '" + value + "' (e.g. 30m, 1h, 3d, 10y, PT30M)");
        }
        final long n;
        try
        {
            n = Long.parseLong(v.substring(0, v.length() - 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a duration: '" + value + "' (e.g. 30m, 1h, 3d, 10y, PT30M)", ex);
        }
        return switch (v.charAt(v.length() - 1))
        {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            case 'y' -> Duration.ofDays(365 * n);
            default -> throw new IllegalArgumentException("not a duration: '" + value +
                "' (e.g. 30m, 1h, 3d, 10y, PT30M)");
        };
    }
}
