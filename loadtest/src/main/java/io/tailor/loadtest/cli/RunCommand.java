package io.tailor.loadtest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.loadtest.data.StoreModel;
import io.tailor.loadtest.http.ServerLatencyProbe;
import io.tailor.loadtest.http.TailorClient;
import io.tailor.loadtest.report.RunReport;
import io.tailor.loadtest.report.RunResult;
import io.tailor.loadtest.report.Slo;
import io.tailor.loadtest.run.LoadRun;
import io.tailor.loadtest.run.RunSettings;
import io.tailor.loadtest.scenario.ScenarioSettings;
import io.tailor.loadtest.scenario.StorefrontMix;
import io.vertx.core.http.HttpMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tailor loadtest run}: load a node and report latency. With {@code --rate} requests follow a fixed
 * schedule and latency counts from each request's intended send time (open model, coordinated omission
 * corrected); without it every connection sends as fast as answers come (closed model, saturation
 * throughput).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Load a Tailor node over HTTP and report latency per request type.",
        "Open model with --rate (fixed schedule, latency from the intended send time, as wrk2); closed model " +
            "without it (each connection sends when answered: saturation throughput).",
        "Exit code: 0 done, 1 failed, 2 bad usage, 3 an --slo was missed."})
public final class RunCommand implements Callable<Integer>
{
    /** Exit code when an objective was missed. */
    public static final int SLO_MISSED = 3;

    @Option(names = "--url", defaultValue = "${env:TAILOR_URL:-http://127.0.0.1:8080}",
        description = "Tailor's base URL (env TAILOR_URL, default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-key", defaultValue = "${env:TAILOR_API_KEY}", paramLabel = "KEY",
        description = "API key for a node with keys, sent with every request (env TAILOR_API_KEY): it needs " +
            "recs:read, events:write, catalog:write (launches) and admin (the server's /metrics/latency).")
    String apiKey;

    @Option(names = "--target", defaultValue = "storefront", split = ",",
        description = "What to send: storefront, recommendations, events, rerank (a 500-product search page " +
            "ordered per shopper) or ping (default ${DEFAULT-VALUE}). " +
            "Several, comma separated, run one after the other with the same settings, each into its own " +
            "subdirectory, and are compared with the first (e.g. ping,recommendations).")
    List<String> targets;

    @Option(names = "--rate", defaultValue = "0",
        description = "Requests per second on a fixed schedule (open model); 0 or absent: closed model.")
    double rate;

    @Option(names = "--connections", defaultValue = "32",
        description = "HTTP/1.1 keep-alive connections, one request at a time each (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--threads", defaultValue = "1",
        description = "Client event-loop threads; each takes rate/threads on its share of the connections " +
            "(default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
        description = "Measured period (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
        description = "Warm-up at the same load, not measured; the server's histograms are reset after it " +
            "(default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
        description = "Longest wait for an answer; later counts as a timeout (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--spin", defaultValue = "0us", converter = DurationConverter.class,
        description = "Wake this long before each due time and spin to it, so that the kernel's timer slack " +
            "(about 50 µs) does not delay sends at low rates; costs CPU (default ${DEFAULT-VALUE}, at most 1ms).")
    Duration spin;

    @Option(names = "--batch", defaultValue = "1",
        description = "Events per request for --target events: 1 sends single JSON events, more sends NDJSON " +
            "batches (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--slo", paramLabel = "[TYPE:]pNN=DURATION",
        description = "An objective, repeatable: p99=1ms, p99.9=5ms, max=50ms, errors=0.1%%, " +
            "recommendations:p99=1ms. Missed: exit code 3.")
    List<String> slos = new ArrayList<>();

    @Option(names = "--output", description = "Directory for the report (default loadtest-results/<timestamp>).")
    Path output;

    @Mixin
    StoreOptions store;

    @Option(names = "--anonymous", description = "Anonymous shoppers that may visit, ids a0.. (default: as many " +
        "as --shoppers).")
    Long anonymous;

    @Option(names = "--shopper-skew", defaultValue = "0.5",
        description = "Zipf exponent of shopper activity (default ${DEFAULT-VALUE}).")
    double shopperSkew;

    @Option(names = "--placements", defaultValue = "home=30,product=50,cart=15,email=5", split = ",",
        description = "Placement shares of page views (default ${DEFAULT-VALUE}).")
    Map<String, Double> placements;

    @Option(names = "--add-to-cart", defaultValue = "0.08",
        description = "Add-to-cart events per page view (default ${DEFAULT-VALUE}).")
    double addToCart;

    @Option(names = "--purchase", defaultValue = "0.02",
        description = "Purchase events per page view (default ${DEFAULT-VALUE}).")
    double purchase;

    @Option(names = "--anonymous-share", defaultValue = "0.3",
        description = "Share of page views by anonymous shoppers (default ${DEFAULT-VALUE}).")
    double anonymousShare;

    @Option(names = "--launch", defaultValue = "0.001",
        description = "Product launches (PUT /v1/products) per page view (default ${DEFAULT-VALUE}).")
    double launch;

    @Option(names = "--new-product-share", defaultValue = "0.02",
        description = "Share of page views about a product launched during the run (default ${DEFAULT-VALUE}).")
    double newProductShare;

    @Option(names = "--k", defaultValue = "10", description = "Recommendations asked for (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--no-server-latency", description = "Do not reset or read the server's /metrics/latency.")
    boolean noServerLatency;

