package io.tailor.server.cli;

import io.tailor.grid.persist.MemberFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The demo's data directory: each run starts clean (the store and shoppers the seed makes, nothing a previous
 * run added) unless asked to keep it, and the demo only ever deletes data it wrote itself. A directory the demo
 * wrote carries a marker file; {@code tailor serve} on it removes the marker, because the data is then more
 * than the demo's.
 */
final class DemoData
{
    /** Marker of a data directory written by the demo. */
    static final String MARKER = "demo-data";

    private DemoData()
    {
    }

    /**
     * Makes the directory ready for a demo run: deletes a previous demo's data files unless they are kept.
     *
     * @param dataDir  the data directory.
     * @param keepData run on what the directory holds.
     * @throws StartupFailure when the directory holds data the demo did not write, or another node holds it.
     */
    static void prepare(final Path dataDir, final boolean keepData)
    {
        if (keepData || !Files.isDirectory(dataDir) || !holdsData(dataDir))
        {
            return;
        }
        if (!Files.exists(dataDir.resolve(MARKER)))
        {
            throw new StartupFailure("--data-dir " + dataDir + " holds data the demo did not write; the demo " +
                "starts clean and does not delete it: give the demo another --data-dir, or --keep-data to run on it",
                null);
        }
        notInUse(dataDir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir))
        {
            for (final Path file : files)
            {
                if (isDataFile(file.getFileName().toString()))
                {
                    Files.delete(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new StartupFailure("--data-dir " + dataDir + ": the previous demo's data cannot be deleted (" +
                ex.getMessage() + "); delete it or give the demo another --data-dir", ex);
        }
    }

    /**
     * Marks the directory as written by the demo.
     *
     * @param dataDir the data directory.
     */
    static void mark(final Path dataDir)
    {
        try
        {
            Files.writeString(dataDir.resolve(MARKER), "written by tailor demo; the next demo run deletes it\n");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Forgets that the directory was the demo's: a node serving it now holds data the demo must not delete.
     *
     * @param dataDir the data directory.
     */
    static void unmark(final Path dataDir)
    {
        try
        {
            Files.deleteIfExists(dataDir.resolve(MARKER));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean holdsData(final Path dataDir)
    {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, "*.cm"))
        {
            return files.iterator().hasNext();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isDataFile(final String name)
    {
        return name.endsWith(".cm") || name.endsWith(".cm.clean") || name.contains(".cm.corrupt-") ||
            name.equals(MemberFiles.LOCK_FILE) || name.equals(MARKER);
    }

    /** Deleting a running node's files would lose its data: a held lock stops the demo first. */
    private static void notInUse(final Path dataDir)
    {
        final Path lockFile = dataDir.resolve(MemberFiles.LOCK_FILE);
        if (!Files.exists(lockFile))
        {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE))
        {
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                throw new StartupFailure("data directory " + dataDir + " is in use by another Tailor node; give " +
                    "each node its own --data-dir", null);
            }
            lock.release();
        }
        catch (final OverlappingFileLockException ex)
        {
            throw new StartupFailure("data directory " + dataDir + " is in use by another Tailor node; give each " +
                "node its own --data-dir", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
