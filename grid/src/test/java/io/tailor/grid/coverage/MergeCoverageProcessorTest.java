package io.tailor.grid.coverage;

import com.hazelcast.map.EntryProcessor;
import io.tailor.scoring.util.DistinctSketch;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class MergeCoverageProcessorTest
{
    @Test
    void shouldKeepTheLargerRegisterOfEverySketchMergedAndSendTheBackupTheResult()
    {
        final Map.Entry<String, byte[]> entry = entry("home/493000", null);
        final MergeCoverageProcessor first = roundTrip(new MergeCoverageProcessor(sketchOf(0, 300)));
        first.process(entry);
        final EntryProcessor<String, byte[], Object> backup = first.getBackupProcessor();
        roundTrip(new MergeCoverageProcessor(sketchOf(200, 300))).process(entry);
        // the same sketch again changes nothing: a node sends its whole sketch every time
        new MergeCoverageProcessor(sketchOf(200, 300)).process(entry);

        assertThat((double)DistinctSketch.estimate(entry.getValue())).isBetween(500 * 0.95, 500 * 1.05);
        final Map.Entry<String, byte[]> copy = entry("home/493000", null);
        backup.process(copy);
        assertThat((double)DistinctSketch.estimate(copy.getValue())).isBetween(300 * 0.95, 300 * 1.05);
    }

    private static byte[] sketchOf(final int from, final int count)
    {
        final byte[] sketch = new byte[DistinctSketch.REGISTERS];
        for (int i = from; i < from + count; i++)
        {
            DistinctSketch.add(sketch, Hashing.mix(Hashing.key("p" + i)));
        }
        return sketch;
    }
}
