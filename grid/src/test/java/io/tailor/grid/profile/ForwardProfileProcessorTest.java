package io.tailor.grid.profile;

import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;
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

class ForwardProfileProcessorTest
{
    private final MemberContext context = context();

    @Test
    void shouldTurnAProfileIntoAForwardRecordThatKeepsItPendingForTheMerge()
    {
        final byte[] anonymous = profileWith(view("e1", null, "run-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("anon-1", anonymous);
        context.replica().put("anon-1", anonymous);

        final Object pending = run(roundTrip(new ForwardProfileProcessor("alice", NOW + 1)), entry);

        assertThat(pending).isSameAs(anonymous);
        assertThat(ForwardRecord.isForward(entry.getValue())).isTrue();
        assertThat(ForwardRecord.target(entry.getValue())).isEqualTo("alice");
        assertThat(ForwardRecord.pending(entry.getValue())).isEqualTo(anonymous);
        assertThat(ForwardRecord.linkedAtMs(entry.getValue())).isEqualTo(NOW + 1);
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(ProfileCodec.version(anonymous) + 1);
        assertThat(context.replica().lookup("anon-1")).as("the owner follows the link without a grid read")
            .isSameAs(entry.getValue());
    }

    @Test
    void shouldForwardAnIdWithoutProfileWithNothingPending()
    {
        final Map.Entry<String, byte[]> entry = entry("card-7", null);

        assertThat(run(new ForwardProfileProcessor("alice", NOW), entry)).isNull();

        assertThat(ForwardRecord.target(entry.getValue())).isEqualTo("alice");
        assertThat(ForwardRecord.pending(entry.getValue())).isNull();
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(1);
    }

    @Test
    void shouldAnswerThePendingProfileAgainWhenSentTwice()
    {
        final byte[] anonymous = profileWith(view("e1", null, "run-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("anon-1", anonymous);
        run(new ForwardProfileProcessor("alice", NOW + 1), entry);
        final byte[] forward = entry.getValue();

        final Object again = run(new ForwardProfileProcessor("alice", NOW + 2), entry);

        assertThat(again).isEqualTo(anonymous);
        assertThat(entry.getValue()).isSameAs(forward);
    }

    private Object run(final ForwardProfileProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}
