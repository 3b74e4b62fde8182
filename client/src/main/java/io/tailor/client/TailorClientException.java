package io.tailor.client;

/** A request got no answer from the node at all (connection refused or lost, timeout), after every retry. */
public final class TailorClientException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int attempts;

    /**
     * An exception.
     *
     * @param message  what was sent where.
     * @param attempts how many times it was sent.
     * @param cause    the last failure.
     */
    public TailorClientException(final String message, final int attempts, final Throwable cause)
    {
        super(message + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + "): " + cause, cause);
        this.attempts = attempts;
    }

    /**
     * How many times the request was sent.
     *
     * @return attempts.
     */
    public int attempts()
    {
        return attempts;
    }
}
