package io.tailor.loadtest.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations such as {@code 30s}, {@code 2m}, {@code 500ms}, {@code 250us}, {@code 1h} or ISO-8601
 * ({@code PT30S}). The load generator is a client that links no Tailor class, so it keeps this parser rather
 * than share the server's {@code io.tailor.server.config.Durations}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    /**
     * Parses a duration.
     *
     * @param value the text.
     * @return the duration.
     * @throws CommandLine.TypeConversionException saying what is expected.
     */
    public static Duration parse(final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        final Matcher simple = SIMPLE.matcher(text);
        if (simple.matches())
        {
            final double number = Double.parseDouble(simple.group(1));
            final double nanosPerUnit = switch (simple.group(2))
            {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            return Duration.ofNanos(Math.round(number * nanosPerUnit));
        }
        try
        {
            return Duration.parse(value.trim());
        }
        catch (final RuntimeException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 30s, 2m, " +
                "500ms or PT30S");
        }
    }
}
