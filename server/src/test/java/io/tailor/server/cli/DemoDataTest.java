package io.tailor.server.cli;

import io.tailor.grid.persist.MemberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStartCleanAfterAPreviousDemoRunKeepingOtherFiles() throws IOException
    {
        writeDataFiles();
        DemoData.mark(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine\n");

        DemoData.prepare(dir, false);

        try (var left = Files.list(dir))
        {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void shouldKeepAPreviousDemosDataWhenAsked() throws IOException
    {
        writeDataFiles();
        DemoData.mark(dir);

        DemoData.prepare(dir, true);

        assertThat(dir.resolve("profiles.cm")).exists();
    }

    @Test
    void shouldRefuseToDeleteDataTheDemoDidNotWrite() throws IOException
    {
        writeDataFiles();

        assertThatThrownBy(() -> DemoData.prepare(dir, false)).isInstanceOf(StartupFailure.class)
            .hasMessageContaining("holds data the demo did not write").hasMessageContaining("--keep-data");
        assertThat(dir.resolve("profiles.cm")).exists();
    }

    @Test
    void shouldForgetTheDemoMarkOnceANodeServesTheDirectory() throws IOException
    {
        writeDataFiles();
        DemoData.mark(dir);

        DemoData.unmark(dir);

        assertThatThrownBy(() -> DemoData.prepare(dir, false)).isInstanceOf(StartupFailure.class);
    }

    @Test
    void shouldNotDeleteTheFilesOfARunningNode()
    {
        try (MemberFiles running = MemberFiles.open(dir, 1_000, false))
        {
            DemoData.mark(dir);

            assertThatThrownBy(() -> DemoData.prepare(dir, false)).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("in use by another Tailor node");
            assertThat(running.profiles().file()).exists();
        }
    }

    private void writeDataFiles() throws IOException
    {
        Files.writeString(dir.resolve("profiles.cm"), "x");
        Files.writeString(dir.resolve("profiles.cm.clean"), "closed cleanly\n");
        Files.writeString(dir.resolve(MemberFiles.LOCK_FILE), "pid 1\n");
    }
}
