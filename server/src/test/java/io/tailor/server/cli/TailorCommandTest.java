package io.tailor.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
