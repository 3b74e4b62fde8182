package io.tailor.loadtest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tester is a client: its compiled classes refer to no class of the server, the grid or scoring.
 */
class ClientOnlyTest
{
    private static final List<String> FORBIDDEN = List.of("io/tailor/server", "io/tailor/grid", "io/tailor/scoring");

    @Test
    void shouldNotLinkAnyServerGridOrScoringClass() throws IOException
    {
        final Path classes = Path.of("target", "classes", "io", "tailor", "loadtest");
        assertThat(classes).isDirectory();
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(classes))
        {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (final Path file : files)
        {
            // Class references sit in the constant pool as internal names, e.g. io/tailor/server/Foo.
            final String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (final String forbidden : FORBIDDEN)
            {
                assertThat(constants).as("%s refers to %s", file, forbidden).doesNotContain(forbidden);
            }
        }
    }
}
