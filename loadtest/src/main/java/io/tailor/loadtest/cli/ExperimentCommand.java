package io.tailor.loadtest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.loadtest.http.ApiCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code tailor loadtest experiment}: does an experiment find a difference that is there, and only that? An A/B test of
 * two arms that serve alike is created on a placement; simulated shoppers ask for lists and click one of their
 * products with a hidden click-through rate that depends on their arm only (the ground truth, e.g. 5 % against 10 %);
 * some who click buy it, online with the list's request id or later at a store's till with their loyalty card (no
 * request id: credited by what the list showed). The report reads {@code GET /v1/experiments/{id}/results} and says
 * whether the difference was called significant, whether the always-valid interval covers the true difference, and
 * whether every simulated click and purchase was credited to its arm.
 * <p>
 * Loopback only: it creates an experiment and writes simulated shoppers' events into the store.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate an A/B test with a known difference in click-through rate between two arms, then read " +
        "the experiment's results and report whether the difference was detected and whether the interval covers " +
        "the truth. Loopback URLs only.", "Exit code: 0 done, 1 failed, 2 bad usage."})
public final class ExperimentCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Longest wait for the node's counts to reach what was simulated. */
    private static final Duration COUNT_WAIT = Duration.ofSeconds(10);
    private static final String[] ARMS = {"control", "treatment"};

    @Option(names = "--url", defaultValue = "${env:TAILOR_URL:-http://127.0.0.1:8080}",
        description = "Tailor's base URL, on this machine (env TAILOR_URL, default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-key", defaultValue = "${env:TAILOR_API_KEY}", paramLabel = "KEY",
        description = "API key (env TAILOR_API_KEY): catalog:write, events:write, recs:read, profiles:read and " +
            "experiments:write.")
    String apiKey;

    @Option(names = "--control-ctr", defaultValue = "0.05",
        description = "Hidden click-through rate of the control arm's lists (default ${DEFAULT-VALUE}).")
    double controlCtr;

    @Option(names = "--treatment-ctr", defaultValue = "0.10",
        description = "Hidden click-through rate of the treatment arm's lists (default ${DEFAULT-VALUE}).")
    double treatmentCtr;

    @Option(names = "--buy-rate", defaultValue = "0.2",
        description = "Share of clicks followed by a purchase of the clicked product, half of them at a store's " +
            "till with a loyalty card (default ${DEFAULT-VALUE}).")
    double buyRate;

    @Option(names = "--lists", defaultValue = "10000",
        description = "Lists asked for, at most (default ${DEFAULT-VALUE}).")
    int lists;

    @Option(names = "--max-time", defaultValue = "120s", converter = DurationConverter.class,
        description = "Stop asking for lists after this long (default ${DEFAULT-VALUE}).")
    Duration maxTime;

    @Option(names = "--shoppers", defaultValue = "2000",
        description = "Distinct simulated shoppers (default ${DEFAULT-VALUE}).")
    int shoppers;

    @Option(names = "--products", defaultValue = "50",
        description = "Products of the simulated store (default ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--placement", defaultValue = "home",
        description = "Placement of the experiment: home or email (default ${DEFAULT-VALUE}).")
    String placement;

    @Option(names = "--seed", defaultValue = "13", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", paramLabel = "DIR", description = "Also write report.txt there.")
    Path output;

    /** A purchase at a store's till, sent once the run's lists are served (the shopper goes to the store later). */
    private record TillPurchase(String shopper, String product, int arm)
    {
    }

    @Override
    public Integer call() throws IOException
    {
        if (!(controlCtr >= 0 && controlCtr <= 1 && treatmentCtr >= 0 && treatmentCtr <= 1) ||
            !(buyRate >= 0 && buyRate <= 1) || lists < 100 || shoppers < 2 || products < 10 ||
            !("home".equals(placement) || "email".equals(placement)))
        {
            System.err.println("experiment: --control-ctr, --treatment-ctr and --buy-rate must be in 0..1, --lists " +
                "at least 100, --shoppers at least 2, --products at least 10, --placement home or email");
            return 2;
        }
        if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress())
        {
            System.err.println("experiment: --url must be on this machine (loopback): the run writes simulated " +
                "shoppers' events into the store");
            return 2;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final String run = Long.toString(System.currentTimeMillis(), 36);
        final String experiment = "loadtest-" + run;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
        setUp(client, run, experiment);

        final double[] ctr = {controlCtr, treatmentCtr};
        final long[] served = new long[2];
        final long[] clicks = new long[2];
        final long[] online = new long[2];
        final List<TillPurchase> till = new ArrayList<>();
        final long deadline = System.nanoTime() + maxTime.toNanos();
        int n = 0;
        while (n < lists && System.nanoTime() < deadline)
        {
            n++;
            final String shopper = "sim-" + run + "-" + random.nextInt(shoppers);
            final String path = "/v1/recommendations?user=" + shopper + "&placement=" + placement + "&k=5";
            final JsonNode answer = json("GET " + path, call(client, "GET", path, null, null));
            final JsonNode items = answer.get("items");
            final int arm = armOf(answer);
            if (arm < 0 || items.isEmpty())
            {
                continue;
            }
            served[arm]++;
            if (random.nextDouble() >= ctr[arm])
            {
                continue;
            }
            final String requestId = answer.get("requestId").asText();
            final String product = items.get(random.nextInt(items.size())).get("product").asText();
            clicks[arm]++;
            send(client, "POST", "/v1/events", "application/json", "{\"id\":\"c-" + requestId + "\",\"type\":" +
                "\"click\",\"user\":\"" + shopper + "\",\"product\":\"" + product + "\",\"requestId\":\"" +
                requestId + "\"}");
            if (random.nextDouble() >= buyRate)
            {
                continue;
            }
            if (random.nextBoolean())
            {
                online[arm]++;
                send(client, "POST", "/v1/events", "application/json", "{\"id\":\"p-" + requestId + "\",\"type\":" +
                    "\"purchase\",\"user\":\"" + shopper + "\",\"requestId\":\"" + requestId + "\",\"items\":[{" +
                    "\"product\":\"" + product + "\",\"quantity\":1,\"price\":20}]}");
            }
            else
            {
                till.add(new TillPurchase(shopper, product, arm));
            }
        }
        final long[] atTill = buyAtTheTill(client, run, till);
        final JsonNode results = awaitCounted(client, experiment, served, clicks, online, atTill);
        call(client, "POST", "/v1/experiments/" + experiment + "/stop", "application/json", "{}");
        final String report = report(experiment, n, served, clicks, online, atTill, results);
        System.out.print(report);
        if (output != null)
        {
            Files.createDirectories(output);
            Files.writeString(output.resolve("report.txt"), report, StandardCharsets.UTF_8);
        }
        return 0;
    }

    /**
     * The experiment's results once the node counts every list, click and purchase simulated (it merges its
     * counts into the grid every 0.5 s), or as they stand after {@link #COUNT_WAIT}: the report then shows the
     * difference.
     */
    private JsonNode awaitCounted(final HttpClient client, final String experiment, final long[] served,
        final long[] clicks, final long[] online, final long[] atTill) throws IOException
    {
        final long deadline = System.nanoTime() + COUNT_WAIT.toNanos();
        while (true)
        {
            final JsonNode results = json("GET results", call(client, "GET", "/v1/experiments/" + experiment +
                "/results", null, null));
            boolean counted = true;
            for (int arm = 0; arm < 2; arm++)
            {
                final JsonNode node = arm(results, ARMS[arm]);
                counted &= node.get("lists").asLong() >= served[arm] && node.get("clicks").asLong() >= clicks[arm] &&
                    node.get("purchases").asLong() >= online[arm] + atTill[arm];
            }
            if (counted || System.nanoTime() > deadline)
            {
                return results;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** The store's products, one view per shopper (so their lists are remembered), then the experiment. */
    private void setUp(final HttpClient client, final String run, final String experiment) throws IOException
    {
        final StringBuilder catalog = new StringBuilder();
        for (int i = 0; i < products; i++)
        {
            catalog.append("{\"id\":\"sim-").append(run).append('-').append(i).append("\",\"category\":\"sim/c")
                .append(i % 5).append("\",\"price\":20,\"launchedAt\":\"2024-01-01T00:00:00Z\"}\n");
        }
        send(client, "PUT", "/v1/products", "application/x-ndjson", catalog.toString());
        final StringBuilder views = new StringBuilder();
        for (int s = 0; s < shoppers; s++)
        {
            views.append("{\"id\":\"v-").append(run).append('-').append(s).append("\",\"type\":\"view\",\"user\":" +
                "\"sim-").append(run).append('-').append(s).append("\",\"product\":\"sim-").append(run).append('-')
                .append(s % products).append("\"}\n");
        }
        send(client, "POST", "/v1/events", "application/x-ndjson", views.toString());
        send(client, "PUT", "/v1/experiments/" + experiment, "application/json", "{\"placement\":\"" + placement +
            "\",\"arms\":[{\"name\":\"" + ARMS[0] + "\",\"share\":0.5},{\"name\":\"" + ARMS[1] + "\",\"share\":0.5}]}");
        // Every node sees a new experiment within a second.
        sleep(Duration.ofMillis(1_200));
    }

    /** Links each till buyer's loyalty card, then sends the till purchases without request id. */
    private long[] buyAtTheTill(final HttpClient client, final String run, final List<TillPurchase> till)
        throws IOException
    {
        final long[] bought = new long[2];
        // Later: what a list showed reaches the shopper's record within 0.2 s of being served.
        sleep(Duration.ofMillis(500));
        final Set<String> linked = new HashSet<>();
        int number = 0;
        for (final TillPurchase purchase : till)
        {
            final String card = "card-" + purchase.shopper();
            if (linked.add(card))
            {
                send(client, "POST", "/v1/identities", "application/json", "{\"user\":\"" + purchase.shopper() +
                    "\",\"loyaltyId\":\"" + card + "\"}");
            }
            bought[purchase.arm()]++;
            send(client, "POST", "/v1/events", "application/json", "{\"id\":\"t-" + run + "-" + number++ +
                "\",\"type\":\"purchase\",\"loyaltyId\":\"" + card + "\",\"channel\":\"store\",\"items\":[{" +
                "\"product\":\"" + purchase.product() + "\",\"quantity\":1,\"price\":20}]}");
        }
        return bought;
    }

    private String report(final String experiment, final int asked, final long[] served, final long[] clicks,
        final long[] online, final long[] atTill, final JsonNode results) throws IOException
    {
        final double[] truth = {controlCtr, treatmentCtr};
        final StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "experiment %s: %,d %s lists asked for, %,d shoppers, hidden CTR " +
            "control %.3f, treatment %.3f, buy rate %.2f, seed %d, %s%n", experiment, asked, placement, shoppers,
            controlCtr, treatmentCtr, buyRate, seed, url));
        report.append("arm        lists sim/node    clicks sim/node   purchases sim/node (till)   ctr sim/true/node\n");
        boolean asSimulated = true;
        for (int arm = 0; arm < 2; arm++)
        {
            final JsonNode counted = arm(results, ARMS[arm]);
            asSimulated &= counted.get("lists").asLong() == served[arm] && counted.get("clicks").asLong() ==
                clicks[arm] && counted.get("purchases").asLong() == online[arm] + atTill[arm];
            report.append(String.format(Locale.ROOT, "%-9s  %,6d/%,6d    %,6d/%,6d    %,6d/%,6d (%,d)          " +
                    "%.4f/%.4f/%.4f%n", ARMS[arm], served[arm], counted.get("lists").asLong(), clicks[arm],
                counted.get("clicks").asLong(), online[arm] + atTill[arm], counted.get("purchases").asLong(),
                atTill[arm], served[arm] == 0 ? 0.0 : (double)clicks[arm] / served[arm], truth[arm],
                counted.get("ctr").asDouble()));
        }
        final JsonNode comparison = comparison(results, "ctr");
        final double baseRate = arm(results, ARMS[0]).get("ctr").asDouble();
        final double scale = comparison.get("relative").asBoolean() ? baseRate : 1.0;
        final double low = comparison.get("low").asDouble() * scale;
        final double high = comparison.get("high").asDouble() * scale;
        final double difference = treatmentCtr - controlCtr;
        final boolean significant = comparison.get("significant").asBoolean();
        report.append(String.format(Locale.ROOT, "ctr difference treatment - control: true %+.4f, measured %+.4f, " +
                "always-valid 95 %% interval [%+.4f, %+.4f] (relative lift %+.3f [%+.3f, %+.3f])%n", difference,
            comparison.get("lift").asDouble() * scale, low, high, comparison.get("lift").asDouble(),
            comparison.get("low").asDouble(), comparison.get("high").asDouble()));
        report.append("detected: ").append(significant ? "yes" : "no").append(difference == 0 ?
            (significant ? " (a false positive: the arms do not differ)" : " (right: the arms do not differ)") :
            (significant ? "" : " (the run was too short to tell)")).append('\n');
        report.append("interval covers the truth: ").append(low <= difference && difference <= high ? "yes" : "no")
            .append('\n');
        report.append("every list, click and purchase counted in its arm as simulated: ").append(asSimulated ? "yes" :
            "no").append('\n');
        return report.toString();
    }

    private static int armOf(final JsonNode answer)
    {
        final JsonNode experiment = answer.get("experiment");
        if (experiment == null)
        {
            return -1;
        }
        final String name = experiment.get("arm").asText();
        return ARMS[0].equals(name) ? 0 : ARMS[1].equals(name) ? 1 : -1;
    }

    private static JsonNode arm(final JsonNode results, final String name) throws IOException
    {
        for (final JsonNode arm : results.path("arms"))
        {
            if (name.equals(arm.path("name").asText()))
            {
                return arm;
            }
        }
        throw new IOException("the results name no arm " + name + ": " + results);
    }

    private static JsonNode comparison(final JsonNode results, final String metric) throws IOException
    {
        for (final JsonNode comparison : results.path("comparisons"))
        {
            if (metric.equals(comparison.path("metric").asText()))
            {
                return comparison;
            }
        }
        throw new IOException("the results compare no " + metric + ": " + results);
    }

    private void send(final HttpClient client, final String method, final String path, final String contentType,
        final String body) throws IOException
    {
        final HttpResponse<String> response = call(client, method, path, contentType, body);
        if (response.statusCode() / 100 != 2)
        {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> call(final HttpClient client, final String method, final String path,
        final String contentType, final String body) throws IOException
    {
        return new ApiCall(url, apiKey, TIMEOUT).send(client, method, path, contentType, body);
    }

    private static JsonNode json(final String what, final HttpResponse<String> response) throws IOException
    {
        if (response.statusCode() != 200)
        {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void sleep(final Duration duration) throws IOException
    {
        try
        {
            Thread.sleep(duration.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }
}
