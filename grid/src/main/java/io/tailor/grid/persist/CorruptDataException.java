package io.tailor.grid.persist;

import java.nio.file.Path;

/**
 * A data file that cannot be opened or recovered intact: the member refuses to start rather than
 * silently dropping what the file held (unless started with {@code --discard-corrupt-data}).
 */
public final class CorruptDataException extends RuntimeException
{
    private final Path file;

    /**
     * A corrupt file.
     *
     * @param file   the file.
     * @param reason what is wrong with it.
     * @param cause  the underlying failure, or {@code null}.
     */
    public CorruptDataException(final Path file, final String reason, final Throwable cause)
    {
        super(file + ": " + reason + ". Tailor refuses to start rather than drop data; move the file away " +
            "or restore it from a backup, or start with --discard-corrupt-data to set it aside and start without it",
            cause);
        this.file = file;
    }

    /**
     * The file at fault.
     *
     * @return its path.
     */
    public Path file()
    {
        return file;
    }
}
