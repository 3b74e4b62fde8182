package io.tailor.server.config;

import io.tailor.grid.cluster.GridSettings;
import io.tailor.scoring.rank.RankingSettings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Settings of one Tailor node, built once at start from the command line and the environment and
 * validated here with messages that name the setting and its allowed range.
 *
 * @param host       address the HTTP server binds to.
 * @param port       HTTP port, 0 for any free port, else 1 to 65535.
 * @param eventLoops HTTP event loops, 1 to 64; one per core is right.
 * @param deadline   server-time budget of a recommendation; past it the answer is a degraded fallback.
 * @param limits     input limits.
 * @param ranking    ranking settings.
 * @param grid       grid member settings.
 */
public record ServerSettings(
    String host,
    int port,
    int eventLoops,
    Duration deadline,
    InputLimits limits,
    RankingSettings ranking,
    GridSettings grid)
{
    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;

    /**
     * Validates.
     *
     * @param host       bind address.
     * @param port       HTTP port.
     * @param eventLoops event loops.
     * @param deadline   recommendation deadline.
     * @param limits     input limits.
     * @param ranking    ranking settings.
     * @param grid       grid settings.
     */
    public ServerSettings
    {
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("--port must be in 0..65535: " + port);
        }
        if (eventLoops < 1 || eventLoops > 64)
        {
            throw new IllegalArgumentException("--event-loops must be in 1..64: " + eventLoops);
        }
        if (deadline == null || deadline.compareTo(Duration.ofNanos(100_000)) < 0 ||
            deadline.compareTo(Duration.ofSeconds(10)) > 0)
        {
            throw new IllegalArgumentException("--deadline must be in 100us..10s: " + deadline);
        }
        if (!isLoopback(host))
        {
            throw new IllegalArgumentException("refusing to bind HTTP to " + host + ": without API keys Tailor " +
                "runs in development mode and listens on loopback only (use --host 127.0.0.1)");
        }
    }

    /**
     * Whether an address is a loopback address.
     *
     * @param host host name or address.
     * @return true for 127.0.0.0/8, ::1 and localhost.
     */
    public static boolean isLoopback(final String host)
    {
        try
        {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }
}
