package io.tailor.grid.recovery;

import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.persist.MemberFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class PersistLocallyProcessorTest
{
    @TempDir
    Path dir;

    private MemberFiles files;

    @AfterEach
    void close()
    {
        if (files != null)
        {
            files.close();
        }
    }

    @Test
    void shouldWriteTheEntryToTheFileOfItsMapWithoutChangingIt()
    {
        files = MemberFiles.open(dir, 10_000, false);
        final byte[] profile = profileWith(view("e1", "alice", "run-1", NOW));
        final Map.Entry<Object, Object> profileEntry = entry("alice", profile);
        final Map.Entry<Object, Object> linkEntry = entry("anon-1", new IdentityLink("alice", 2, NOW));

        run(roundTrip(new PersistLocallyProcessor()), profileEntry);
        run(new PersistLocallyProcessor(), linkEntry);

        assertThat(files.profiles().get("alice")).isEqualTo(profile);
        assertThat(IdentityLink.decode(files.identities().get("anon-1")).user()).isEqualTo("alice");
        assertThat(profileEntry.getValue()).isSameAs(profile);
    }

    @Test
    void shouldWriteNothingForAMissingValueOrAMemberWithoutFiles()
    {
        files = MemberFiles.open(dir, 10_000, false);

        run(new PersistLocallyProcessor(), entry("alice", null));
        final PersistLocallyProcessor withoutFiles = new PersistLocallyProcessor();
        withoutFiles.setHazelcastInstance(instanceWith(context()));
        withoutFiles.process(entry("bob", profileWith(view("e1", "bob", "run-1", NOW))));

        assertThat(files.profiles().size()).isZero();
    }

    @Test
    void shouldNotRunOnBackups()
    {
        assertThat(new PersistLocallyProcessor().getBackupProcessor()).isNull();
    }

    private void run(final PersistLocallyProcessor processor, final Map.Entry<Object, Object> entry)
    {
        processor.setHazelcastInstance(instanceWith(context(files)));
        processor.process(entry);
    }
}
