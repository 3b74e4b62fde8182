package io.tailor.loadtest.cli;

import io.tailor.loadtest.data.DataLoader;
import io.tailor.loadtest.data.ShopperHistories;
import io.tailor.loadtest.data.StoreModel;
import io.tailor.client.TailorClient;
import io.tailor.loadtest.http.ApiKeyOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tailor loadtest generate}: loads a synthetic store (products, then shoppers' histories) through the
 * public API, reports the rates, and checks that recommendations follow the shoppers' tastes.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Load a synthetic store into a Tailor node through its public API: products (categories, " +
        "brands, style/season/function/colour, prices, launch dates) with PUT /v1/products, then each shopper's " +
        "history, drawn from latent taste clusters, with POST /v1/events (NDJSON batches, several in flight).",
        "The same --seed and sizes give the same data; loading twice counts duplicates, not new events.",
        "Exit code: 0 loaded, 1 failed or the server refused some data, 2 bad usage."})
public final class GenerateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "${env:TAILOR_URL:-http://127.0.0.1:8080}",
        description = "Tailor's base URL (env TAILOR_URL, default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-key", defaultValue = "${env:TAILOR_API_KEY}", paramLabel = "KEY",
        description = "API key for a node with keys (env TAILOR_API_KEY): it needs catalog:write, events:write " +
            "and recs:read (the final check).")
    String apiKey;

    @Mixin
    StoreOptions store;

    @Option(names = "--events-per-shopper", defaultValue = "" + ShopperHistories.DEFAULT_EVENTS_PER_SHOPPER,
        description = "Mean events in a shopper's history (views; some carts and purchases) (default " +
            "${DEFAULT-VALUE}).")
    double eventsPerShopper;

    @Option(names = "--batch", defaultValue = "1000",
        description = "Events per request, NDJSON; a shopper's history is never split (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--product-batch", defaultValue = "1000",
        description = "Products per request, NDJSON (default ${DEFAULT-VALUE}).")
    int productBatch;

    @Option(names = "--concurrency", defaultValue = "8",
        description = "Requests in flight at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--check-shoppers", defaultValue = "200",
        description = "Shoppers whose recommendations are checked against their taste at the end; 0: no check " +
            "(default ${DEFAULT-VALUE}).")
    int checkShoppers;

    @Option(names = "--now", description = "The present for launch dates and event times, ISO-8601 " +
        "(default: now). Fix it to make runs byte-identical.")
    Instant now;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final StoreModel model = store.store();
        final ShopperHistories histories = new ShopperHistories(model, store.seed, eventsPerShopper);
        final long nowMs = (now != null ? now : Instant.now()).toEpochMilli();
        final DataLoader.Settings settings = new DataLoader.Settings(store.products, store.shoppers, eventsPerShopper,
            batch, productBatch, concurrency, nowMs, checkShoppers);
        System.err.printf(Locale.ROOT, "loadtest generate: %,d products, %,d shoppers (about %.1f events each), " +
                "%d taste clusters, seed %d -> %s%n", store.products, store.shoppers, eventsPerShopper, store.clusters,
            store.seed, url);
        final TailorClient client;
        try
        {
            client = TailorClient.builder().endpoint(url).apiKey(apiKey == null ? null : ApiKeyOption.check(apiKey))
                .retry(DataLoader.RETRY).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(30))
                .build();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        try (client)
        {
            final DataLoader loader = new DataLoader(client, model, histories, settings, System.err,
                System.console() != null);
            final DataLoader.Outcome outcome = loader.load();
            System.out.print(summary(outcome));
            final boolean clean = outcome.productsRejected() == 0 && outcome.rejected() == 0 && outcome.failed() == 0;
            return clean ? 0 : 1;
        }
    }

    /**
     * The text printed at the end.
     *
     * @param outcome what happened.
     * @return lines.
     */
    static String summary(final DataLoader.Outcome outcome)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "products: %,d sent, %,d stored, %,d refused in %.1f s (%,.0f/s); " +
                "the server's snapshot held them all after %.1f s%n", outcome.products(), outcome.productsUpserted(),
            outcome.productsRejected(), outcome.productSeconds(),
            outcome.productsUpserted() / Math.max(outcome.productSeconds(), 1e-9), outcome.snapshotSeconds()));
        text.append(String.format(Locale.ROOT, "events:   %,d sent, %,d stored, %,d duplicates, %,d refused, %,d " +
                "failed in %.1f s: %,.0f events/s%n", outcome.events(), outcome.accepted(), outcome.duplicates(),
            outcome.rejected(), outcome.failed(), outcome.eventSeconds(), outcome.eventsPerSecond()));
        if (!Double.isNaN(outcome.tasteMatch()))
        {
            text.append(String.format(Locale.ROOT, "personalisation: %.0f%% of recommended items are in the " +
                    "shopper's taste categories; the non-personalised list: %.0f%%; the catalog share of those " +
                    "categories: %.0f%%%n", outcome.tasteMatch() * 100, outcome.popularMatch() * 100,
                outcome.catalogMatch() * 100));
        }
        if (outcome.firstProblem() != null)
        {
            text.append("first problem: ").append(outcome.firstProblem()).append('\n');
        }
        return text.toString();
    }
}
