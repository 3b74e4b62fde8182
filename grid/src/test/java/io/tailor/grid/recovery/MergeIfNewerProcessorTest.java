package io.tailor.grid.recovery;

import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.profile.MemberContext;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.TombstoneRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.backupContext;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class MergeIfNewerProcessorTest
{
    private final MemberContext context = context();
    private final byte[] older = profileWith(view("e1", "alice", "run-1", NOW));
    private final byte[] newer = profileWith(view("e1", "alice", "run-1", NOW), view("e2", "alice", "run-2", NOW));

    @Test
    void shouldTakeTheFilesCopyWhenTheGridHasNoneAndServeItFromTheReplica()
    {
        final Map.Entry<Object, Object> entry = entry("alice", null);

        assertThat(run(roundTrip(processor(Map.of("alice", older))), entry)).isTrue();

        assertThat(entry.getValue()).isEqualTo(older);
        assertThat(context.replica().lookup("alice")).isEqualTo(older);
    }

    @Test
    void shouldLeaveTheReplicaOfAMemberThatHoldsOnlyTheBackupAlone()
    {
        final MemberContext backup = backupContext();
        final Map.Entry<Object, Object> entry = entry("alice", null);
        final MergeIfNewerProcessor processor = processor(Map.of("alice", older));
        run(processor, entry);
        final MergeIfNewerProcessor onBackup = (MergeIfNewerProcessor)processor.getBackupProcessor();
        onBackup.setHazelcastInstance(instanceWith(backup));
        final Map.Entry<Object, Object> backupEntry = entry("alice", null);

        assertThat(onBackup.process(backupEntry)).isTrue();

        assertThat(backupEntry.getValue()).as("the backup takes the copy").isEqualTo(older);
        assertThat(backup.replica().size()).as("but its replica, never read, holds nothing").isZero();
    }

    @Test
    void shouldTakeANewerVersionAndKeepTheGridsWhenItIsAsNewOrNewer()
    {
        final Map.Entry<Object, Object> stale = entry("alice", older);
        final Map.Entry<Object, Object> current = entry("alice", newer);

        assertThat(run(processor(Map.of("alice", newer)), stale)).isTrue();
        assertThat(run(processor(Map.of("alice", older)), current)).isFalse();
        assertThat(run(processor(Map.of("alice", newer)), current)).isFalse();

        assertThat(stale.getValue()).isEqualTo(newer);
        assertThat(current.getValue()).isSameAs(newer);
    }

    @Test
    void shouldKeepATombstoneAgainstAnOlderProfile()
    {
        final byte[] tombstone = TombstoneRecord.encode(ProfileCodec.version(older) + 1, NOW);
        final Map.Entry<Object, Object> erased = entry("alice", tombstone);

        assertThat(run(processor(Map.of("alice", older)), erased)).isFalse();
        assertThat(erased.getValue()).isSameAs(tombstone);
    }

    @Test
    void shouldCompareCatalogEntriesByTheirVersions()
    {
        final Map.Entry<Object, Object> entry = entry("run-1", CatalogEntry.tombstone(3));

        assertThat(run(processor(Map.of("run-1", CatalogEntry.tombstone(4))), entry)).isTrue();
        assertThat(((CatalogEntry)entry.getValue()).version()).isEqualTo(4);
    }

    @Test
    void shouldLeaveKeysItHasNoCandidateFor()
    {
        final Map.Entry<Object, Object> entry = entry("bob", null);

        assertThat(run(processor(Map.of("alice", older)), entry)).isFalse();
        assertThat(entry.getValue()).isNull();
    }

    @Test
    void shouldMakeTheSameDecisionOnTheBackup()
    {
        final Map.Entry<Object, Object> backup = entry("alice", null);

        processor(Map.of("alice", older)).getBackupProcessor().process(backup);

        assertThat(backup.getValue()).isEqualTo(older);
    }

    private static MergeIfNewerProcessor processor(final Map<Object, Object> candidates)
    {
        return new MergeIfNewerProcessor(new HashMap<>(candidates));
    }

    private Boolean run(final MergeIfNewerProcessor processor, final Map.Entry<Object, Object> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}
