package io.tailor.client;

/**
 * The node's answer to an identity link ({@code POST /v1/identities}).
 *
 * @param httpStatus 200 when linked; 409 when a loyalty card belongs to another customer; else the error.
 * @param status     {@code linked}, {@code already_linked} or {@code moved} for a 200, else {@code null}.
 * @param merged     whether the id's own profile was merged into the customer's.
 * @param problem    the problem's {@code detail} when not linked, else {@code null}.
 */
public record LinkResult(int httpStatus, String status, boolean merged, String problem)
{
    /**
     * Whether the ids are linked now.
     *
     * @return true for a 200.
     */
    public boolean ok()
    {
        return httpStatus == 200;
    }
}
