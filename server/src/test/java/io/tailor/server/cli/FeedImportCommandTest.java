package io.tailor.server.cli;

import io.tailor.server.api.ApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FeedImportCommandTest
{
    private static ApiServer node;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNode()
    {
        node = ApiServer.start();
    }

    @AfterAll
    static void stopNode()
    {
        node.close();
    }

    private Path fixture(final String name) throws Exception
    {
        final Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/feeds/" + name))
        {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void importsAFeedFileIntoTheRunningNodeAndListsTheBrokenLine() throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = TailorCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        final int exit = commandLine.execute("feed", "import", fixture("feed.csv").toString(),
            "--node", node.server().url(), "--label", "custom_label_0=style");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("imported 3 products from 4 items");
        assertThat(err.toString()).contains("line 5 (price)");
        final ApiServer.Answer lamp = node.get("/v1/products/lamp-2");
        assertThat(lamp.status()).isEqualTo(200);
        assertThat(lamp.json().path("category").asText()).isEqualTo("Home/Lighting");
        assertThat(lamp.json().path("attributes").path("style").get(0).asText()).isEqualTo("modern");
        assertThat(node.get("/v1/products/lamp-3").status()).isEqualTo(404);
    }

    @Test
    void takesTheFormatFromTheOptionWhenTheExtensionSaysNone() throws Exception
    {
        final Path file = Files.move(fixture("feed.tsv"), dir.resolve("export.dat"));
        final CommandLine commandLine = TailorCommand.commandLine();
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("feed", "import", file.toString(), "--node", node.server().url()))
            .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--format");
        assertThat(TailorCommand.commandLine().execute("feed", "import", file.toString(), "--format", "tsv",
            "--node", node.server().url())).isZero();
        assertThat(node.get("/v1/products/sock-3").status()).isEqualTo(200);
    }
}
