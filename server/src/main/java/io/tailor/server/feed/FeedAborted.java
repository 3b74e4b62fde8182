package io.tailor.server.feed;

/**
 * A feed that cannot be read on (not well-formed XML, an unclosed quote, no header) or whose reading was stopped:
 * what was read before it stands, what follows is not read.
 */
public final class FeedAborted extends Exception
{
    private final long line;

    /**
     * A stop.
     *
     * @param line   line number where reading stopped, or 0 when not known.
     * @param reason why.
     */
    public FeedAborted(final long line, final String reason)
    {
        super(reason, null, false, false);
        this.line = line;
    }

    /**
     * Where reading stopped.
     *
     * @return line number, or 0 when not known.
     */
    public long line()
    {
        return line;
    }

    /**
     * Why.
     *
     * @return the reason.
     */
    public String reason()
    {
        return getMessage();
    }
}
