package io.tailor.grid;

import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.WebhookDefinition;

/**
 * Where a member takes definitions shown to it directly ({@link ShowWebhookTask}), ahead of their map events: the
 * server node's segment and webhook registries, found through the member's user context under {@link #KEY}.
 * Both take a version only when it is newer than the one they know, so the map event arriving later changes
 * nothing.
 */
public interface ShownDefinitions
{
    /** Key in the Hazelcast member's user context. */
    String KEY = "tailor.definitions";

    /**
     * Takes a segment's definition.
     *
     * @param id         segment id.
     * @param definition its definition as stored.
     */
    void segment(String id, SegmentDefinition definition);

    /**
     * Takes a webhook's definition.
     *
     * @param id         webhook id.
     * @param definition its definition as stored.
     */
    void webhook(String id, WebhookDefinition definition);
}
