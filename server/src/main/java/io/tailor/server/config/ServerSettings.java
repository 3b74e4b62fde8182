package io.tailor.server.config;

import io.tailor.grid.GridSettings;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.security.ApiKeys;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Settings of one Tailor node, built once at start from the command line and the environment and
 * validated here with messages that name the setting and its allowed range.
 *
 * @param host       address the HTTP server binds to; loopback only without API keys.
 * @param port       HTTP port, 0 for any free port, else 1 to 65535.
 * @param eventLoops HTTP event loops, 1 to 64; one per core is right.
 * @param deadline   server-time budget of a recommendation; past it the answer is a degraded fallback.
 * @param limits     input limits.
 * @param ranking    ranking settings.
 * @param grid       grid member settings.
 * @param overload   bounds on queued work and timeouts for slow clients.
 * @param security   CORS origins, public-key rate per address, trusted proxies.
 * @param keys       API keys; {@link ApiKeys#NONE} is development mode.
 * @param tls        PEM files to serve HTTPS with, or {@code null} for plain HTTP.
 * @param webhooks   webhook retries and membership re-checks.
 * @param warmUp     the longest a start spends serving recommendations to itself before it reports ready
 *                   ({@code io.tailor.server.api.ServedPathWarmUp}), 0 to report ready as soon as the grid is.
 */
public record ServerSettings(
    String host,
    int port,
    int eventLoops,
    Duration deadline,
    InputLimits limits,
    RankingSettings ranking,
    GridSettings grid,
    OverloadLimits overload,
    SecurityPolicy security,
    ApiKeys keys,
    TlsFiles tls,
    WebhookSettings webhooks,
    Duration warmUp)
{
    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;
    /** The longest warm-up a node may be given. */
    public static final Duration MAX_WARM_UP = Duration.ofMinutes(5);

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
     * @param overload   overload bounds.
     * @param security   security policy.
     * @param keys       API keys.
     * @param tls        TLS files, or {@code null}.
     * @param webhooks   webhook settings.
     * @param warmUp     longest warm-up before ready, 0 for none.
     */
    public ServerSettings
    {
        if (webhooks == null)
        {
            throw new IllegalArgumentException("webhook settings must be given");
        }
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
        if (warmUp == null || warmUp.isNegative() || warmUp.compareTo(MAX_WARM_UP) > 0)
        {
            throw new IllegalArgumentException("--warm-up must be in 0s..5m: " + warmUp);
        }
        if (overload == null || security == null || keys == null)
        {
            throw new IllegalArgumentException("overload, security and keys must be given");
        }
        if (overload.maxBodyBytesInFlight() < limits.maxBodyBytes())
        {
            throw new IllegalArgumentException("overload.maxBodyBytesInFlight must be at least limits.maxBodyBytes");
        }
        if (keys.isEmpty() && !isLoopback(host))
        {
            throw new IllegalArgumentException("refusing to bind HTTP to " + host + ": without API keys Tailor " +
                "runs in development mode and listens on loopback only (use --host 127.0.0.1, or give " +
                "--api-keys-file)");
        }
    }

    /**
     * Settings of a node in development mode (no keys, plain HTTP) with the default overload bounds and
     * security policy.
     *
     * @param host       bind address, loopback.
     * @param port       HTTP port.
     * @param eventLoops event loops.
     * @param deadline   recommendation deadline.
     * @param limits     input limits.
     * @param ranking    ranking settings.
     * @param grid       grid settings.
     */
    public ServerSettings(final String host, final int port, final int eventLoops, final Duration deadline,
        final InputLimits limits, final RankingSettings ranking, final GridSettings grid)
    {
        this(host, port, eventLoops, deadline, limits, ranking, grid,
            OverloadLimits.DEFAULT.fitting(limits.maxBodyBytes()), SecurityPolicy.DEFAULT, ApiKeys.NONE, null);
    }

    /**
     * Settings without a warm-up: ready as soon as the grid is.
     *
     * @param host       bind address.
     * @param port       HTTP port.
     * @param eventLoops event loops.
     * @param deadline   recommendation deadline.
     * @param limits     input limits.
     * @param ranking    ranking settings.
     * @param grid       grid settings.
     * @param overload   overload bounds.
     * @param security   security policy.
     * @param keys       API keys.
     * @param tls        TLS files, or {@code null}.
     * @param webhooks   webhook settings.
     */
    public ServerSettings(final String host, final int port, final int eventLoops, final Duration deadline,
        final InputLimits limits, final RankingSettings ranking, final GridSettings grid,
        final OverloadLimits overload, final SecurityPolicy security, final ApiKeys keys, final TlsFiles tls,
        final WebhookSettings webhooks)
    {
        this(host, port, eventLoops, deadline, limits, ranking, grid, overload, security, keys, tls, webhooks,
            Duration.ZERO);
    }

    /**
     * These settings with another warm-up.
     *
     * @param value longest warm-up before ready, 0 for none.
     * @return the settings.
     */
    public ServerSettings withWarmUp(final Duration value)
    {
        return new ServerSettings(host, port, eventLoops, deadline, limits, ranking, grid, overload, security, keys,
            tls, webhooks, value);
    }

    /**
     * Settings with the default webhook settings.
     *
     * @param host       bind address.
     * @param port       HTTP port.
     * @param eventLoops event loops.
     * @param deadline   recommendation deadline.
     * @param limits     input limits.
     * @param ranking    ranking settings.
     * @param grid       grid settings.
     * @param overload   overload bounds.
     * @param security   security policy.
     * @param keys       API keys.
     * @param tls        TLS files, or {@code null}.
     */
    public ServerSettings(final String host, final int port, final int eventLoops, final Duration deadline,
        final InputLimits limits, final RankingSettings ranking, final GridSettings grid,
        final OverloadLimits overload, final SecurityPolicy security, final ApiKeys keys, final TlsFiles tls)
    {
        this(host, port, eventLoops, deadline, limits, ranking, grid, overload, security, keys, tls,
            WebhookSettings.DEFAULT);
    }

    /**
     * Whether the node runs without API keys: every request is allowed, HTTP on loopback only.
     *
     * @return true in development mode.
     */
    public boolean developmentMode()
    {
        return keys.isEmpty();
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
