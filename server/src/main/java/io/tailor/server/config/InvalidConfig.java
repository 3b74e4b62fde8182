package io.tailor.server.config;

/**
 * The configuration file cannot be used; the message names the file, the setting's path and, when known,
 * the line, so the operator can fix it without reading code.
 */
public final class InvalidConfig extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    /**
     * A problem in a configuration file.
     *
     * @param message what is wrong and where.
     * @param cause   underlying error, or {@code null}.
     */
    public InvalidConfig(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
