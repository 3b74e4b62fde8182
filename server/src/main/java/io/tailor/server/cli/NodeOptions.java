package io.tailor.server.cli;

import io.tailor.grid.GridSettings;
import io.tailor.server.config.ApiKeysFile;
import io.tailor.server.config.ConfigFile;
import io.tailor.server.config.ServerSettings;
import io.tailor.server.config.TailorConfig;
import io.tailor.server.config.TlsFiles;
import io.tailor.server.security.ApiKeys;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of a node serving HTTP ({@code serve}, {@code demo}): the HTTP side plus the grid side. Each can
 * also be set by the environment variable named in its description; the command line wins.
 */
public final class NodeOptions
{
    @Mixin
    GridOptions grid;

    @Option(names = "--host", defaultValue = "${env:TAILOR_HOST:-127.0.0.1}",
        description = "HTTP bind address; loopback only without API keys (env TAILOR_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--api-keys-file", defaultValue = "${env:TAILOR_API_KEYS_FILE}", paramLabel = "FILE",
        description = "API keys, one per line as 'tailor keys new' prints them (hashes, scopes, rate limits); " +
            "every request then needs Authorization: Bearer <key> (env TAILOR_API_KEYS_FILE). Without it: " +
            "development mode, every request allowed, HTTP on loopback only.")
    Path apiKeysFile;

    @Option(names = "--tls-cert", defaultValue = "${env:TAILOR_TLS_CERT}", paramLabel = "PEM",
        description = "Serve HTTPS with this certificate chain, PEM, leaf first (env TAILOR_TLS_CERT); needs " +
            "--tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:TAILOR_TLS_KEY}", paramLabel = "PEM",
        description = "The certificate's private key, PEM, PKCS#8 or PKCS#1 (env TAILOR_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--port", defaultValue = "${env:TAILOR_PORT:-8080}",
        description = "HTTP port, 0 for any free port (env TAILOR_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--event-loops", defaultValue = "${env:TAILOR_EVENT_LOOPS:-0}",
        description = "HTTP event loops; 0 means one per CPU (env TAILOR_EVENT_LOOPS).")
    int eventLoops;

    @Option(names = "--deadline", defaultValue = "${env:TAILOR_DEADLINE:-1ms}", converter = DurationConverter.class,
        description = "Server-time budget of a recommendation; past it a degraded fallback is sent " +
            "(env TAILOR_DEADLINE, default ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--warm-up", defaultValue = "${env:TAILOR_WARM_UP:-15s}", converter = DurationConverter.class,
        description = "Before reporting ready, serve recommendations to this node itself (its own shoppers, " +
            "nothing recorded) until the JIT has compiled the served path, for at most this long; 0s reports ready " +
            "as soon as the data is loaded (env TAILOR_WARM_UP, default ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--config", defaultValue = "${env:TAILOR_CONFIG}", paramLabel = "FILE",
        description = "YAML file with the store's policy: ranking weights per placement, diversity, frequency " +
            "cap, pinned/blocked products, replenishable categories, input limits, overload bounds and timeouts, " +
            "CORS origins, profile retention (env TAILOR_CONFIG; see deploy/tailor.example.yaml). " +
            "Without it, built-in defaults.")
    Path config;

    /**
     * The validated settings of a node that is a grid member.
     *
     * @return node settings.
     * @throws IllegalArgumentException naming the option that is out of range.
     */
    public ServerSettings settings()
    {
        return settings(grid.settings(grid.members()));
    }

    /**
     * The validated settings of a node whose grid side is given.
     *
     * @param gridSettings grid settings (a member's, or a client's with the members to connect to).
     * @return node settings.
     */
    ServerSettings settings(final GridSettings gridSettings)
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        final TailorConfig file = config == null ? TailorConfig.DEFAULT : ConfigFile.read(config);
        final ApiKeys keys = apiKeysFile == null ? ApiKeys.NONE : ApiKeysFile.read(apiKeysFile);
        final TlsFiles tls = tlsCert == null && tlsKey == null ? null : new TlsFiles(tlsCert, tlsKey);
        return new ServerSettings(host, port, eventLoops > 0 ? eventLoops : Math.max(1, cpus), deadline,
            file.limits(), file.ranking(), gridSettings.withRetention(file.retention()).withModel(file.model()),
            file.overload(), file.security(), keys, tls, file.webhooks(), warmUp);
    }

    /**
     * Client settings for {@code serve --client}.
     *
     * @param members grid members to connect to.
     * @return node settings.
     */
    ServerSettings clientSettings(final List<String> members)
    {
        return settings(grid.settings(members));
    }
}
