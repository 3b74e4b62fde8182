package io.tailor.grid.segment;

import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.PutDefinitionProcessor;

/**
 * Defines, redefines or deletes a segment on its owner ({@link PutDefinitionProcessor}).
 */
public final class PutSegmentProcessor extends PutDefinitionProcessor<SegmentDefinition>
{
    /** For deserialization. */
    public PutSegmentProcessor()
    {
        this(null, 0);
    }

    /**
     * A change.
     *
     * @param json  the definition, or {@code null} to delete.
     * @param nowMs when.
     */
    public PutSegmentProcessor(final String json, final long nowMs)
    {
        super(SegmentDefinition::new, json, nowMs);
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PUT_SEGMENT;
    }
}
