package io.tailor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deploy artifacts live: the module directory (set by Surefire) and the repository root above it.
 */
final class DeployFiles
{
    private DeployFiles()
    {
    }

    /**
     * The {@code deploy/} directory.
     *
     * @return its absolute path.
     */
    static Path deployDir()
    {
        final String configured = System.getProperty("tailor.deploy.dir");
        final Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The repository root (the parent of {@code deploy/}).
     *
     * @return its absolute path.
     */
    static Path root()
    {
        return deployDir().getParent();
    }

    /**
     * A file under {@code deploy/}.
     *
     * @param relative path relative to {@code deploy/}.
     * @return the absolute path.
     */
    static Path deploy(final String relative)
    {
        return deployDir().resolve(relative);
    }

    /**
     * The text of a file.
     *
     * @param file the file.
     * @return its content as UTF-8.
     */
    static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
    }
}
