package io.tailor.server.cli;

/**
 * A node cannot start for a reason its operator can fix (a busy port, an unusable data directory, a data
 * directory another node holds, a corrupt data file); the message is one line naming the option to change.
 */
public final class StartupFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A failure to start.
     *
     * @param message one line: what is wrong and the option that changes it.
     * @param cause   the underlying failure, or {@code null}.
     */
    public StartupFailure(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
