package io.tailor.benchmarks.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the latest table of each dataset in the "Quality" section of a Markdown file (benchmarks/RESULTS.md),
 * between markers, so a new run replaces its own table and leaves everything else as it was.
 */
final class ResultsFile
{
    /** Heading of the section the tables go under. */
    static final String SECTION = "## Quality";

    private ResultsFile()
    {
    }

    /**
     * Puts a dataset's table into a file, replacing the previous one for that dataset.
     *
     * @param file     the Markdown file; created when missing.
     * @param slug     dataset name, as in the result file names.
     * @param markdown the dataset's section.
     * @throws IOException when the file cannot be read or written.
     */
    static void update(final Path file, final String slug, final String markdown) throws IOException
    {
        final String begin = "<!-- eval:" + slug + ":begin -->";
        final String end = "<!-- eval:" + slug + ":end -->";
        final String block = begin + "\n" + markdown.strip() + "\n" + end;
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmark results\n";
        final int from = text.indexOf(begin);
        final int to = text.indexOf(end);
        if (from >= 0 && to > from)
        {
            text = text.substring(0, from) + block + text.substring(to + end.length());
        }
        else
        {
            final int section = text.indexOf(SECTION + "\n");
            if (section < 0)
            {
                text = text.stripTrailing() + "\n\n" + SECTION + "\n\n" + block + "\n";
            }
            else
            {
                final int next = text.indexOf("\n## ", section + SECTION.length());
                final int at = next < 0 ? text.length() : next + 1;
                final String before = text.substring(0, at).stripTrailing();
                text = before + "\n\n" + block + "\n" + (next < 0 ? "" : "\n" + text.substring(at));
            }
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
