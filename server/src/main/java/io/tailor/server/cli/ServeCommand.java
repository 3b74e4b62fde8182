package io.tailor.server.cli;

import io.tailor.server.TailorServer;
import io.tailor.server.config.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tailor serve}: one node (grid member and HTTP server) until SIGTERM or SIGINT.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run a Tailor node: an embedded grid member and the HTTP API, until stopped (SIGTERM).")
public final class ServeCommand implements Callable<Integer>
{
    @Mixin
    NodeOptions node;

    @Override
    public Integer call() throws Exception
    {
        final ServerSettings settings = node.settings();
        final TailorServer server = start(settings);
        System.out.println("Tailor is ready at " + server.url());
        awaitShutdown(server);
        return 0;
    }

    /**
     * Starts a node with its data directory in place.
     *
     * @param settings node settings.
     * @return the running node.
     * @throws IOException when the data directory cannot be created.
     */
    static TailorServer start(final ServerSettings settings) throws IOException
    {
        if (settings.grid().dataDir() != null)
        {
            Files.createDirectories(settings.grid().dataDir());
        }
        return TailorServer.start(settings, Clock.systemUTC());
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
