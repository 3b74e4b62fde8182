package io.tailor.server.cli;

import io.tailor.grid.persist.CorruptDataException;
import io.tailor.grid.persist.DataDirInUseException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an operator can get wrong in a node's environment, checked before the node starts anything (so a
 * failure leaves no half-started grid member and no new data files behind), and the failures that can still
 * happen while it starts, each turned into one {@link StartupFailure} line naming the option to change.
 */
final class StartupChecks
{
    private StartupChecks()
    {
    }

    /**
     * Fails when a TCP port cannot be listened on.
     *
     * @param what   what listens there, e.g. {@code HTTP} or {@code grid}.
     * @param host   bind address.
     * @param port   port; 0 (any free port) is always fine.
     * @param option the option that changes the port.
     * @throws StartupFailure naming the port and the option.
     */
    static void portFree(final String what, final String host, final int port, final String option)
    {
        if (port == 0)
        {
            return;
        }
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
        }
        catch (final BindException ex)
        {
            if (ex.getMessage() != null && ex.getMessage().contains("in use"))
            {
                throw new StartupFailure(inUse(what, host, port, option), ex);
            }
            throw cannotListen(what, host, port, option, ex);
        }
        catch (final IOException ex)
        {
            throw cannotListen(what, host, port, option, ex);
        }
    }

    private static StartupFailure cannotListen(final String what, final String host, final int port,
        final String option, final IOException ex)
    {
        final String hostOption = switch (what)
        {
            case "HTTP" -> "--host";
            case "ops" -> "--ops-host";
            default -> "--grid-host";
        };
        return new StartupFailure(what + " port " + port + " on " + host + " cannot be listened on (" +
            ex.getMessage() + "); check " + hostOption + " (an address of this machine) and " + option, ex);
    }

    private static String inUse(final String what, final String host, final int port, final String option)
    {
        return what + " port " + port + " on " + host + " is already in use (another Tailor node or another " +
            "program); stop it or choose another port with " + option;
    }

    /**
     * Creates the data directory if needed and fails when it cannot hold data files.
     *
     * @param dataDir the directory.
     * @throws StartupFailure naming the directory and {@code --data-dir}.
     */
    static void dataDirUsable(final Path dataDir)
    {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir))
        {
            throw new StartupFailure("--data-dir " + dataDir + " is not a directory; give a directory with --data-dir",
                null);
        }
        try
        {
            Files.createDirectories(dataDir);
        }
        catch (final IOException ex)
        {
            throw new StartupFailure("--data-dir " + dataDir + " cannot be created (" + reason(ex) + "); give a " +
                "writable directory with --data-dir", ex);
        }
        if (!Files.isWritable(dataDir))
        {
            throw new StartupFailure("--data-dir " + dataDir + " is not writable by this user; give a writable " +
                "directory with --data-dir", null);
        }
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied on " + ((FileSystemException)ex).getFile();
        }
        if (ex instanceof FileAlreadyExistsException exists)
        {
            return exists.getFile() + " is a file";
        }
        if (ex instanceof FileSystemException fs && fs.getReason() != null)
        {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT) + ": " + fs.getFile();
        }
        return String.valueOf(ex.getMessage());
    }

    /**
     * The one-line form of a failure while a node starts, when it is one the operator can fix.
     *
     * @param failure  what was thrown.
     * @param httpHost the HTTP bind address, or {@code null} for a node without HTTP.
     * @param httpPort the HTTP port.
     * @param gridHost the grid member's bind address.
     * @param gridPort the grid member's port.
     * @return the failure to report in one line, or {@code null} for any other failure (a bug: keep its trace).
     */
    static StartupFailure explain(final Throwable failure, final String httpHost, final int httpPort,
        final String gridHost, final int gridPort)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof StartupFailure known)
            {
                return known;
            }
            if (cause instanceof DataDirInUseException || cause instanceof CorruptDataException)
            {
                return new StartupFailure(cause.getMessage(), cause);
            }
            if (cause instanceof BindException)
            {
                return isHazelcast(failure) || httpHost == null ?
                    new StartupFailure(inUse("grid", gridHost, gridPort, "--grid-port"), failure) :
                    new StartupFailure(inUse("HTTP", httpHost, httpPort, "--port"), failure);
            }
        }
        return null;
    }

    private static boolean isHazelcast(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause.getClass().getName().startsWith("com.hazelcast."))
            {
                return true;
            }
        }
        return false;
    }
}
