package io.tailor.loadtest.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tailor.loadtest.http.TailorClient;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the synthetic store through the public API: products as NDJSON batches ({@code PUT /v1/products}),
 * then, once the server's snapshot holds them all, every shopper's history as NDJSON batches
 * ({@code POST /v1/events}), several batches in flight at once. A batch answered 503 or lost on the
 * connection is sent again (event ids make that safe); invalid data is counted and named.
 * <pre>
 *   this thread: generate batch ─► wait for a free slot (of --concurrency) ─► send ─► next batch
 *   client loop: answer ─► count accepted / duplicates / rejected ─► free the slot (or retry)
 * </pre>
 */
public final class DataLoader
{
    /**
     * What to load.
     *
     * @param products         number of products.
     * @param shoppers         number of customers.
     * @param eventsPerShopper mean events per customer.
     * @param batchEvents      events per request (shopper histories are not split).
     * @param batchProducts    products per request.
     * @param concurrency      requests in flight.
     * @param nowMs            the present: launch dates and event times are before it.
     * @param checkShoppers    shoppers whose recommendations are checked against their taste (0: none).
     */
    public record Settings(int products, long shoppers, double eventsPerShopper, int batchEvents, int batchProducts,
        int concurrency, long nowMs, int checkShoppers)
    {
        /**
         * Validates.
         *
         * @param products         products.
         * @param shoppers         shoppers.
         * @param eventsPerShopper events per shopper.
         * @param batchEvents      event batch.
         * @param batchProducts    product batch.
         * @param concurrency      in flight.
         * @param nowMs            now.
         * @param checkShoppers    check sample.
         */
        public Settings
        {
            if (shoppers < 0 || shoppers > Integer.MAX_VALUE)
            {
                throw new IllegalArgumentException("--shoppers must be in 0..2^31-1: " + shoppers);
            }
            if (batchEvents < 1 || batchEvents > 10_000 || batchProducts < 1 || batchProducts > 10_000)
            {
                throw new IllegalArgumentException("batch sizes must be in 1..10000 (the server's limit)");
            }
            if (concurrency < 1 || concurrency > 256)
            {
                throw new IllegalArgumentException("--concurrency must be in 1..256: " + concurrency);
            }
            if (checkShoppers < 0)
            {
                throw new IllegalArgumentException("--check-shoppers must be at least 0: " + checkShoppers);
            }
        }
    }

