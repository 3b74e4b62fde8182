package io.tailor.grid.promotion;

import com.hazelcast.map.EntryProcessor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class PutPromotionProcessorTest
{
    private static final String RULE = "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"2026-12-31T00:00:00Z\"}";

    @Test
    void shouldCreateADefinitionAndSendTheBackupTheDefinitionWritten()
    {
        final Map.Entry<String, PromotionDefinition> entry = entry("big", null);
        final PutPromotionProcessor processor = roundTrip(new PutPromotionProcessor(RULE, NOW));

        final PromotionDefinition written = processor.process(entry);

        assertThat(written).isSameAs(entry.getValue());
        assertThat(written.json()).isEqualTo(RULE);
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.createdAtMs()).isEqualTo(NOW);
        final EntryProcessor<String, PromotionDefinition, PromotionDefinition> backup = processor.getBackupProcessor();
        final Map.Entry<String, PromotionDefinition> copy = entry("big", null);
        backup.process(copy);
        assertThat(copy.getValue()).isSameAs(written);
    }

    @Test
    void shouldReplaceADefinitionKeepingWhenItWasCreated()
    {
        final Map.Entry<String, PromotionDefinition> entry = entry("big", new PromotionDefinition(RULE, 3, NOW, NOW));

        final PromotionDefinition written = new PutPromotionProcessor("{}", NOW + 5).process(entry);

        assertThat(written.version()).isEqualTo(4);
        assertThat(written.createdAtMs()).isEqualTo(NOW);
        assertThat(written.updatedAtMs()).isEqualTo(NOW + 5);
        assertThat(written.json()).isEqualTo("{}");
    }

    @Test
    void shouldDeleteWithATombstoneAndAnswerWhatWasThere()
    {
        final PromotionDefinition current = new PromotionDefinition(RULE, 3, NOW, NOW);
        final Map.Entry<String, PromotionDefinition> entry = entry("big", current);

        final PromotionDefinition answer = new PutPromotionProcessor(null, NOW + 5).process(entry);

        assertThat(answer).isSameAs(current);
        assertThat(entry.getValue().deleted()).isTrue();
        assertThat(entry.getValue().version()).isEqualTo(4);
    }

    @Test
    void shouldDeleteNothingThatIsNotThere()
    {
        final PromotionDefinition tombstone = new PromotionDefinition(null, 4, NOW, NOW);
        final Map.Entry<String, PromotionDefinition> deleted = entry("big", tombstone);
        final PutPromotionProcessor processor = new PutPromotionProcessor(null, NOW + 5);

        assertThat(processor.process(deleted)).isNull();
        assertThat(processor.process(entry("none", null))).isNull();
        assertThat(deleted.getValue()).isSameAs(tombstone);
        assertThat(processor.getBackupProcessor()).isNull();
    }
}
