package io.tailor.server.cli;

import io.tailor.server.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/**
 * Reads durations on the command line, as {@link Durations} does.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    /**
     * Parses a duration.
     *
     * @param value text such as {@code 1ms}.
     * @return the duration.
     * @throws CommandLine.TypeConversionException when it is not a duration.
     */
    public static Duration parse(final String value)
    {
        try
        {
            return Durations.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.TypeConversionException(ex.getMessage());
        }
    }
}
