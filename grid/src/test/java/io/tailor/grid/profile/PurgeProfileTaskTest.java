package io.tailor.grid.profile;

import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.scoring.profile.ProfileCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class PurgeProfileTaskTest
{
    @TempDir
    Path dir;

    private MemberFiles files;
    private final byte[] profile = profileWith(view("e1", "alice", "run-1", NOW));

    @BeforeEach
    void open()
    {
        files = MemberFiles.open(dir, 10_000, false);
    }

    @AfterEach
    void close()
    {
        files.close();
    }

    @Test
    void shouldRemoveFileCopiesOlderThanTheErasure()
    {
        files.profiles().put("alice", profile);
        files.identities().put("anon-1", new IdentityLink("alice", 2, NOW).encode());
        final long erased = ProfileCodec.version(profile) + 1;

        final int purged = run(roundTrip(new PurgeProfileTask(List.of("alice"), new long[] {erased},
            List.of("anon-1"), new long[] {3})));

        assertThat(purged).isEqualTo(2);
        assertThat(files.profiles().get("alice")).isNull();
        assertThat(files.identities().get("anon-1")).isNull();
    }

    @Test
    void shouldKeepCopiesAsNewAsTheErasureOrNewer()
    {
        files.profiles().put("alice", profile);
        files.identities().put("anon-1", new IdentityLink("alice", 3, NOW).encode());

        final int purged = run(new PurgeProfileTask(List.of("alice", "bob"),
            new long[] {ProfileCodec.version(profile), 9}, List.of("anon-1"), new long[] {3}));

        assertThat(purged).isZero();
        assertThat(files.profiles().get("alice")).isEqualTo(profile);
        assertThat(files.identities().get("anon-1")).isNotNull();
    }

    @Test
    void shouldPurgeNothingOnAMemberWithoutFiles()
    {
        final PurgeProfileTask task = new PurgeProfileTask("alice", ProfileCodec.version(profile) + 1);
        task.setHazelcastInstance(instanceWith(context()));
        files.profiles().put("alice", profile);

        assertThat(task.call()).isZero();
        assertThat(files.profiles().get("alice")).isEqualTo(profile);
    }

    private int run(final PurgeProfileTask task)
    {
        task.setHazelcastInstance(instanceWith(context(files)));
        return task.call();
    }
}
