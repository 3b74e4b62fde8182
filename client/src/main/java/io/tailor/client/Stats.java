package io.tailor.client;

/**
 * What a client has done since it was built, for logs and metrics.
 *
 * @param eventsQueued    events taken by {@code track}.
 * @param eventsRefused   events {@code track} refused because the queue was full or the client closed.
 * @param eventsAccepted  events the node stored.
 * @param eventsDuplicate events the node had already stored (a retried batch).
 * @param eventsRejected  events the node refused as invalid (named in the log).
 * @param eventsFailed    queued events never delivered: retries used up, refused batch, or left at close.
 * @param retries         requests sent again (429, 503, lost connection).
 * @param fallbacks       recommendations answered with the fallback list.
 */
public record Stats(long eventsQueued, long eventsRefused, long eventsAccepted, long eventsDuplicate,
    long eventsRejected, long eventsFailed, long retries, long fallbacks)
{
}
