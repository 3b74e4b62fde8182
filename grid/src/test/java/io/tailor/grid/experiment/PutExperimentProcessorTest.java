package io.tailor.grid.experiment;

import com.hazelcast.map.EntryProcessor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class PutExperimentProcessorTest
{
    private static final String DEFINITION = "{\"placement\":\"home\",\"arms\":[]}";

    @Test
    void shouldCreateARunningDefinitionAndSendTheBackupTheDefinitionWritten()
    {
        final Map.Entry<String, ExperimentDefinition> entry = entry("home-1", null);
        final PutExperimentProcessor processor = roundTrip(
            new PutExperimentProcessor(PutExperimentProcessor.Action.PUT, DEFINITION, NOW));

        final ExperimentDefinition written = processor.process(entry);

        assertThat(written).isSameAs(entry.getValue());
        assertThat(written.json()).isEqualTo(DEFINITION);
        assertThat(written.version()).isEqualTo(1);
        assertThat(written.stopped()).isFalse();
        final EntryProcessor<String, ExperimentDefinition, ExperimentDefinition> backup =
            processor.getBackupProcessor();
        final Map.Entry<String, ExperimentDefinition> copy = entry("home-1", null);
        backup.process(copy);
        assertThat(copy.getValue()).isSameAs(written);
    }

    @Test
    void shouldStopOnceKeepingTheDefinitionAndRefuseToRedefineAStoppedExperiment()
    {
        final Map.Entry<String, ExperimentDefinition> entry = entry("home-1",
            new ExperimentDefinition(DEFINITION, 2, NOW, NOW, 0));

        final ExperimentDefinition stopped = roundTrip(
            new PutExperimentProcessor(PutExperimentProcessor.Action.STOP, null, NOW + 5)).process(entry);
        final ExperimentDefinition again = new PutExperimentProcessor(PutExperimentProcessor.Action.STOP, null,
            NOW + 9).process(entry);
        final ExperimentDefinition redefined = new PutExperimentProcessor(PutExperimentProcessor.Action.PUT, "{}",
            NOW + 9).process(entry);

        assertThat(stopped.stoppedAtMs()).isEqualTo(NOW + 5);
        assertThat(stopped.json()).isEqualTo(DEFINITION);
        assertThat(stopped.version()).isEqualTo(3);
        assertThat(again).isSameAs(stopped);
        assertThat(redefined).as("a stopped experiment is not redefined").isSameAs(stopped);
        assertThat(entry.getValue()).isSameAs(stopped);
    }

    @Test
    void shouldDeleteLeavingATombstoneAndAnswerNothingForAnUnknownExperiment()
    {
        final ExperimentDefinition current = new ExperimentDefinition(DEFINITION, 3, NOW, NOW, 0);
        final Map.Entry<String, ExperimentDefinition> entry = entry("home-1", current);

        final ExperimentDefinition deleted = new PutExperimentProcessor(PutExperimentProcessor.Action.DELETE, null,
            NOW + 5).process(entry);

        assertThat(deleted).isSameAs(current);
        assertThat(entry.getValue().deleted()).isTrue();
        assertThat(entry.getValue().version()).isEqualTo(4);
        assertThat(new PutExperimentProcessor(PutExperimentProcessor.Action.DELETE, null, NOW + 6).process(entry))
            .isNull();
        assertThat(new PutExperimentProcessor(PutExperimentProcessor.Action.STOP, null, NOW + 6).process(entry))
            .isNull();
    }

    @Test
    void shouldRoundTripTheBinaryFormIncludingATombstone()
    {
        final ExperimentDefinition stopped = ExperimentDefinition.decode(
            new ExperimentDefinition(DEFINITION, 7, NOW, NOW + 1, NOW + 2).encode());
        final ExperimentDefinition tombstone = ExperimentDefinition.decode(
            new ExperimentDefinition(null, 8, NOW, NOW + 3, 0).encode());

        assertThat(stopped.json()).isEqualTo(DEFINITION);
        assertThat(stopped.version()).isEqualTo(7);
        assertThat(stopped.updatedAtMs()).isEqualTo(NOW + 1);
        assertThat(stopped.stoppedAtMs()).isEqualTo(NOW + 2);
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.version()).isEqualTo(8);
    }
}
