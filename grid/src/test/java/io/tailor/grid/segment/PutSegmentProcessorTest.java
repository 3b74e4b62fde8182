package io.tailor.grid.segment;

import com.hazelcast.map.EntryProcessor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class PutSegmentProcessorTest
{
    private static final String RULE = "{\"purpose\":\"marketing\",\"rule\":{\"field\":\"spend\",\"gte\":100}}";

    @Test
    void shouldCreateADefinitionAndSendTheBackupTheDefinitionWritten()
    {
        final Map.Entry<String, SegmentDefinition> entry = entry("big", null);
        final PutSegmentProcessor processor = roundTrip(new PutSegmentProcessor(RULE, NOW));

        final SegmentDefinition written = processor.process(entry);

        assertThat(written).isSameAs(entry.getValue());
        assertThat(written.json()).isEqualTo(RULE);
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.createdAtMs()).isEqualTo(NOW);
        final EntryProcessor<String, SegmentDefinition, SegmentDefinition> backup = processor.getBackupProcessor();
        final Map.Entry<String, SegmentDefinition> copy = entry("big", null);
        backup.process(copy);
        assertThat(copy.getValue()).isSameAs(written);
    }

    @Test
    void shouldReplaceADefinitionKeepingWhenItWasCreated()
    {
        final Map.Entry<String, SegmentDefinition> entry = entry("big", new SegmentDefinition(RULE, 3, NOW, NOW));

        final SegmentDefinition written = new PutSegmentProcessor("{}", NOW + 5).process(entry);

        assertThat(written.version()).isEqualTo(4);
        assertThat(written.createdAtMs()).isEqualTo(NOW);
        assertThat(written.updatedAtMs()).isEqualTo(NOW + 5);
        assertThat(written.json()).isEqualTo("{}");
    }

    @Test
    void shouldDeleteWithATombstoneAndAnswerWhatWasThere()
    {
        final SegmentDefinition current = new SegmentDefinition(RULE, 3, NOW, NOW);
        final Map.Entry<String, SegmentDefinition> entry = entry("big", current);

        final SegmentDefinition answer = new PutSegmentProcessor(null, NOW + 5).process(entry);

        assertThat(answer).isSameAs(current);
        assertThat(entry.getValue().deleted()).isTrue();
        assertThat(entry.getValue().version()).isEqualTo(4);
    }

    @Test
    void shouldDeleteNothingThatIsNotThere()
    {
        final SegmentDefinition tombstone = new SegmentDefinition(null, 4, NOW, NOW);
        final Map.Entry<String, SegmentDefinition> deleted = entry("big", tombstone);
        final PutSegmentProcessor processor = new PutSegmentProcessor(null, NOW + 5);

        assertThat(processor.process(deleted)).isNull();
        assertThat(processor.process(entry("none", null))).isNull();
        assertThat(deleted.getValue()).isSameAs(tombstone);
        assertThat(processor.getBackupProcessor()).isNull();
    }
}
