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

class ExpireIdleProcessorTest
{
    private static final long DAY_MS = 86_400_000L;

    private final MemberContext context = context();

    @Test
    void shouldExpireAProfileIdleSinceBeforeTheCutoff()
    {
        final byte[] idle = profileWith(view("e1", "alice", "run-1", NOW - 10 * DAY_MS));
        final Map.Entry<String, byte[]> entry = entry("alice", idle);
        context.replica().put("alice", idle);

        final Object version = run(roundTrip(new ExpireIdleProcessor(NOW - DAY_MS, NOW)), entry);

        assertThat(version).isEqualTo(ProfileCodec.version(idle) + 1);
        assertThat(TombstoneRecord.isTombstone(entry.getValue())).isTrue();
        assertThat(ProfileCodec.version(entry.getValue())).isEqualTo(version);
        assertThat(context.replica().lookup("alice")).isNull();
    }

    @Test
    void shouldKeepAProfileUsedSinceTheCutoff()
    {
        final byte[] recent = profileWith(view("e1", "alice", "run-1", NOW - 1_000));
        final Map.Entry<String, byte[]> entry = entry("alice", recent);

        assertThat(run(new ExpireIdleProcessor(NOW - DAY_MS, NOW), entry)).isNull();
        assertThat(entry.getValue()).isSameAs(recent);
    }

    @Test
    void shouldKeepRecordsThatAreNotProfiles()
    {
        final byte[] forward = ForwardRecord.encode(2, NOW - 10 * DAY_MS, "bob", null);
        final Map.Entry<String, byte[]> entry = entry("anon-1", forward);

        assertThat(run(new ExpireIdleProcessor(NOW - DAY_MS, NOW), entry)).isNull();
        assertThat(entry.getValue()).isSameAs(forward);
    }

    @Test
    void shouldRunTheSameDecisionOnTheBackup()
    {
        final ExpireIdleProcessor processor = new ExpireIdleProcessor(NOW - DAY_MS, NOW);
        final Map.Entry<String, byte[]> backup = entry("alice",
            profileWith(view("e1", "alice", "run-1", NOW - 10 * DAY_MS)));

        processor.getBackupProcessor().process(backup);

        assertThat(TombstoneRecord.isTombstone(backup.getValue())).isTrue();
    }

    private Object run(final ExpireIdleProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}
