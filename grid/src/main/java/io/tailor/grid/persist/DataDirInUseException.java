package io.tailor.grid.persist;

import java.nio.file.Path;

/**
 * A member's data directory is held by another running Tailor process. Two processes writing the same
 * Chronicle Map files would each take the other's entries for their own, so the second one does not start.
 */
public final class DataDirInUseException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A directory in use.
     *
     * @param dataDir the directory.
     * @param holder  what the lock file says about its holder (e.g. {@code pid 1234}), or empty.
     */
    public DataDirInUseException(final Path dataDir, final String holder)
    {
        super("data directory " + dataDir + " is in use by another Tailor node" +
            (holder.isEmpty() ? "" : " (" + holder + ")") + "; give each node its own --data-dir");
    }
}
