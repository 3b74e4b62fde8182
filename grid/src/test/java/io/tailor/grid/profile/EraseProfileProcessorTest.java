package io.tailor.grid.profile;

import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.TombstoneRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class EraseProfileProcessorTest
{
    private final MemberContext context = context();

    @Test
    void shouldReplaceAProfileWithATombstoneOfTheNextVersionAndAnswerWhatWasErased()
    {
        final byte[] stored = profileWith(view("e1", "alice", "run-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("alice", stored);
        context.replica().put("alice", stored);

        final Object erased = run(roundTrip(new EraseProfileProcessor(NOW + 1)), entry);

        assertThat(erased).isSameAs(stored);
        assertThat(TombstoneRecord.isTombstone(entry.getValue())).isTrue();
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(ProfileCodec.version(stored) + 1);
        assertThat(context.replica().lookup("alice")).isNull();
    }

    @Test
    void shouldEraseAForwardRecordToo()
    {
        final Map.Entry<String, byte[]> entry = entry("anon-1", ForwardRecord.encode(4, NOW, "alice", null));

        run(new EraseProfileProcessor(NOW + 1), entry);

        assertThat(TombstoneRecord.isTombstone(entry.getValue())).isTrue();
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(5);
    }

    @Test
    void shouldLeaveNothingAndATombstoneAsTheyAre()
    {
        final byte[] tombstone = TombstoneRecord.encode(7, NOW);
        final Map.Entry<String, byte[]> erased = entry("alice", tombstone);
        final Map.Entry<String, byte[]> missing = entry("bob", null);
        final EraseProfileProcessor processor = new EraseProfileProcessor(NOW + 1);

        assertThat(run(processor, erased)).isNull();
        assertThat(run(processor, missing)).isNull();

        assertThat(erased.getValue()).isSameAs(tombstone);
        assertThat(missing.getValue()).isNull();
    }

    private Object run(final EraseProfileProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}
