package io.tailor.benchmarks.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReplaceOnlyTheDatasetsOwnTableInTheQualitySection() throws Exception
    {
        final Path file = dir.resolve("RESULTS.md");
        Files.writeString(file, "# Results\n\n## Speed\n\nJMH table\n\n## Faults\n\nkill -9\n");

        ResultsFile.update(file, "a", "### a\n\nfirst\n");
        ResultsFile.update(file, "b", "### b\n\nsecond\n");
        ResultsFile.update(file, "a", "### a\n\nthird\n");

        final String text = Files.readString(file);
        assertThat(text).contains("## Speed\n\nJMH table").contains("## Faults\n\nkill -9");
        assertThat(text).contains("third").contains("second").doesNotContain("first");
        assertThat(text.indexOf("## Quality")).isGreaterThan(text.indexOf("## Faults"));
        assertThat(text.indexOf("### b")).isGreaterThan(text.indexOf("### a"));
    }

    @Test
    void shouldInsertIntoAnExistingQualitySectionBeforeTheNextSection() throws Exception
    {
        final Path file = dir.resolve("RESULTS.md");
        Files.writeString(file, "# Results\n\n## Quality\n\nIntro.\n\n## Speed\n\nJMH\n");

        ResultsFile.update(file, "ml", "### ml\n\ntable\n");

        final String text = Files.readString(file);
        assertThat(text.indexOf("### ml")).isGreaterThan(text.indexOf("Intro.")).isLessThan(text.indexOf("## Speed"));
    }
}
