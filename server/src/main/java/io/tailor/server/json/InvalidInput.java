package io.tailor.server.json;

/**
 * Input that breaks the API contract, with the field it concerns: becomes a 4xx problem at the edge.
 * <p>
 * Thrown by the JSON readers; it carries no stack trace because it is an answer to the caller, not a
 * fault in Tailor.
 */
public final class InvalidInput extends Exception
{
    private final String field;

    /**
     * Invalid input in a field.
     *
     * @param field  JSON path of the offending field, e.g. {@code items[2].quantity}, or {@code null}.
     * @param reason what is wrong, for a human.
     */
    public InvalidInput(final String field, final String reason)
    {
        super(reason, null, false, false);
        this.field = field;
    }

    /**
     * The offending field.
     *
     * @return its path, or {@code null} when the input as a whole is wrong.
     */
    public String field()
    {
        return field;
    }

    /**
     * What is wrong.
     *
     * @return the reason.
     */
    public String reason()
    {
        return getMessage();
    }
}
