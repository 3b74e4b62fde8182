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

class ClearPendingProcessorTest
{
    private final MemberContext context = context();
    private final byte[] pending = profileWith(view("e1", null, "run-1", NOW));

    @Test
    void shouldDropThePendingProfileOnceMergedAndKeepForwarding()
    {
        final Map.Entry<String, byte[]> entry = entry("anon-1", ForwardRecord.encode(3, NOW, "alice", pending));

        final Object cleared = run(roundTrip(new ClearPendingProcessor("alice", ProfileCodec.version(pending))),
            entry);

        assertThat(cleared).isEqualTo(true);
        assertThat(ForwardRecord.target(entry.getValue())).isEqualTo("alice");
        assertThat(ForwardRecord.pending(entry.getValue())).isNull();
        assertThat(ForwardRecord.linkedAtMs(entry.getValue())).isEqualTo(NOW);
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(4);
    }

    @Test
    void shouldKeepAPendingProfileOfAnotherVersion()
    {
        final byte[] forward = ForwardRecord.encode(3, NOW, "alice", pending);
        final Map.Entry<String, byte[]> entry = entry("anon-1", forward);

        assertThat(run(new ClearPendingProcessor("alice", ProfileCodec.version(pending) + 1), entry))
            .isEqualTo(false);
        assertThat(entry.getValue()).isSameAs(forward);
    }

    @Test
    void shouldKeepAForwardToAnotherCustomerOrAProfile()
    {
        final byte[] forward = ForwardRecord.encode(3, NOW, "bob", pending);
        final Map.Entry<String, byte[]> toBob = entry("anon-1", forward);
        final Map.Entry<String, byte[]> profile = entry("anon-2", pending);
        final ClearPendingProcessor processor = new ClearPendingProcessor("alice", ProfileCodec.version(pending));

        assertThat(run(processor, toBob)).isEqualTo(false);
        assertThat(run(processor, profile)).isEqualTo(false);
        assertThat(toBob.getValue()).isSameAs(forward);
        assertThat(profile.getValue()).isSameAs(pending);
        assertThat(processor.getBackupProcessor()).isNull();
    }

    private Object run(final ClearPendingProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}
