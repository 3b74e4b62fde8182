package io.tailor.server.cli;

import io.tailor.grid.cluster.GridSettings;
import io.tailor.server.config.InputLimits;
import io.tailor.server.config.ServerSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.rank.RankingSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of a Tailor node, shared by {@code serve} and {@code demo}. Each can also be set by the
 * environment variable named in its description; the command line wins.
 */
public final class NodeOptions
{
    @Option(names = "--host", defaultValue = "${env:TAILOR_HOST:-127.0.0.1}",
        description = "HTTP bind address; loopback only without API keys (env TAILOR_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "${env:TAILOR_PORT:-8080}",
        description = "HTTP port, 0 for any free port (env TAILOR_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:TAILOR_DATA_DIR:-./data}",
        description = "Directory for this node's files (env TAILOR_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--grid-port", defaultValue = "${env:TAILOR_GRID_PORT:-5701}",
        description = "Grid member port (env TAILOR_GRID_PORT, default ${DEFAULT-VALUE}).")
    int gridPort;

    @Option(names = "--grid-host", defaultValue = "${env:TAILOR_GRID_HOST:-127.0.0.1}",
        description = "Address the grid member binds to and announces (env TAILOR_GRID_HOST, default " +
            "${DEFAULT-VALUE}).")
    String gridHost;

    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT",
        description = "Grid members to join, comma separated; may include this node (env TAILOR_JOIN).")
    List<String> join;

    @Option(names = "--cluster-name", defaultValue = "${env:TAILOR_CLUSTER_NAME:-tailor}",
        description = "Nodes with the same cluster name form one grid (env TAILOR_CLUSTER_NAME, default " +
            "${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--event-loops", defaultValue = "${env:TAILOR_EVENT_LOOPS:-0}",
        description = "HTTP event loops; 0 means one per CPU (env TAILOR_EVENT_LOOPS).")
    int eventLoops;

    @Option(names = "--partition-threads", defaultValue = "${env:TAILOR_PARTITION_THREADS:-0}",
        description = "Grid partition threads; 0 means one per CPU (env TAILOR_PARTITION_THREADS).")
    int partitionThreads;

    @Option(names = "--deadline", defaultValue = "${env:TAILOR_DEADLINE:-1ms}", converter = DurationConverter.class,
        description = "Server-time budget of a recommendation; past it a degraded fallback is sent " +
            "(env TAILOR_DEADLINE, default ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--dimensions", defaultValue = "${env:TAILOR_DIMENSIONS:-64}",
        description = "Item and affinity vector dimension, the same on every node (env TAILOR_DIMENSIONS, default " +
            "${DEFAULT-VALUE}).")
    int dimensions;

    /**
     * The validated settings these options describe.
     *
     * @return node settings.
     * @throws IllegalArgumentException naming the option that is out of range.
     */
    public ServerSettings settings()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        final List<String> members = join != null ? join : envList("TAILOR_JOIN");
        final GridSettings grid = new GridSettings(clusterName, gridHost, gridPort, members,
            partitionThreads > 0 ? partitionThreads : Math.max(1, cpus), 1, dimensions, ProfileSettings.DEFAULT,
            ModelSettings.DEFAULT, Duration.ofMillis(500), Duration.ofMillis(250), 8 << 20, dataDir);
        return new ServerSettings(host, port, eventLoops > 0 ? eventLoops : Math.max(1, cpus), deadline,
            InputLimits.DEFAULT, RankingSettings.DEFAULT, grid);
    }

    private static List<String> envList(final String name)
    {
        final String value = System.getenv(name);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s*,\\s*"));
    }
}
