package io.tailor.server.cli;

import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.server.TailorServer;
import io.tailor.server.config.ServerSettings;
import io.tailor.server.demo.DemoCatalog;
import io.tailor.server.demo.DemoShoppers;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code tailor demo}: a node with a generated store (products and a week of synthetic shoppers) and a
 * walkthrough of curl commands that show personalisation working.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = TailorCommand.VERSION,
    description = "Run a Tailor node loaded with a generated demo store and print a curl walkthrough.")
public final class DemoCommand implements Callable<Integer>
{
    /** Seed of the demo data: the walkthrough's product ids depend on it. */
    static final long SEED = 42L;

    @Mixin
    NodeOptions node;

    @Option(names = "--products", defaultValue = "3000",
        description = "Products to generate (default ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--shoppers", defaultValue = "300",
        description = "Synthetic shoppers with a week of history (default ${DEFAULT-VALUE}).")
    int shoppers;

    @Option(names = "--keep-data",
        description = "Run on what the data directory holds (a previous demo's store, alice's events) instead of " +
            "starting clean.")
    boolean keepData;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        if (products < 15 || products > 1_000_000)
        {
            throw new IllegalArgumentException("--products must be in 15..1000000: " + products);
        }
        if (shoppers < 0 || shoppers > 1_000_000)
        {
            throw new IllegalArgumentException("--shoppers must be in 0..1000000: " + shoppers);
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--profile-capacity") &&
            System.getenv("TAILOR_PROFILE_CAPACITY") == null)
        {
            // Data files sized for the demo's store, not for a production node's 2,000,000 shoppers.
            node.grid.profileCapacity = demoCapacity(products, shoppers);
        }
        // The demo warms up after its store is loaded (DemoWarmUp); a warm-up at start would serve an empty one.
        final ServerSettings settings = node.settings().withWarmUp(Duration.ZERO);
        if (settings.grid().persists())
        {
            DemoData.prepare(settings.grid().dataDir(), keepData);
        }
        final TailorServer server = ServeCommand.start(settings);
        if (settings.grid().persists())
        {
            DemoData.mark(settings.grid().dataDir());
        }
        final long now = System.currentTimeMillis();
        final List<Product> catalog = DemoCatalog.generate(products, SEED, now);
        server.grid().catalog().upsert(catalog).toCompletableFuture().get(60, TimeUnit.SECONDS);
        while (server.grid().models().current().catalog().size() < catalog.size())
        {
            server.grid().flushModelNow();
        }

        final List<CompletableFuture<ProfileStore.Applied>> stored = new ArrayList<>();
        for (final Map.Entry<String, List<Event>> shopper : DemoShoppers.generate(catalog, shoppers, SEED, now)
            .entrySet())
        {
            stored.add(server.grid().profiles().apply(ProfileKeys.user(shopper.getKey()), shopper.getValue())
                .toCompletableFuture());
        }
        CompletableFuture.allOf(stored.toArray(CompletableFuture<?>[]::new)).get(60, TimeUnit.SECONDS);
        server.grid().flushModelNow();

        final int warmUp = settings.developmentMode() ? DemoWarmUp.run(server, shoppers) : 0;
        System.out.println(walkthrough(server.url(), catalog));
        if (warmUp > 0)
        {
            System.out.println("(Warmed up with " + warmUp + " recommendation reads that record nothing, so the " +
                "first answers are not a cold JVM's; /metrics/latency was reset after them.)");
        }
        ServeCommand.awaitShutdown(server);
        return 0;
    }

    /**
     * Profiles the demo's data files are sized for: the shoppers with room to spare, and enough for the catalog
     * file, which is sized at a quarter of the profiles.
     *
     * @param products  products of the store.
     * @param shoppers  synthetic shoppers.
     * @return the capacity.
     */
    static long demoCapacity(final int products, final int shoppers)
    {
        return Math.max(10_000L, Math.max(2L * shoppers, 4L * products));
    }

    static String walkthrough(final String url, final List<Product> catalog)
    {
        final Product shoe = catalog.stream()
            .filter(p -> p.category().equals("apparel/shoes/running") && p.inStock())
            .findFirst().orElseThrow();
        // A search for shoes as a storefront's search engine might return it: a casual and a hiking shoe, then two
        // running shoes other than the one alice viewed.
        final List<String> found = new ArrayList<>();
        for (final String category : List.of("apparel/shoes/casual", "apparel/shoes/hiking", "apparel/shoes/running",
            "apparel/shoes/running"))
        {
            catalog.stream()
                .filter(p -> p.category().equals(category) && p.inStock() && !p.id().equals(shoe.id()) &&
                    !found.contains("\"" + p.id() + "\""))
                .findFirst().ifPresent(p -> found.add("\"" + p.id() + "\""));
        }
        return String.join("\n",
            "",
            "Tailor demo is ready at " + url + " with " + catalog.size() + " products and a week of shoppers.",
            "",
            "1. A new shopper, alice, gets what is popular:",
            "   curl -s '" + url + "/v1/recommendations?user=alice&k=5'",
            "",
            "2. Alice looks at a running shoe (" + shoe.title() + "):",
            "   curl -s -X POST " + url + "/v1/events -H 'Content-Type: application/json' \\",
            "     -d '{\"id\":\"alice-1\",\"type\":\"view\",\"user\":\"alice\",\"product\":\"" + shoe.id() + "\"}'",
            "",
            "3. Her very next page follows what she just did, and says why:",
            "   curl -s '" + url + "/v1/recommendations?user=alice&k=5&explain=true'",
            "",
            "4. The same event sent again is counted as a duplicate, not twice:",
            "   (repeat step 2: the answer says \"duplicates\":1)",
            "",
            "5. On the shoe's own page, similar products:",
            "   curl -s '" + url + "/v1/recommendations?user=alice&placement=product&product=" + shoe.id() + "&k=5'",
            "",
            "6. A search result for shoes, ordered for alice (running shoes first):",
            "   curl -s -X POST " + url + "/v1/rerank -H 'Content-Type: application/json' \\",
            "     -d '{\"user\":\"alice\",\"items\":[" + String.join(",", found) + "]}'",
            "",
            "7. What Tailor holds on alice:",
            "   curl -s " + url + "/v1/profiles/alice",
            "",
            "Stop with Ctrl-C.",
            "");
    }
}
