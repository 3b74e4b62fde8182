package io.tailor.loadtest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.loadtest.http.ApiCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code tailor loadtest explore}: does exploration learn? New products with hidden click-through rates, half of
 * them good and half poor, are uploaded next to an established catalog; simulated shoppers ask for home lists and
 * click what they are shown with each product's hidden rate, the clicks sent back with the list's request id. The
 * report is where the new products' impressions went: the share to the better half over time, and the regret in
 * clicks against an oracle that always showed the best new product, next to what a uniform choice would lose.
 * <p>
 * Run it against a node of its own whose exposure floor is above the run's length (see README): a floor that is
 * met stops exploring a product, and this measures the choice among products still owed impressions.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Simulate shoppers clicking new products with hidden click-through rates and report whether " +
        "Tailor's exploration slot learns to show the better ones (share of impressions, regret against an " +
        "oracle).", "Exit code: 0 done, 1 failed, 2 bad usage."})
public final class ExploreCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--url", defaultValue = "${env:TAILOR_URL:-http://127.0.0.1:8080}",
        description = "Tailor's base URL (env TAILOR_URL, default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-key", defaultValue = "${env:TAILOR_API_KEY}", paramLabel = "KEY",
        description = "API key (env TAILOR_API_KEY): catalog:write, events:write and recs:read.")
    String apiKey;

    @Option(names = "--new-products", defaultValue = "20",
        description = "New products, half good, half poor (default ${DEFAULT-VALUE}).")
    int newProducts;

    @Option(names = "--old-products", defaultValue = "100",
        description = "Established products, popular, launched long ago (default ${DEFAULT-VALUE}).")
    int oldProducts;

    @Option(names = "--requests", defaultValue = "20000",
        description = "Home lists asked for (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--good-ctr", defaultValue = "0.10",
        description = "Hidden click-through rate of the good half (default ${DEFAULT-VALUE}).")
    double goodCtr;

    @Option(names = "--poor-ctr", defaultValue = "0.02",
        description = "Hidden click-through rate of the poor half (default ${DEFAULT-VALUE}).")
    double poorCtr;

    @Option(names = "--shoppers", defaultValue = "5000",
        description = "Distinct simulated shoppers (default ${DEFAULT-VALUE}).")
    int shoppers;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", paramLabel = "DIR", description = "Also write report.txt there.")
    Path output;

    @Override
    public Integer call() throws IOException
    {
        if (newProducts < 2 || newProducts % 2 != 0 || oldProducts < 10 || requests < 100 || shoppers < 1)
        {
            System.err.println("explore: --new-products must be even and at least 2, --old-products at least 10, " +
                "--requests at least 100");
            return 2;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final String run = Long.toString(System.currentTimeMillis(), 36);
        final Map<String, Double> hiddenCtr = new HashMap<>();
        final List<String> good = new ArrayList<>();
        for (int i = 0; i < newProducts; i++)
        {
            final String id = "new-" + run + "-" + i;
            final boolean isGood = i % 2 == 0;
            hiddenCtr.put(id, isGood ? goodCtr : poorCtr);
            if (isGood)
            {
                good.add(id);
            }
        }
        final Map<String, Integer> shown = new HashMap<>();
        final List<String> windows = new ArrayList<>();
        double expectedClicks = 0;
        long slotImpressions = 0;
        long clicks = 0;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
        setUp(client, run, hiddenCtr.keySet());
        final int window = Math.max(100, requests / 10);
        long windowGood = 0;
        long windowAll = 0;
        for (int n = 1; n <= requests; n++)
        {
            final String shopper = "sim-" + run + "-" + random.nextInt(shoppers);
            final String path = "/v1/recommendations?user=" + shopper + "&placement=home&k=5";
            final JsonNode answer = json(path, call(client, "GET", path, null, null));
            final String requestId = answer.get("requestId").asText();
            for (final JsonNode item : answer.get("items"))
            {
                final String product = item.get("product").asText();
                final Double ctr = hiddenCtr.get(product);
                if (ctr == null)
                {
                    continue;
                }
                shown.merge(product, 1, Integer::sum);
                slotImpressions++;
                expectedClicks += ctr;
                windowAll++;
                if (ctr == goodCtr)
                {
                    windowGood++;
                }
                if (random.nextDouble() < ctr)
                {
                    clicks++;
                    post(client, "{\"id\":\"c-" + requestId + "-" + product + "\",\"type\":\"click\",\"user\":\"" +
                        shopper + "\",\"product\":\"" + product + "\",\"requestId\":\"" + requestId + "\"}");
                }
            }
            if (n % window == 0)
            {
                windows.add(String.format(Locale.ROOT, "  requests %,7d  new-product impressions %,6d  to the " +
                    "good half %5.1f %%", n, windowAll, windowAll == 0 ? 0.0 : 100.0 * windowGood / windowAll));
                windowGood = 0;
                windowAll = 0;
            }
        }
        long toGood = 0;
        for (final String id : good)
        {
            toGood += shown.getOrDefault(id, 0);
        }
        final double oracle = slotImpressions * goodCtr;
        final double uniform = slotImpressions * (goodCtr + poorCtr) / 2;
        final StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "explore: %,d home lists of 5, %d new products (hidden CTR %.3f for " +
                "half, %.3f for the other), %d established, %,d shoppers, seed %d, %s%n", requests, newProducts,
            goodCtr, poorCtr, oldProducts, shoppers, seed, url));
        report.append("share of the new products' impressions going to the good half, per tenth of the run:\n");
        windows.forEach(line -> report.append(line).append('\n'));
        report.append(String.format(Locale.ROOT, "new-product impressions %,d (%.1f %% to the good half), clicks %,d%n",
            slotImpressions, slotImpressions == 0 ? 0.0 : 100.0 * toGood / slotImpressions, clicks));
        report.append(String.format(Locale.ROOT, "expected clicks: oracle %.1f, exploration %.1f, uniform %.1f; " +
                "regret against the oracle %.1f (uniform choice: %.1f, %.0f %% of it)%n", oracle, expectedClicks,
            uniform, oracle - expectedClicks, oracle - uniform,
            oracle == uniform ? 0.0 : 100.0 * (oracle - expectedClicks) / (oracle - uniform)));
        System.out.print(report);
        if (output != null)
        {
            Files.createDirectories(output);
            Files.writeString(output.resolve("report.txt"), report.toString(), StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** The established catalog, viewed so that it outranks anything nobody has seen, then the new products. */
    private void setUp(final HttpClient client, final String run, final Iterable<String> fresh) throws IOException
    {
        final StringBuilder old = new StringBuilder();
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < oldProducts; i++)
        {
            old.append("{\"id\":\"old-").append(run).append('-').append(i).append("\",\"category\":\"sim/c")
                .append(i % 4).append("\",\"price\":").append(10 + i % 50)
                .append(",\"launchedAt\":\"2024-01-01T00:00:00Z\"}\n");
            for (int v = 0; v < 3; v++)
            {
                views.append("{\"id\":\"ov-").append(run).append('-').append(i).append('-').append(v)
                    .append("\",\"type\":\"view\",\"user\":\"old-viewer-").append(run).append('-').append(v)
                    .append("\",\"product\":\"old-").append(run).append('-').append(i).append("\"}\n");
            }
        }
        send(client, "PUT", "/v1/products", old.toString());
        send(client, "POST", "/v1/events", views.toString());
        final StringBuilder launched = new StringBuilder();
        for (final String id : fresh)
        {
            // good and poor products alternate by number, so every category gets both
            final int number = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
            launched.append("{\"id\":\"").append(id).append("\",\"category\":\"sim/c").append(number / 2 % 4)
                .append("\",\"price\":20}\n");
        }
        send(client, "PUT", "/v1/products", launched.toString());
    }

    private void send(final HttpClient client, final String method, final String path, final String ndjson)
        throws IOException
    {
        final HttpResponse<String> response = call(client, method, path, "application/x-ndjson", ndjson);
        if (response.statusCode() != 200)
        {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void post(final HttpClient client, final String event) throws IOException
    {
        final HttpResponse<String> response = call(client, "POST", "/v1/events", "application/json", event);
        if (response.statusCode() != 200)
        {
            throw new IOException("POST /v1/events answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> call(final HttpClient client, final String method, final String path,
        final String contentType, final String body) throws IOException
    {
        return new ApiCall(url, apiKey, TIMEOUT).send(client, method, path, contentType, body);
    }

    private static JsonNode json(final String path, final HttpResponse<String> response) throws IOException
    {
        if (response.statusCode() != 200)
        {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        final JsonNode answer = JSON.readTree(response.body());
        if (!answer.path("requestId").isTextual() || !answer.path("items").isArray())
        {
            throw new IOException("GET " + path + " answered an unexpected body: " + response.body());
        }
        return answer;
    }
}