    @Option(names = "--quiet", description = "No progress line every second.")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final List<ScenarioSettings.Target> chosen = new ArrayList<>();
        for (final String name : targets)
        {
            chosen.add(target(name));
        }
        final boolean needsStore = chosen.stream().anyMatch(t -> t != ScenarioSettings.Target.PING);
        final StoreModel model = needsStore ? store.store() : null;
        final StorefrontMix mix = new StorefrontMix(share("home"), share("product"), share("cart"), share("email"),
            addToCart, purchase, anonymousShare, launch, newProductShare, k);
        final long anonymousPool = anonymous != null ? anonymous : store.shoppers;
        final List<Slo> objectives = new ArrayList<>();
        for (final String slo : slos)
        {
            objectives.add(Slo.parse(slo));
        }
        final Path directory = output != null ? output : Path.of("loadtest-results",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

        boolean allMet = true;
        final List<RunResult> results = new ArrayList<>();
        try (TailorClient client = new TailorClient(url, 2, apiKey))
        {
            for (final ScenarioSettings.Target target : chosen)
            {
                final String runTag = Long.toString(System.currentTimeMillis(), 36);
                final ScenarioSettings scenario = new ScenarioSettings(target, model, store.shoppers, anonymousPool,
                    shopperSkew, mix, batch, store.seed, runTag);
                final Path targetDirectory = chosen.size() == 1 ? directory :
                    directory.resolve(target.name().toLowerCase(Locale.ROOT));
                final RunSettings settings = new RunSettings(url, rate, connections, threads, warmup, duration,
                    timeout, spin, scenario, objectives, targetDirectory, !quiet, apiKey);
                final List<String> warnings = new ArrayList<>();
                if (target != ScenarioSettings.Target.PING)
                {
                    checkCatalog(client, warnings);
                }
                final String heading = heading(settings);
                System.err.println("loadtest: " + heading);
                final LoadRun run = new LoadRun(settings, noServerLatency ? null : new ServerLatencyProbe(client),
                    System.err);
                final RunReport report = run.execute(heading, recordedSettings(settings, runTag), warnings);
                report.write(targetDirectory);
                System.out.print(report.summary());
                System.out.println("report: " + targetDirectory.toAbsolutePath());
                allMet &= report.result().slosMet();
                results.add(report.result());
            }
            if (results.size() > 1)
            {
                final String comparison = Comparison.text(results);
                Files.writeString(directory.resolve("comparison.txt"), comparison, StandardCharsets.UTF_8);
                System.out.print(comparison);
            }
        }
        return allMet ? 0 : SLO_MISSED;
    }

    private static ScenarioSettings.Target target(final String name)
    {
        try
        {
            return ScenarioSettings.Target.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--target must be storefront, recommendations, events, rerank or " +
                "ping: " + name, ex);
        }
    }

    private double share(final String placement)
    {
        for (final String key : placements.keySet())
        {
            if (!List.of("home", "product", "cart", "email").contains(key))
            {
                throw new IllegalArgumentException("--placements knows home, product, cart and email, not " + key);
            }
        }
        final double total = placements.values().stream().mapToDouble(Double::doubleValue).sum();
        return total <= 0 ? 0 : placements.getOrDefault(placement, 0.0) / total;
    }

    /** Warns when the server holds fewer products than the scenario asks for (run generate first). */
    private void checkCatalog(final TailorClient client, final List<String> warnings)
    {
        try
        {
            final TailorClient.Response ready = client.call(HttpMethod.GET, "/health/ready", null, null,
                Duration.ofSeconds(5));
            final long held = new ObjectMapper().readTree(ready.body()).path("products").asLong(-1);
            if (held >= 0 && held < store.products)
            {
                warnings.add("the server holds " + held + " products but the scenario asks for p0..p" +
                    (store.products - 1) + ": run 'loadtest generate' with the same --products/--shoppers/--seed " +
                    "first, or product pages will be answered 400");
                System.err.println("loadtest: WARNING " + warnings.get(warnings.size() - 1));
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot reach Tailor at " + url + ": " + ex.getMessage(), ex);
        }
    }

    private String heading(final RunSettings settings)
    {
        final String model = settings.openModel() ?
            String.format(Locale.ROOT, "open model at %,.0f req/s", settings.rate()) : "closed model (saturation)";
        return String.format(Locale.ROOT, "%s%s, %s, %d connections, %d thread%s, %s measured after %s warm-up, %s",
            settings.scenario().target().name().toLowerCase(Locale.ROOT),
            settings.scenario().target() == ScenarioSettings.Target.EVENTS ?
                " (batch " + batch + ")" : "", model, settings.connections(), settings.threads(),
            settings.threads() == 1 ? "" : "s", human(settings.duration()), human(settings.warmup()), settings.url());
    }

    private static String human(final Duration duration)
    {
        final long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private Map<String, Object> recordedSettings(final RunSettings settings, final String runTag)
    {
        final Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("url", settings.url().toString());
        recorded.put("target", settings.scenario().target().name().toLowerCase(Locale.ROOT));
        recorded.put("model", settings.openModel() ? "open" : "closed");
        recorded.put("rate", settings.rate());
        recorded.put("connections", settings.connections());
        recorded.put("threads", settings.threads());
        recorded.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
        recorded.put("durationSeconds", settings.duration().toMillis() / 1000.0);
        recorded.put("timeoutSeconds", settings.timeout().toMillis() / 1000.0);
        recorded.put("spinMicros", settings.spin().toNanos() / 1000.0);
        recorded.put("batch", batch);
        recorded.put("products", store.products);
        recorded.put("shoppers", store.shoppers);
        recorded.put("anonymous", settings.scenario().anonymous());
        recorded.put("clusters", store.clusters);
        recorded.put("productSkew", store.productSkew);
        recorded.put("shopperSkew", shopperSkew);
        recorded.put("seed", store.seed);
        recorded.put("mix", settings.scenario().mix());
        recorded.put("slos", List.copyOf(slos));
        recorded.put("runTag", runTag);
        recorded.put("output", settings.output().toAbsolutePath().toString());
        return recorded;
    }
}
