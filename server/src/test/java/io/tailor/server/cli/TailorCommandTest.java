package io.tailor.server.cli;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.persist.MemberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailorCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRefuseToStartWithABadConfigFileNamingTheSettingWithoutAStackTrace() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("tailor.yaml"),
            "ranking:\n  frequencyCap: {maxImpresions: 2}\n");
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = TailorCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        final int exit = commandLine.execute("serve", "--config", config.toString(), "--port", "0",
            "--persistence", "none");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("tailor serve: ").contains("ranking.frequencyCap.maxImpresions")
            .contains(":2").doesNotContain("\tat ");
    }

    @Test
    void shouldGiveTheGridTheFactorSettingsOfTheConfigFile() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("tailor.yaml"), "model:\n  factors: {rank: 0}\n");
        final NodeOptions options = new NodeOptions();
        new CommandLine(options).parseArgs("--config", config.toString(), "--port", "0", "--persistence", "none");

        assertThat(options.settings().grid().model().factors().enabled()).isFalse();
    }

    @Test
    void shouldNameABusyGridPortAndTheOptionThatChangesItInOneLine() throws IOException
    {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Run run = serve("--grid-port", Integer.toString(busy.getLocalPort()), "--persistence", "none");

            assertThat(run.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
            assertThat(run.oneLine()).contains("grid port " + busy.getLocalPort()).contains("already in use")
                .contains("--grid-port");
        }
    }

    @Test
    void shouldNameABusyHttpPortAndTheOptionThatChangesItInOneLine() throws IOException
    {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Run run = serve("--port", Integer.toString(busy.getLocalPort()), "--persistence", "none");

            assertThat(run.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
            assertThat(run.oneLine()).contains("HTTP port " + busy.getLocalPort()).contains("already in use")
                .contains("--port");
        }
    }

    @Test
    void shouldNameAGridHostThatIsNotAnAddressOfThisMachineInOneLine()
    {
        // TEST-NET-1 (RFC 5737): never an address of a test machine.
        final Run run = serve("--grid-host", "192.0.2.1", "--persistence", "none");

        assertThat(run.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
        assertThat(run.oneLine()).contains("grid port").contains("on 192.0.2.1 cannot be listened on")
            .contains("--grid-host").doesNotContain("already in use");
    }

    @Test
    void shouldRefuseADataDirectoryThatCannotHoldFilesInOneLine() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "not a directory\n");

        final Run notADirectory = serve("--data-dir", file.toString());
        final Run cannotBeCreated = serve("--data-dir", file.resolve("data").toString());

        assertThat(notADirectory.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
        assertThat(notADirectory.oneLine()).contains("--data-dir " + file).contains("is not a directory");
        assertThat(cannotBeCreated.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
        assertThat(cannotBeCreated.oneLine()).contains("--data-dir " + file.resolve("data"))
            .contains("cannot be created");
    }

    @Test
    void shouldRefuseADataDirectoryAnotherNodeHoldsInOneLine()
    {
        final Path data = dir.resolve("data");
        try (MemberFiles held = MemberFiles.open(data, 1_000, false))
        {
            assertThat(held.profiles().size()).isZero();
            final Run run = serve("--data-dir", data.toString());

            assertThat(run.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
            assertThat(run.oneLine()).contains(data.toString()).contains("in use by another Tailor node")
                .contains("pid " + ProcessHandle.current().pid()).contains("--data-dir");
        }
        assertThat(data.resolve(MemberFiles.LOCK_FILE)).exists();
    }

    @Test
    void shouldRefuseACorruptDataFileInOneLineNamingTheWayOut() throws IOException
    {
        final Path data = Files.createDirectories(dir.resolve("data"));
        Files.createFile(data.resolve("profiles.cm"));

        final Run run = serve("--data-dir", data.toString());

        assertThat(run.exit).isEqualTo(TailorCommand.EXIT_STARTUP);
        assertThat(run.oneLine()).contains(data.resolve("profiles.cm").toString()).contains("empty")
            .contains("--discard-corrupt-data");
    }

    @Test
    void shouldRefuseAMissingKeysFileOrTlsFileInOneLine()
    {
        final Path missing = dir.resolve("missing.pem");

        final Run keys = serve("--api-keys-file", missing.toString(), "--persistence", "none");
        final Run tls = serve("--tls-cert", missing.toString(), "--tls-key", missing.toString(), "--persistence",
            "none");

        assertThat(keys.exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(keys.oneLine()).contains(missing.toString()).contains("cannot be read (no such file)")
            .contains("--api-keys-file");
        assertThat(tls.exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(tls.oneLine()).contains("--tls-cert " + missing).contains("not a readable file");
    }

    @Test
    void shouldRefuseAWarmUpLongerThanFiveMinutesInOneLineNamingTheOption()
    {
        final Run run = serve("--warm-up", "10m", "--persistence", "none");

        assertThat(run.exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.oneLine()).contains("--warm-up must be in 0s..5m");
    }

    @Test
    void shouldPrintTheVersionForEverySubcommand()
    {
        for (final String command : List.of("serve", "demo", "grid", "keys"))
        {
            final StringWriter out = new StringWriter();
            final CommandLine commandLine = TailorCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));

            assertThat(commandLine.execute(command, "-V")).isZero();
            assertThat(out.toString().strip()).as(command).isEqualTo(TailorCommand.VERSION);
        }
    }

    private Run serve(final String... options)
    {
        final List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(options));
        if (!args.contains("--port"))
        {
            args.addAll(List.of("--port", "0"));
        }
        if (!args.contains("--grid-port"))
        {
            args.addAll(List.of("--grid-port", Integer.toString(GridFixtures.freePort())));
        }
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = TailorCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        final int exit = commandLine.execute(args.toArray(String[]::new));
        return new Run(exit, err.toString());
    }

    /** A command's exit code and what it printed on stderr. */
    private record Run(int exit, String err)
    {
        String oneLine()
        {
            assertThat(err).startsWith("tailor serve: ").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(err.strip().lines()).as(err).hasSize(1);
            return err.strip();
        }
    }
}
