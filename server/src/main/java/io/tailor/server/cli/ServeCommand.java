package io.tailor.server.cli;

import io.tailor.grid.GridSettings;
import io.tailor.server.TailorServer;
import io.tailor.server.config.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tailor serve}: one node (grid member and HTTP server) until SIGTERM or SIGINT.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, version = TailorCommand.VERSION,
    description = "Run a Tailor node: an embedded grid member and the HTTP API, until stopped (SIGTERM).")
public final class ServeCommand implements Callable<Integer>
{
    @Mixin
    NodeOptions node;

    @Option(names = "--client", split = ",", paramLabel = "HOST:PORT",
        description = "Serve HTTP as a client of a dedicated grid (members started with 'tailor grid') instead of " +
            "being a member; the grid options other than --cluster-name and --dimensions do not apply " +
            "(env TAILOR_CLIENT).")
    List<String> client;

    @Override
    public Integer call() throws Exception
    {
        final List<String> members = client != null ? client : envList("TAILOR_CLIENT");
        final TailorServer server;
        if (members.isEmpty())
        {
            final ServerSettings settings = node.settings();
            server = start(settings);
            if (settings.grid().persists())
            {
                DemoData.unmark(settings.grid().dataDir());
            }
        }
        else
        {
            final ServerSettings settings = node.clientSettings(members);
            StartupChecks.portFree("HTTP", settings.host(), settings.port(), "--port");
            server = TailorServer.startClient(settings, Clock.systemUTC());
        }
        System.out.println("Tailor is listening at " + server.url() + "; it reports ready once its data is loaded " +
            "and it has warmed up (--warm-up)");
        announceWhenReady(server);
        awaitShutdown(server);
        return 0;
    }

    /** Prints "Tailor is ready" when {@code /health/ready} would first answer 200, from a thread of its own. */
    private static void announceWhenReady(final TailorServer server)
    {
        final Thread notice = new Thread(() ->
        {
            try
            {
                while (!server.ready())
                {
                    Thread.sleep(100);
                }
                System.out.println("Tailor is ready at " + server.url());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "tailor-ready-notice");
        notice.setDaemon(true);
        notice.start();
    }

    private static List<String> envList(final String name)
    {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s*,\\s*"));
    }

    /**
     * Starts a node with its data directory in place, after checking what its operator could have got wrong
     * (ports in use, an unusable data directory), so that such a start fails before anything runs.
     *
     * @param settings node settings.
     * @return the running node.
     * @throws StartupFailure one line naming what is wrong and the option that changes it.
     */
    static TailorServer start(final ServerSettings settings)
    {
        final GridSettings grid = settings.grid();
        StartupChecks.portFree("HTTP", settings.host(), settings.port(), "--port");
        StartupChecks.portFree("grid", grid.bindAddress(), grid.memberPort(), "--grid-port");
        if (grid.persists())
        {
            StartupChecks.dataDirUsable(grid.dataDir());
        }
        try
        {
            return TailorServer.start(settings, Clock.systemUTC());
        }
        catch (final RuntimeException ex)
        {
            final StartupFailure failure = StartupChecks.explain(ex, settings.host(), settings.port(),
                grid.bindAddress(), grid.memberPort());
            throw failure != null ? failure : ex;
        }
    }

    /**
     * Blocks until the JVM is asked to stop, then stops the node cleanly: HTTP first, then the grid.
     *
     * @param server the node.
     * @throws InterruptedException when interrupted while waiting.
     */
    static void awaitShutdown(final TailorServer server) throws InterruptedException
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            server.close();
            stopped.countDown();
        }, "tailor-shutdown"));
        stopped.await();
    }
}
