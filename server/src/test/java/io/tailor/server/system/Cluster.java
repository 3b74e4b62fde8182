package io.tailor.server.system;

import io.tailor.grid.GridFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Embedded Tailor nodes on loopback, each with its own data directory and ports, all listed in one join
 * list (a node may be in the list before it runs).
 */
final class Cluster implements AutoCloseable
{
    private final Path dir;
    private final String name = "it-" + UUID.randomUUID();
    private final int[] httpPorts;
    private final int[] gridPorts;
    private final Node[] nodes;
    private final List<String> join = new ArrayList<>();
    private List<String> options = List.of();

    /**
     * A cluster of up to {@code size} nodes, none started.
     *
     * @param dir  directory for data and logs.
     * @param size number of node slots.
     */
    Cluster(final Path dir, final int size)
    {
        this.dir = dir;
        this.httpPorts = new int[size];
        this.gridPorts = new int[size];
        this.nodes = new Node[size];
        for (int i = 0; i < size; i++)
        {
            httpPorts[i] = GridFixtures.freePort();
            gridPorts[i] = GridFixtures.freePort();
            join.add("127.0.0.1:" + gridPorts[i]);
        }
    }

    /**
     * Starts node {@code i} (again, with the same data directory, after a stop).
     *
     * @param i node slot.
     * @return the node.
     */
    Node start(final int i)
    {
        nodes[i] = Node.serve("node" + i, logs(), dir.resolve("data" + i), httpPorts[i], gridPorts[i], join, name,
            options).start();
        return nodes[i];
    }

    /**
     * Starts every node from now on with a config file.
     *
     * @param file the config file.
     * @return this.
     */
    Cluster withConfig(final Path file)
    {
        options = List.of("--config", file.toString());
        return this;
    }

    /**
     * Starts every node from now on with these further command-line options, after any set before.
     *
     * @param more the options.
     * @return this.
     */
    Cluster withOptions(final String... more)
    {
        final List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        options = List.copyOf(all);
        return this;
    }

    /**
     * Where this cluster's node logs go: under {@code target/it-logs}, kept after the test for diagnosis.
     *
     * @return the directory.
     */
    Path logs()
    {
        return Path.of("target", "it-logs", name);
    }

    /**
     * Node {@code i}.
     *
     * @param i node slot.
     * @return the node, or {@code null} if never started.
     */
    Node node(final int i)
    {
        return nodes[i];
    }

    /**
     * The cluster name.
     *
     * @return the name.
     */
    String name()
    {
        return name;
    }

    /**
     * The join list.
     *
     * @return {@code host:port} of every slot.
     */
    List<String> join()
    {
        return join;
    }

    /**
     * Stops every running node at once with SIGTERM and waits for all to exit.
     */
    void stopAll()
    {
        final List<Thread> stoppers = new ArrayList<>();
        for (final Node node : nodes)
        {
            if (node != null && node.alive())
            {
                final Thread stopper = new Thread(node::stop);
                stopper.start();
                stoppers.add(stopper);
            }
        }
        for (final Thread stopper : stoppers)
        {
            try
            {
                stopper.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close()
    {
        for (final Node node : nodes)
        {
            if (node != null)
            {
                node.close();
            }
        }
    }
}
