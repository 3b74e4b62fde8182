package io.tailor.grid.promotion;

import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.PutDefinitionProcessor;

/**
 * Defines, redefines or deletes a promotion on its owner ({@link PutDefinitionProcessor}).
 */
public final class PutPromotionProcessor extends PutDefinitionProcessor<PromotionDefinition>
{
    /** For deserialization. */
    public PutPromotionProcessor()
    {
        this(null, 0);
    }

    /**
     * A change.
     *
     * @param json  the definition, or {@code null} to delete.
     * @param nowMs when.
     */
    public PutPromotionProcessor(final String json, final long nowMs)
    {
        super(PromotionDefinition::new, json, nowMs);
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PUT_PROMOTION;
    }
}