    /**
     * What happened.
     *
     * @param products          products sent.
     * @param productsUpserted  products the server stored.
     * @param productsRejected  products refused.
     * @param productSeconds    time to load products.
     * @param snapshotSeconds   time until the server's snapshot held every product.
     * @param events            events sent.
     * @param accepted          events stored.
     * @param duplicates        events already known (a repeated load).
     * @param rejected          events refused.
     * @param failed            events in batches that failed after every retry.
     * @param eventSeconds      time to load events.
     * @param firstProblem      the first refusal or failure, or null.
     * @param tasteMatch        share of recommended items in the shoppers' taste categories, or NaN.
     * @param popularMatch      the same share for the non-personalised (popular) list, or NaN.
     * @param catalogMatch      the share a random list would have, or NaN.
     */
    public record Outcome(long products, long productsUpserted, long productsRejected, double productSeconds,
        double snapshotSeconds, long events, long accepted, long duplicates, long rejected, long failed,
        double eventSeconds, String firstProblem, double tasteMatch, double popularMatch, double catalogMatch)
    {
        /**
         * Events per second stored.
         *
         * @return the rate.
         */
        public double eventsPerSecond()
        {
            return eventSeconds > 0 ? (accepted + duplicates) / eventSeconds : 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 6;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SNAPSHOT_WAIT = Duration.ofMinutes(3);

    private final TailorClient client;
    private final StoreModel store;
    private final ShopperHistories histories;
    private final Settings settings;
    private final ProgressBar bar;
    private final Semaphore slots;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    /**
     * A loader.
     *
     * @param client    the server.
     * @param store     the store to load.
     * @param histories its shoppers' histories.
     * @param settings  sizes and batching.
     * @param progress  where the progress bar goes.
     * @param terminal  whether that is a terminal.
     */
    public DataLoader(final TailorClient client, final StoreModel store, final ShopperHistories histories,
        final Settings settings, final PrintStream progress, final boolean terminal)
    {
        this.client = client;
        this.store = store;
        this.histories = histories;
        this.settings = settings;
        this.bar = new ProgressBar(progress, terminal);
        this.slots = new Semaphore(settings.concurrency());
    }

    /**
     * Loads everything and checks personalisation.
     *
     * @return what happened.
     * @throws IOException          when the server cannot be reached or never shows the products.
     * @throws InterruptedException when interrupted.
     */
    public Outcome load() throws IOException, InterruptedException
    {
        final int productCount = settings.products();
        final long productStart = System.nanoTime();
        long sentProducts = 0;
        final ByteBuf buffer = Unpooled.buffer(1 << 20);
        for (int first = 0; first < productCount; first += settings.batchProducts())
        {
            final int last = Math.min(productCount, first + settings.batchProducts());
            buffer.clear();
            for (int p = first; p < last; p++)
            {
                store.writeProductJson(buffer, p, settings.nowMs());
                buffer.writeByte('\n');
            }
            submit(HttpMethod.PUT, "/v1/products", ByteBufUtil.getBytes(buffer), last - first);
            sentProducts += last - first;
            bar.update("products", sentProducts, productCount, "products", rate(stored.get(), productStart), "",
                System.nanoTime() - productStart, false);
        }
        drain();
        final double productSeconds = (System.nanoTime() - productStart) / 1e9;
        bar.update("products", sentProducts, productCount, "products", productCount / Math.max(productSeconds, 1e-9),
            "", System.nanoTime() - productStart, true);
        bar.finish();
        final long productsUpserted = stored.getAndSet(0);
        final long productsRejected = rejected.getAndSet(0) + failed.getAndSet(0);

        final double snapshotSeconds = awaitSnapshot(productsUpserted, productStart);

        final long eventStart = System.nanoTime();
        long sentEvents = 0;
        int inBatch = 0;
        buffer.clear();
        final long shoppers = settings.shoppers();
        final long expectedEvents = Math.round(shoppers * settings.eventsPerShopper());
        for (long s = 0; s < shoppers; s++)
        {
            inBatch += histories.write(buffer, s, settings.nowMs());
            if (inBatch >= settings.batchEvents() || s == shoppers - 1)
            {
                submit(HttpMethod.POST, "/v1/events", ByteBufUtil.getBytes(buffer), inBatch);
                sentEvents += inBatch;
                inBatch = 0;
                buffer.clear();
                final long done = stored.get() + duplicates.get();
                bar.update("events", Math.min(s + 1, shoppers), shoppers, "shoppers", rate(s + 1, eventStart),
                    String.format(Locale.ROOT, "%,d events, %,.0f events/s", done, rate(done, eventStart)),
                    System.nanoTime() - eventStart, false);
            }
        }
        drain();
        final double eventSeconds = (System.nanoTime() - eventStart) / 1e9;
        final long doneEvents = stored.get() + duplicates.get();
        bar.update("events", shoppers, shoppers, "shoppers", shoppers / Math.max(eventSeconds, 1e-9),
            String.format(Locale.ROOT, "%,d events (about %,d expected), %,.0f events/s", doneEvents, expectedEvents,
                doneEvents / Math.max(eventSeconds, 1e-9)), System.nanoTime() - eventStart, true);
        bar.finish();
        buffer.release();

        final double[] taste = checkPersonalisation();
        return new Outcome(sentProducts, productsUpserted, productsRejected, productSeconds, snapshotSeconds,
            sentEvents, stored.get(), duplicates.get(), rejected.get(), failed.get(), eventSeconds, firstProblem.get(),
            taste[0], taste[1], taste[2]);
    }

    private static double rate(final long done, final long startNs)
    {
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }

    private void submit(final HttpMethod method, final String path, final byte[] body, final int items)
        throws InterruptedException
    {
        slots.acquire();
        attempt(method, path, body, items, 1);
    }

    private void attempt(final HttpMethod method, final String path, final byte[] body, final int items,
        final int attempt)
    {
        client.send(method, path, "application/x-ndjson", body).whenComplete((response, error) ->
        {
            final boolean retry = error != null || response.status() == 503;
            if (retry && attempt < MAX_ATTEMPTS)
            {
                final Executor later = CompletableFuture.delayedExecutor(100L << attempt, TimeUnit.MILLISECONDS);
                later.execute(() -> attempt(method, path, body, items, attempt + 1));
                return;
            }
            try
            {
                if (error != null)
                {
                    failed.addAndGet(items);
                    firstProblem.compareAndSet(null, method + " " + path + " failed " + attempt + " times: " + error);
                }
                else
                {
                    count(method, path, response, items);
                }
            }
            finally
            {
                slots.release();
            }
        });
    }

    private void count(final HttpMethod method, final String path, final TailorClient.Response response,
        final int items)
    {
        try
        {
            final JsonNode answer = JSON.readTree(response.body());
            if (response.status() == 200)
            {
                stored.addAndGet(answer.path(path.endsWith("products") ? "upserted" : "accepted").asLong());
                duplicates.addAndGet(answer.path("duplicates").asLong());
                final JsonNode refused = answer.path("rejected");
                rejected.addAndGet(refused.size());
                if (refused.size() > 0)
                {
                    firstProblem.compareAndSet(null, method + " " + path + " rejected: " + refused.get(0));
                }
                return;
            }
            if (response.status() == 400)
            {
                rejected.addAndGet(items);
            }
            else
            {
                failed.addAndGet(items);
            }
            firstProblem.compareAndSet(null, method + " " + path + " answered " + response.status() + ": " +
                abbreviate(response.text()));
        }
        catch (final IOException ex)
        {
            failed.addAndGet(items);
            firstProblem.compareAndSet(null, method + " " + path + " answered " + response.status() +
                " with unreadable JSON: " + abbreviate(response.text()));
        }
    }

    private void drain() throws InterruptedException
    {
        slots.acquire(settings.concurrency());
        slots.release(settings.concurrency());
    }

    /** Waits until the server's model holds the products, so that events find their categories. */
    private double awaitSnapshot(final long expected, final long sinceNs) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + SNAPSHOT_WAIT.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline)
        {
            final TailorClient.Response ready = client.call(HttpMethod.GET, "/health/ready", null, null, CALL_TIMEOUT);
            if (ready.status() == 200)
            {
                seen = JSON.readTree(ready.body()).path("products").asLong(-1);
                if (seen >= expected)
                {
                    return (System.nanoTime() - sinceNs) / 1e9;
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("the server's snapshot shows " + seen + " products, not " + expected + ", after " +
            SNAPSHOT_WAIT.toSeconds() + " s");
    }

    /**
     * Asks for recommendations for a sample of shoppers and measures how many land in their taste categories,
     * against the non-personalised list and the catalog's share.
     *
     * @return taste match, popular-list match, catalog share (NaN when not checked).
     */
    private double[] checkPersonalisation() throws IOException
    {
        final int sample = (int)Math.min(settings.checkShoppers(), settings.shoppers());
        if (sample == 0)
        {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        final int[] popular = recommended("/v1/recommendations?user=loadtest-newcomer&k=10");
        double personal = 0;
        double baseline = 0;
        double catalog = 0;
        int lists = 0;
        final long step = Math.max(1, settings.shoppers() / sample);
        for (long s = 0; s < settings.shoppers() && lists < sample; s += step)
        {
            final int cluster = store.clusterOf(s, false);
            final int[] items = recommended("/v1/recommendations?user=u" + s + "&k=10");
            if (items.length == 0)
            {
                continue;
            }
            personal += share(cluster, items);
            baseline += share(cluster, popular);
            catalog += store.tasteShare(cluster);
            lists++;
        }
        return lists == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN} :
            new double[] {personal / lists, baseline / lists, catalog / lists};
    }

    private double share(final int cluster, final int[] items)
    {
        if (items.length == 0)
        {
            return 0;
        }
        int hits = 0;
        for (final int item : items)
        {
            if (store.inTaste(cluster, item))
            {
                hits++;
            }
        }
        return (double)hits / items.length;
    }

    private int[] recommended(final String path) throws IOException
    {
        final TailorClient.Response response = client.call(HttpMethod.GET, path, null, null, CALL_TIMEOUT);
        if (response.status() != 200)
        {
            return new int[0];
        }
        final JsonNode items = JSON.readTree(response.body()).path("items");
        final int[] indices = new int[items.size()];
        int count = 0;
        for (final JsonNode item : items)
        {
            final String id = item.path("product").asText("");
            if (id.length() > 1 && id.charAt(0) == 'p' && id.chars().skip(1).allMatch(Character::isDigit))
            {
                final long index = Long.parseLong(id.substring(1));
                if (index < store.products())
                {
                    indices[count++] = (int)index;
                }
            }
        }
        return Arrays.copyOf(indices, count);
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
