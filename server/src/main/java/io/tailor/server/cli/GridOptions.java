package io.tailor.server.cli;

import io.tailor.grid.GridSettings;
import io.tailor.grid.persist.PersistenceSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.ProfileSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of the grid side of a node, shared by {@code serve}, {@code demo} and {@code grid}. Each can
 * also be set by the environment variable named in its description; the command line wins.
 */
public final class GridOptions
{
    /**
     * The item-signal ring of a node, off-heap: 32 MiB, about 840,000 signals, 2 s of random-shopper batches at
     * 35,000 events a second (12 signals an event). Under those batches its backlog peaked at 8.4 MB while a model
     * rebuild competed for the CPU: an 8 MiB ring dropped 120,000-365,000 signals, this one none
     * (benchmarks/RESULTS.md, twenty-second slice).
     */
    static final int SIGNAL_RING_BYTES = 32 << 20;

    /** How a member persists. */
    enum Persistence
    {
        /** Every change is written to the data files before it is acknowledged. */
        WRITE_THROUGH,
        /** Nothing is written; a restart starts empty (throwaway nodes only). */
        NONE
    }

    @Option(names = "--data-dir", defaultValue = "${env:TAILOR_DATA_DIR:-./data}",
        description = "Directory for this node's data files (env TAILOR_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--persistence", defaultValue = "${env:TAILOR_PERSISTENCE:-write-through}",
        converter = PersistenceConverter.class,
        description = "write-through (every change is in the data files before it is acknowledged) or none " +
            "(env TAILOR_PERSISTENCE, default ${DEFAULT-VALUE}).")
    Persistence persistence;

    @Option(names = "--discard-corrupt-data", defaultValue = "${env:TAILOR_DISCARD_CORRUPT_DATA:-false}",
        description = "Set a corrupt data file aside and start without it, instead of refusing to start " +
            "(env TAILOR_DISCARD_CORRUPT_DATA).")
    boolean discardCorruptData;

    @Option(names = "--profile-capacity", defaultValue = "${env:TAILOR_PROFILE_CAPACITY:-2000000}",
        description = "Profiles a member's data files are sized for, written in full when created (2,000,000: " +
            "about 2.7 GB; 100,000: about 140 MB); they grow to 4x (env TAILOR_PROFILE_CAPACITY, default " +
            "${DEFAULT-VALUE}; demo: sized for its store).")
    long profileCapacity;

    @Option(names = "--initial-members", defaultValue = "${env:TAILOR_INITIAL_MEMBERS:-1}",
        description = "Members a starting grid waits for before any loads its data files and serves; set it to " +
            "the member count for a full restart, so that no event is applied before every member's files are in " +
            "(env TAILOR_INITIAL_MEMBERS, default ${DEFAULT-VALUE}).")
    int initialMembers;

    @Option(names = "--grid-host", defaultValue = "${env:TAILOR_GRID_HOST:-127.0.0.1}",
        description = "Address the grid member binds to and announces (env TAILOR_GRID_HOST, default " +
            "${DEFAULT-VALUE}).")
    String gridHost;

    @Option(names = "--grid-port", defaultValue = "${env:TAILOR_GRID_PORT:-5701}",
        description = "Grid member port (env TAILOR_GRID_PORT, default ${DEFAULT-VALUE}).")
    int gridPort;

    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT",
        description = "Grid members to join, comma separated; may include this node; a Kubernetes headless " +
            "service name (*.svc[.cluster.local]:port) discovers members by DNS (env TAILOR_JOIN).")
    List<String> join;

    @Option(names = "--cluster-name", defaultValue = "${env:TAILOR_CLUSTER_NAME:-tailor}",
        description = "Nodes with the same cluster name form one grid (env TAILOR_CLUSTER_NAME, default " +
            "${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--partition-threads", defaultValue = "${env:TAILOR_PARTITION_THREADS:-0}",
        description = "Grid partition threads; 0 means one per CPU (env TAILOR_PARTITION_THREADS).")
    int partitionThreads;

    @Option(names = "--dimensions", defaultValue = "${env:TAILOR_DIMENSIONS:-64}",
        description = "Item and affinity vector dimension, the same on every node (env TAILOR_DIMENSIONS, default " +
            "${DEFAULT-VALUE}).")
    int dimensions;

    /**
     * The validated grid settings.
     *
     * @param members members to join (or, for a client, to connect to).
     * @return the settings.
     */
    GridSettings settings(final List<String> members)
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        final PersistenceSettings persist = persistence == Persistence.NONE ?
            new PersistenceSettings(false, PersistenceSettings.NONE.profileCapacity(), false, initialMembers) :
            new PersistenceSettings(true, profileCapacity, discardCorruptData, initialMembers);
        return new GridSettings(clusterName, gridHost, gridPort, members,
            partitionThreads > 0 ? partitionThreads : Math.max(1, cpus), 1, dimensions, ProfileSettings.DEFAULT,
            ModelSettings.DEFAULT, Duration.ofMillis(500), Duration.ofMillis(250), SIGNAL_RING_BYTES, dataDir, persist);
    }

    /**
     * Members to join: {@code --join}, else TAILOR_JOIN, else none.
     *
     * @return {@code host:port} entries.
     */
    List<String> members()
    {
        if (join != null)
        {
            return join;
        }
        final String value = System.getenv("TAILOR_JOIN");
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s*,\\s*"));
    }

    /** Reads {@code write-through} and {@code none}. */
    static final class PersistenceConverter implements picocli.CommandLine.ITypeConverter<Persistence>
    {
        @Override
        public Persistence convert(final String value)
        {
            return switch (value)
            {
                case "write-through" -> Persistence.WRITE_THROUGH;
                case "none" -> Persistence.NONE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not write-through or none");
            };
        }
    }
}
