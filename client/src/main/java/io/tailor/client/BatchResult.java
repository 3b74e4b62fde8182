package io.tailor.client;

import java.util.List;

/**
 * The node's answer to a batch of events or products, after any retries.
 *
 * @param status     the HTTP status of the last attempt (200 when stored).
 * @param stored     events accepted, or products upserted.
 * @param duplicates events whose id the node had seen (always 0 for products).
 * @param rejected   elements refused, by position.
 * @param problem    the problem's {@code detail} when the status is not 200, else {@code null}.
 * @param attempts   how many times the batch was sent.
 */
public record BatchResult(int status, long stored, long duplicates, List<Rejection> rejected, String problem,
    int attempts)
{
    /**
     * One refused element.
     *
     * @param index  0-based position in the batch.
     * @param line   1-based NDJSON line, or 0.
     * @param field  the offending field, or {@code null}.
     * @param reason what is wrong.
     */
    public record Rejection(int index, int line, String field, String reason)
    {
    }

    /**
     * Whether the node stored the batch (some elements may still be rejected).
     *
     * @return true for a 200.
     */
    public boolean ok()
    {
        return status == 200;
    }
}
