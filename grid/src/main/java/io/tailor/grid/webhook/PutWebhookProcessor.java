package io.tailor.grid.webhook;

import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.PutDefinitionProcessor;

/**
 * Defines, redefines or deletes a webhook on its owner ({@link PutDefinitionProcessor}).
 */
public final class PutWebhookProcessor extends PutDefinitionProcessor<WebhookDefinition>
{
    /** For deserialization. */
    public PutWebhookProcessor()
    {
        this(null, 0);
    }

    /**
     * A change.
     *
     * @param json  the definition, or {@code null} to delete.
     * @param nowMs when.
     */
    public PutWebhookProcessor(final String json, final long nowMs)
    {
        super(WebhookDefinition::new, json, nowMs);
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PUT_WEBHOOK;
    }
}
