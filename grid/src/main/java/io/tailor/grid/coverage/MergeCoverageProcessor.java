package io.tailor.grid.coverage;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;
import io.tailor.scoring.util.DistinctSketch;

import java.io.IOException;
import java.util.Map;

/**
 * Merges a node's sketch of one placement's hour into the bucket on its owner, register by register the larger:
 * idempotent and order-free, so a node sends its whole sketch each time and a repeated or late merge changes
 * nothing. The backup copies the result.
 */
public final class MergeCoverageProcessor
    implements EntryProcessor<String, byte[], Object>, IdentifiedDataSerializable
{
    private byte[] sketch;
    private transient byte[] written;

    /** For deserialization. */
    public MergeCoverageProcessor()
    {
    }

    /**
     * A merge.
     *
     * @param sketch the node's sketch, {@link DistinctSketch#REGISTERS} bytes.
     */
    public MergeCoverageProcessor(final byte[] sketch)
    {
        this.sketch = sketch;
    }

    @Override
    public Object process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        final byte[] merged = current == null || current.length != DistinctSketch.REGISTERS ?
            new byte[DistinctSketch.REGISTERS] : current.clone();
        DistinctSketch.merge(merged, sketch);
        written = merged;
        entry.setValue(merged);
        return null;
    }

    @Override
    public EntryProcessor<String, byte[], Object> getBackupProcessor()
    {
        final byte[] result = written;
        return result == null ? null : new SetValueProcessor<>(result);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.MERGE_COVERAGE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(sketch);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        sketch = in.readByteArray();
        if (sketch == null || sketch.length != DistinctSketch.REGISTERS)
        {
            throw new IOException("a coverage sketch has " + DistinctSketch.REGISTERS + " registers");
        }
    }
}
