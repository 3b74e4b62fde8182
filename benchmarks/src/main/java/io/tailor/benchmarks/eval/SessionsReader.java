package io.tailor.benchmarks.eval;

import org.agrona.collections.Object2IntHashMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the session-based recommendation literature's preprocessed splits as plain text (the {@code sessions}
 * format): {@code train.txt}, one training session a line, item ids separated by spaces, oldest first; and
 * {@code test.txt}, one case a line, a session prefix (item ids, space-separated), a tab, and the next item.
 * <p>
 * Items get dense indices in order of first appearance, training first. A line that is blank is skipped; a
 * training session of fewer than one item or a case without a prefix or a next item is an error that names the
 * file and line, because a silently shorter test set would change the published comparison.
 */
public final class SessionsReader
{
    /** Name of the training sessions file. */
    public static final String TRAIN_FILE = "train.txt";
    /** Name of the test cases file. */
    public static final String TEST_FILE = "test.txt";

    private final Object2IntHashMap<String> indexById = new Object2IntHashMap<>(1 << 16, 0.65f, -1);
    private final List<String> ids = new ArrayList<>();

    private SessionsReader()
    {
    }

    /**
     * Whether a folder holds a session dataset.
     *
     * @param folder a path.
     * @return true when it is a folder with {@code train.txt} and {@code test.txt}.
     */
    public static boolean isSessionFolder(final Path folder)
    {
        return Files.isDirectory(folder) && Files.isRegularFile(folder.resolve(TRAIN_FILE)) &&
            Files.isRegularFile(folder.resolve(TEST_FILE));
    }

    /**
     * Reads a session dataset folder.
     *
     * @param folder folder with {@code train.txt} and {@code test.txt}.
     * @return the dataset, named after the folder.
     * @throws IOException when a file cannot be read or a line is malformed.
     */
    public static SessionData read(final Path folder) throws IOException
    {
        try (Reader train = Files.newBufferedReader(folder.resolve(TRAIN_FILE), StandardCharsets.UTF_8);
            Reader test = Files.newBufferedReader(folder.resolve(TEST_FILE), StandardCharsets.UTF_8))
        {
            return read(folder.getFileName().toString(), train, test);
        }
    }

    /**
     * Reads a session dataset from text, for tests and small inline data.
     *
     * @param name  dataset name.
     * @param train training sessions in the {@code train.txt} layout.
     * @param test  cases in the {@code test.txt} layout.
     * @return the dataset.
     * @throws IOException when a line is malformed.
     */
    public static SessionData read(final String name, final String train, final String test) throws IOException
    {
        return read(name, new StringReader(train), new StringReader(test));
    }

    private static SessionData read(final String name, final Reader train, final Reader test) throws IOException
    {
        final SessionsReader reader = new SessionsReader();
        final List<int[]> sessions = new ArrayList<>();
        final BufferedReader trainLines = new BufferedReader(train);
        int lineNumber = 0;
        for (String line = trainLines.readLine(); line != null; line = trainLines.readLine())
        {
            lineNumber++;
            if (!line.isBlank())
            {
                sessions.add(reader.items(line, TRAIN_FILE, lineNumber));
            }
        }
        final List<SessionCase> cases = new ArrayList<>();
        final BufferedReader testLines = new BufferedReader(test);
        lineNumber = 0;
        for (String line = testLines.readLine(); line != null; line = testLines.readLine())
        {
            lineNumber++;
            if (line.isBlank())
            {
                continue;
            }
            final int tab = line.indexOf('\t');
            if (tab < 0)
            {
                throw new IOException(TEST_FILE + " line " + lineNumber + ": expected 'prefix<TAB>next item'");
            }
            final int[] prefix = reader.items(line.substring(0, tab), TEST_FILE, lineNumber);
            final int[] next = reader.items(line.substring(tab + 1), TEST_FILE, lineNumber);
            if (next.length != 1)
            {
                throw new IOException(TEST_FILE + " line " + lineNumber + ": expected one next item, found " +
                    next.length);
            }
            cases.add(new SessionCase(prefix, next[0]));
        }
        return new SessionData(name, reader.ids.toArray(new String[0]), sessions, cases);
    }

    private int[] items(final String text, final String file, final int lineNumber) throws IOException
    {
        final String[] tokens = text.strip().split("\\s+");
        if (tokens.length == 0 || tokens[0].isEmpty())
        {
            throw new IOException(file + " line " + lineNumber + ": no item ids");
        }
        final int[] items = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++)
        {
            if (!Ids.valid(tokens[i]))
            {
                throw new IOException(file + " line " + lineNumber + ": not a valid item id '" + tokens[i] + "'");
            }
            int index = indexById.getValue(tokens[i]);
            if (index < 0)
            {
                index = ids.size();
                ids.add(tokens[i]);
                indexById.put(tokens[i], index);
            }
            items[i] = index;
        }
        return items;
    }
}
