package io.tailor.grid.experiment;

import com.hazelcast.map.EntryProcessor;
import io.tailor.scoring.experiment.ShopperSketch;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class MergeArmCountsProcessorTest
{
    @Test
    void shouldAddCountsMergeSketchesAndSendTheBackupTheResult()
    {
        final byte[] shoppers = new byte[ShopperSketch.REGISTERS];
        ShopperSketch.add(shoppers, 0x8000_0000_0000_0001L);
        final Map.Entry<String, ArmCounts> entry = entry("home-1@5/control", null);
        final MergeArmCountsProcessor first = roundTrip(new MergeArmCountsProcessor(
            new ArmCounts(0, new long[] {10, 2, 1, 1}, 25.5, shoppers, new byte[ShopperSketch.REGISTERS])));

        first.process(entry);
        new MergeArmCountsProcessor(new ArmCounts(0, new long[] {5, 1, 0, 0}, 0, null, null)).process(entry);

        final ArmCounts merged = entry.getValue();
        assertThat(merged.counts()).containsExactly(15, 3, 1, 1);
        assertThat(merged.revenue()).isEqualTo(25.5);
        assertThat(merged.version()).isEqualTo(2);
        assertThat(ShopperSketch.estimate(merged.shoppers())).isEqualTo(1);
        final EntryProcessor<String, ArmCounts, Object> backup = first.getBackupProcessor();
        final Map.Entry<String, ArmCounts> copy = entry("home-1@5/control", null);
        backup.process(copy);
        assertThat(copy.getValue().counts()).containsExactly(10, 2, 1, 1);
        assertThat(ArmCounts.decode(merged.encode()).counts()).containsExactly(15, 3, 1, 1);
        assertThat(ArmCounts.decode(merged.encode()).shoppers()).isEqualTo(merged.shoppers());
    }
}
