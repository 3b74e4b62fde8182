package io.tailor.grid.profile;

import io.tailor.grid.ProcessorFixtures;
import io.tailor.grid.SharedBareMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a miss in the owner replica may be answered as "no profile": only on a partition whose fill ended with the
 * very records it started with. The member is a real, lone one; it owns every partition.
 */
class ProfileReplicaTest
{
    @RegisterExtension
    static final SharedBareMember GRID = new SharedBareMember();

    private static final String STORED = ProfileKeys.user("stored");
    private static final byte[] PROFILE =
        ProcessorFixtures.profileWith(ProcessorFixtures.view("e1", "stored", "p1", 1_700_000_000_000L));

    private ProfileReplica replica;
    private int partition;

    @BeforeEach
    void attach()
    {
        replica = new ProfileReplica(GRID.member().getPartitionService().getPartitions().size());
        replica.attach(GRID.member().getPartitionService());
        partition = replica.partitionOf(STORED);
    }

    @Test
    void shouldAskTheGridForAMissUntilAFillHasCompletedThePartition()
    {
        final String stranger = strangerIn(partition);
        assertThat(replica.lookup(stranger)).isNull();

        final ProfileReplica.Held fill = replica.needsFill(partition);
        replica.put(STORED, PROFILE);
        assertThat(replica.markFilled(partition, fill)).isTrue();

        assertThat(replica.lookup(STORED)).isSameAs(PROFILE);
        assertThat(replica.lookup(stranger)).isSameAs(ProfileReplica.NO_PROFILE);
        assertThat(replica.needsFill(partition)).as("complete").isNull();
        assertThat(replica.completePartitions()).isEqualTo(1);
    }

    @Test
    void shouldNotCompleteAPartitionWhoseRecordsWereDroppedWhileItsFillRan()
    {
        final ProfileReplica.Held fill = replica.needsFill(partition);
        // A migration drops the partition after the fill started; the fill's copy lands in the new, empty records.
        replica.invalidatePartitionOf(STORED);
        replica.put(STORED, PROFILE);

        assertThat(replica.markFilled(partition, fill)).isFalse();
        assertThat(replica.lookup(strangerIn(partition))).as("a miss is not authoritative").isNull();
        assertThat(replica.needsFill(partition)).as("filled again").isNotNull().isNotSameAs(fill);
    }

    @Test
    void shouldForgetThatAPartitionWasCompleteWhenItIsDropped()
    {
        final ProfileReplica.Held fill = replica.needsFill(partition);
        replica.put(STORED, PROFILE);
        replica.markFilled(partition, fill);

        replica.invalidatePartitionOf(STORED);

        assertThat(replica.lookup(STORED)).isNull();
        assertThat(replica.lookup(strangerIn(partition))).isNull();
        assertThat(replica.completePartitions()).isZero();
    }

    /** A key without a record in the given partition. */
    private String strangerIn(final int wanted)
    {
        for (int i = 0; ; i++)
        {
            final String key = ProfileKeys.user("stranger-" + i);
            if (replica.partitionOf(key) == wanted)
            {
                return key;
            }
        }
    }
}
