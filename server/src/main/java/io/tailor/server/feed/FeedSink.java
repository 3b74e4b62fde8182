package io.tailor.server.feed;

import java.util.Map;

/**
 * Receives a feed as it is read, one item at a time, in feed order.
 */
public interface FeedSink
{
    /**
     * One item (a line of TSV/CSV, an {@code <item>} or {@code <entry>} of XML).
     *
     * @param line   line number where the item starts, from 1.
     * @param fields field name (as in Merchant Center, {@code g:} prefix dropped) to its text, trimmed; the
     *               first value when a field repeats.
     * @throws FeedAborted when the reading must stop.
     */
    void item(long line, Map<String, String> fields) throws FeedAborted;

    /**
     * An item that could not be read (a line with the wrong number of columns, for instance); reading goes on
     * with the next one.
     *
     * @param line   line number where it starts.
     * @param reason what is wrong.
     * @throws FeedAborted when the reading must stop.
     */
    void broken(long line, String reason) throws FeedAborted;
}
