package io.tailor.benchmarks.jmh;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A generated store for benchmarks, built through the code the server runs: a catalog of {@code products} in
 * a three-level category tree with brands, prices, attributes and launch dates; a month of shopper sessions
 * (views, carts, purchases) replayed in time order through {@link ProfileUpdater} into one {@link Profile}
 * per shopper and an {@link ItemSignalAccumulator}; and the {@link ItemModel} built from it, so popularity,
 * top lists and co-occurrence neighbours look like a live store's.
 * <p>
 * Skew as in real shops: categories and the products within a category are drawn from Zipf distributions,
 * each shopper has one to three categories of interest, a session views 3 to 12 products of one of them, a
 * fifth of sessions put something in the cart and a third of those buy it. Seeded: the same arguments make
 * the same store.
 */
final class SyntheticStore
{
    /** The time the store is built for and requests are made at: 2026-11-01T00:00:00Z. */
    static final long NOW_MS = 1_793_491_200_000L;
    /** Dimension of item vectors, the server's default. */
    static final int DIMENSIONS = 64;

    private static final long MINUTE_MS = 60_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final int DEPARTMENTS = 12;
    private static final int SECTIONS = 8;
    private static final int LEAVES = 10;
    private static final int BRANDS = 400;
    private static final String[] STYLES = {"classic", "sport", "casual", "formal", "outdoor", "vintage", "minimal",
        "bold"};
    private static final String[] SEASONS = {"spring", "summer", "autumn", "winter"};
    private static final String[] COLOURS = {"black", "white", "red", "blue", "green", "grey", "brown", "beige",
        "navy", "pink", "yellow", "orange"};

    final CatalogSnapshot catalog;
    /** The products the catalog was built from. */
    final List<Product> products;
    /** What the replayed events taught about products, as the model was built from it. */
    final ItemSignalAccumulator evidence;
    final ItemModel model;
    final ProfileSettings profileSettings;
    /** Shoppers with history, in the order they were first seen. */
    final List<Profile> profiles;
    /** Per leaf category, its products' catalog indices, most popular first. */
    final int[][] leafProducts;
    /** Events replayed to build the store. */
    final int events;

    private SyntheticStore(final CatalogSnapshot catalog, final List<Product> products,
        final ItemSignalAccumulator evidence, final ItemModel model, final ProfileSettings settings,
        final List<Profile> profiles, final int[][] leafProducts, final int events)
    {
        this.catalog = catalog;
        this.products = products;
        this.evidence = evidence;
        this.model = model;
        this.profileSettings = settings;
        this.profiles = profiles;
        this.leafProducts = leafProducts;
        this.events = events;
    }

    /**
     * Generates a store.
     *
     * @param products number of products.
     * @param shoppers number of shoppers with a month of sessions each.
     * @param seed     random seed.
     * @return the store.
     */
    static SyntheticStore generate(final int products, final int shoppers, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int leaves = DEPARTMENTS * SECTIONS * LEAVES;
        final List<Product> catalogProducts = new ArrayList<>(products);
        final List<List<String>> idsByLeaf = new ArrayList<>(leaves);
        for (int leaf = 0; leaf < leaves; leaf++)
        {
            idsByLeaf.add(new ArrayList<>());
        }
        for (int p = 0; p < products; p++)
        {
            final int leaf = p % leaves;
            final String category = "dept" + leaf / (SECTIONS * LEAVES) + "/section" + leaf / LEAVES % SECTIONS +
                "/leaf" + leaf % LEAVES;
            final String brand = "brand" + (leaf * 7 + random.nextInt(8) * 53) % BRANDS;
            final double basePrice = 5.0 * Math.exp(leaf % 17 * 0.25);
            final double price = Math.round(basePrice * Math.exp(random.nextGaussian() * 0.4) * 100) / 100.0;
            final long launchedAt = random.nextInt(100) < 3 ? NOW_MS - random.nextLong(30 * DAY_MS) :
                NOW_MS - random.nextLong(730 * DAY_MS);
            final Map<String, List<String>> attributes = new LinkedHashMap<>();
            attributes.put("style", List.of(STYLES[random.nextInt(STYLES.length)]));
            attributes.put("season", List.of(SEASONS[random.nextInt(SEASONS.length)]));
            attributes.put("colour", List.of(COLOURS[random.nextInt(COLOURS.length)]));
            final String id = "p" + p;
            catalogProducts.add(new Product(id, "Product " + p, category, brand, price, attributes,
                random.nextInt(100) < 97, launchedAt, random.nextInt(1000) < 5, null));
            idsByLeaf.get(leaf).add(id);
        }
        final CatalogSnapshot catalog =
            CatalogSnapshot.build(catalogProducts, null, new ContentVectorizer(DIMENSIONS), 1L);

        final ZipfTable leafPopularity = new ZipfTable(leaves, 0.8);
        final List<Event> events = new ArrayList<>();
        for (int s = 0; s < shoppers; s++)
        {
            sessionsOf("u" + s, random, leafPopularity, idsByLeaf, catalogProducts, events);
        }
        events.sort(Comparator.comparingLong(Event::timestampMs));

        final ProfileSettings settings = ProfileSettings.DEFAULT;
        final ProfileUpdater updater = new ProfileUpdater(settings);
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final Map<String, Profile> byShopper = new LinkedHashMap<>();
        for (final Event event : events)
        {
            final Profile profile = byShopper.computeIfAbsent(event.shopper(), k -> new Profile(DIMENSIONS));
            updater.apply(profile, event, catalog, signals);
        }
        final ItemModel built = ItemModel.build(catalog, signals, NOW_MS, ModelSettings.DEFAULT, 1L);
        final ItemModel model = built.withFactors(ItemFactors.learn(built, ModelSettings.DEFAULT.factors()));

        final int[][] leafProducts = new int[leaves][];
        for (int leaf = 0; leaf < leaves; leaf++)
        {
            final List<String> ids = idsByLeaf.get(leaf);
            leafProducts[leaf] = new int[ids.size()];
            for (int i = 0; i < ids.size(); i++)
            {
                leafProducts[leaf][i] = catalog.indexOf(ids.get(i));
            }
        }
        return new SyntheticStore(catalog, catalogProducts, signals, model, settings,
            new ArrayList<>(byShopper.values()), leafProducts, events.size());
    }

