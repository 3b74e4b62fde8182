package io.tailor.server.cli;

import io.tailor.grid.GridSettings;
import io.tailor.grid.TailorGrid;
import io.tailor.server.api.MemberWebhooks;
import io.tailor.server.api.OpsServer;
import io.tailor.server.config.ConfigFile;
import io.tailor.server.config.TailorConfig;
import io.tailor.server.metrics.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tailor grid}: a dedicated grid member (no API) for clusters whose HTTP servers are clients
 * ({@code tailor serve --client}). It evaluates and sends the webhook deliveries of the customers whose partitions
 * it owns ({@link MemberWebhooks}), counted in its {@code /metrics}.
 */
@Command(name = "grid", mixinStandardHelpOptions = true, version = TailorCommand.VERSION,
    description = "Run a dedicated grid member (no API; HTTP servers connect with 'tailor serve --client').")
public final class GridCommand implements Callable<Integer>
{
    @Mixin
    GridOptions grid;

    @Option(names = "--ops-port", defaultValue = "${env:TAILOR_OPS_PORT:-0}",
        description = "Port for /health/live, /health/ready and /metrics on --ops-host; 0 for none " +
            "(env TAILOR_OPS_PORT).")
    int opsPort;

    @Option(names = "--ops-host", defaultValue = "${env:TAILOR_OPS_HOST:-127.0.0.1}",
        description = "Address of the ops port (env TAILOR_OPS_HOST, default ${DEFAULT-VALUE}).")
    String opsHost;

    @Option(names = "--config", defaultValue = "${env:TAILOR_CONFIG}", paramLabel = "FILE",
        description = "The cluster's YAML configuration file (env TAILOR_CONFIG), the same as the HTTP nodes'; a " +
            "grid member uses its privacy (profile retention), model, webhooks (retries, re-checks) and ranking " +
            "(the email top-k of webhook deliveries) sections. Without it, built-in defaults.")
    java.nio.file.Path config;

    @Override
    public Integer call() throws Exception
    {
        if (opsPort < 0 || opsPort > 65535)
        {
            throw new IllegalArgumentException("--ops-port must be in 0..65535: " + opsPort);
        }
        final TailorConfig file = config == null ? TailorConfig.DEFAULT : ConfigFile.read(config);
        final GridSettings settings = grid.settings(grid.members()).withRetention(file.retention())
            .withModel(file.model());
        StartupChecks.portFree("grid", settings.bindAddress(), settings.memberPort(), "--grid-port");
        StartupChecks.portFree("ops", opsHost, opsPort, "--ops-port");
        if (settings.persists())
        {
            StartupChecks.dataDirUsable(settings.dataDir());
        }
        final TailorGrid member;
        try
        {
            member = TailorGrid.startMember(settings, Clock.systemUTC());
        }
        catch (final RuntimeException ex)
        {
            final StartupFailure failure = StartupChecks.explain(ex, null, 0, settings.bindAddress(),
                settings.memberPort());
            throw failure != null ? failure : ex;
        }
        final Metrics metrics = new Metrics(member, Clock.systemUTC());
        final MemberWebhooks webhooks;
        try
        {
            webhooks = MemberWebhooks.start(member, file.ranking(), file.webhooks(), metrics, Clock.systemUTC());
        }
        catch (final RuntimeException ex)
        {
            member.close();
            throw ex;
        }
        final OpsServer ops;
        try
        {
            ops = opsPort == 0 ? null : OpsServer.start(member, opsHost, opsPort, metrics);
        }
        catch (final RuntimeException ex)
        {
            webhooks.close();
            member.close();
            throw ex;
        }
        System.out.println("Tailor grid member is ready at " + settings.bindAddress() + ":" + settings.memberPort() +
            (ops == null ? "" : "; ops at http://" + opsHost + ":" + opsPort));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            if (ops != null)
            {
                ops.close();
            }
            webhooks.close();
            member.close();
            stopped.countDown();
        }, "tailor-shutdown"));
        stopped.await();
        return 0;
    }
}
