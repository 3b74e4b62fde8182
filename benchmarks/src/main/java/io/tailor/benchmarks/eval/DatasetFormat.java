package io.tailor.benchmarks.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dataset layouts the evaluation reads, and how each is recognised from its files.
 */
public enum DatasetFormat
{
    /** GroupLens MovieLens (ml-latest, ml-latest-small, ml-25m ...): {@code ratings.csv} and {@code movies.csv}. */
    MOVIELENS("movielens"),
    /** The REES46 multi-category e-commerce event log: one or more CSV files with its header. */
    REES46("rees46"),
    /**
     * Anonymous sessions as the session-based recommendation literature preprocesses them: a folder with
     * {@code train.txt} (a session a line) and {@code test.txt} (a prefix, a tab, the next item).
     */
    SESSIONS("sessions");

    /** Header line of a REES46 event file. */
    public static final String REES46_HEADER =
        "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    private final String optionName;

    DatasetFormat(final String optionName)
    {
        this.optionName = optionName;
    }

    /**
     * Name of the format on the command line.
     *
     * @return e.g. {@code movielens}.
     */
    public String optionName()
    {
        return optionName;
    }

    /**
     * Format for a command-line name.
     *
     * @param name {@code movielens}, {@code rees46} or {@code sessions}, any case.
     * @return the format.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static DatasetFormat fromOptionName(final String name)
    {
        for (final DatasetFormat format : values())
        {
            if (format.optionName.equalsIgnoreCase(name))
            {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown dataset format '" + name + "' (movielens, rees46, sessions)");
    }

    /**
     * Recognises the format of a dataset from its files.
     *
     * @param path a dataset folder, or a single REES46 CSV file.
     * @return the format.
     * @throws IllegalArgumentException when neither layout is found.
     */
    public static DatasetFormat detect(final Path path)
    {
        if (Files.isDirectory(path) && Files.isRegularFile(path.resolve("ratings.csv")) &&
            Files.isRegularFile(path.resolve("movies.csv")))
        {
            return MOVIELENS;
        }
        if (!rees46Files(path).isEmpty())
        {
            return REES46;
        }
        if (SessionsReader.isSessionFolder(path))
        {
            return SESSIONS;
        }
        throw new IllegalArgumentException("cannot tell the format of " + path + ": expected ratings.csv and " +
            "movies.csv (MovieLens), CSV files starting with '" + REES46_HEADER + "' (REES46) or train.txt and " +
            "test.txt (sessions); or give --format");
    }

    /**
     * The REES46 event files of a dataset: the file itself, or every {@code *.csv} in the folder whose
     * first line is the REES46 header, by name.
     *
     * @param path a file or folder.
     * @return the files, sorted by name; empty when there are none.
     */
    static List<Path> rees46Files(final Path path)
    {
        final List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(path))
        {
            if (hasRees46Header(path))
            {
                files.add(path);
            }
            return files;
        }
        if (!Files.isDirectory(path))
        {
            return files;
        }
        try (Stream<Path> list = Files.list(path))
        {
            list.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                .sorted()
                .filter(DatasetFormat::hasRees46Header)
                .forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return files;
    }

    private static boolean hasRees46Header(final Path file)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            final String first = reader.readLine();
            return first != null && first.strip().replace("\uFEFF", "").equals(REES46_HEADER);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
