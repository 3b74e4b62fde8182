package io.tailor.deploy;

import java.util.Set;

/**
 * The environment variables a Tailor node reads (each is also a {@code serve} option), plus the launcher's
 * {@code TAILOR_JAVA_OPTS}. A misspelt name is silently ignored by the node, so the artifacts are held to this list.
 */
final class ContractEnvironment
{
    static final Set<String> NAMES = Set.of(
        "TAILOR_HOST",
        "TAILOR_PORT",
        "TAILOR_DATA_DIR",
        "TAILOR_GRID_HOST",
        "TAILOR_GRID_PORT",
        "TAILOR_JOIN",
        "TAILOR_CLUSTER_NAME",
        "TAILOR_INITIAL_MEMBERS",
        "TAILOR_API_KEYS_FILE",
        "TAILOR_DEADLINE",
        "TAILOR_DIMENSIONS",
        "TAILOR_EVENT_LOOPS",
        "TAILOR_PARTITION_THREADS",
        "TAILOR_JAVA_OPTS");

    private ContractEnvironment()
    {
    }
}