    /** A month of sessions of one shopper; the last one starts 45 minutes to about 3 hours ago. */
    private static void sessionsOf(final String shopper, final SplittableRandom random, final ZipfTable leaves,
        final List<List<String>> idsByLeaf, final List<Product> products, final List<Event> out)
    {
        final int[] interests = new int[1 + random.nextInt(3)];
        for (int i = 0; i < interests.length; i++)
        {
            interests[i] = leaves.sample(random);
        }
        final int sessions = 1 + random.nextInt(6);
        long at = NOW_MS - 30 * DAY_MS + random.nextLong(20 * DAY_MS);
        // A session lasts at most 12 views of 2.5 minutes and a cart: half an hour, so none ends after NOW_MS.
        final long lastSessionStart = NOW_MS - 45 * MINUTE_MS - random.nextLong(120 * MINUTE_MS);
        final long gap = Math.max(MINUTE_MS, (lastSessionStart - at) / sessions);
        int sequence = 0;
        for (int s = 0; s < sessions; s++)
        {
            final List<String> leaf = idsByLeaf.get(interests[random.nextInt(interests.length)]);
            final ZipfTable within = ZipfTable.of(leaf.size());
            final int views = 3 + random.nextInt(10);
            String last = null;
            for (int v = 0; v < views; v++)
            {
                last = leaf.get(within.sample(random));
                out.add(new Event(shopper + "-" + sequence++, EventType.VIEW, shopper, null, last, List.of(),
                    Double.NaN, at, Channel.WEB, null, null));
                at += MINUTE_MS / 2 + random.nextLong(MINUTE_MS * 2);
            }
            if (random.nextInt(5) == 0)
            {
                out.add(new Event(shopper + "-" + sequence++, EventType.ADD_TO_CART, shopper, null, last, List.of(),
                    Double.NaN, at, Channel.WEB, null, null));
                at += MINUTE_MS;
                if (random.nextInt(3) == 0)
                {
                    final double price = products.get(Integer.parseInt(last.substring(1))).price();
                    out.add(new Event(shopper + "-" + sequence++, EventType.PURCHASE, shopper, null, null,
                        List.of(new LineItem(last, 1, price)), Double.NaN, at, Channel.WEB, null, null));
                }
            }
            at = Math.min(lastSessionStart, at + gap);
        }
    }

    /** Samples ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent. */
    static final class ZipfTable
    {
        private static final Map<Integer, ZipfTable> BY_SIZE = new LinkedHashMap<>();
        private final double[] cumulative;

        ZipfTable(final int n, final double exponent)
        {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += 1.0 / Math.pow(i + 1, exponent);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++)
            {
                cumulative[i] /= sum;
            }
        }

        static ZipfTable of(final int n)
        {
            return BY_SIZE.computeIfAbsent(n, size -> new ZipfTable(size, 1.0));
        }

        int sample(final SplittableRandom random)
        {
            final double u = random.nextDouble();
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high)
            {
                final int mid = (low + high) >>> 1;
                if (cumulative[mid] < u)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            return low;
        }
    }
}
