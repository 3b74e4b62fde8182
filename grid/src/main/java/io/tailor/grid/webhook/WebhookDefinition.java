package io.tailor.grid.webhook;

import io.tailor.grid.support.JsonDefinition;

/**
 * A value of the {@code webhooks} map: a webhook's definition as the API received it (canonical JSON text), or a
 * tombstone once deleted; the binary form is {@link JsonDefinition}'s. The grid keeps the text; each server node
 * parses it.
 */
public final class WebhookDefinition extends JsonDefinition
{
    /**
     * A definition, or a tombstone.
     *
     * @param json        the definition, or {@code null} for a tombstone.
     * @param version     version; every change increases it.
     * @param createdAtMs when it was first defined.
     * @param updatedAtMs when it was last changed (or deleted).
     */
    public WebhookDefinition(final String json, final long version, final long createdAtMs, final long updatedAtMs)
    {
        super(json, version, createdAtMs, updatedAtMs);
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the definition.
     */
    public static WebhookDefinition decode(final byte[] bytes)
    {
        return decode(bytes, WebhookDefinition::new, "webhook definition");
    }
}
