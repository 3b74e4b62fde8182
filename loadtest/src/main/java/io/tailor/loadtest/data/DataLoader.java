package io.tailor.loadtest.data;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tailor.client.BatchResult;
import io.tailor.client.Readiness;
import io.tailor.client.RecommendationRequest;
import io.tailor.client.Recommendations;
import io.tailor.client.RetryPolicy;
import io.tailor.client.TailorClient;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the synthetic store through the public API: products as NDJSON batches ({@code PUT /v1/products}),
 * then, once the server's snapshot holds them all, every shopper's history as NDJSON batches
 * ({@code POST /v1/events}), several batches in flight at once, through the Java client
 * ({@code io.tailor.client}): a batch answered 429 or 503 or lost on the connection is sent again by the client
 * ({@link #RETRY}; event ids make that safe); invalid data is counted and named.
 * <pre>
 *   this thread:    generate batch ─► wait for a free slot (of --concurrency) ─► send ─► next batch
 *   client threads: answer (after the client's retries) ─► count accepted / duplicates / rejected ─► free the slot
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

    /**
     * Retries of a batch: eight attempts, 200 ms doubling to 10 s, never sooner than the node's {@code Retry-After};
     * a bulk load would rather wait out an overloaded node (11 to 23 s of backoff in all) than lose a batch.
     */
    public static final RetryPolicy RETRY = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(10));

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
            submit(true, ByteBufUtil.getBytes(buffer), last - first);
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
                submit(false, ByteBufUtil.getBytes(buffer), inBatch);
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

    private void submit(final boolean products, final byte[] body, final int items) throws InterruptedException
    {
        slots.acquire();
        final String call = products ? "PUT /v1/products" : "POST /v1/events";
        final CompletableFuture<BatchResult> sent;
        try
        {
            sent = products ? client.upsertProductsNdjson(body) : client.sendEventsNdjson(body);
        }
        catch (final RuntimeException ex)
        {
            slots.release();
            throw ex;
        }
        sent.whenComplete((result, error) ->
        {
            try
            {
                if (error != null)
                {
                    failed.addAndGet(items);
                    firstProblem.compareAndSet(null, call + " failed: " + (error.getCause() != null ?
                        error.getCause().getMessage() : error.toString()));
                }
                else
                {
                    count(call, result, items);
                }
            }
            finally
            {
                slots.release();
            }
        });
    }

    private void count(final String call, final BatchResult result, final int items)
    {
        if (result.ok())
        {
            stored.addAndGet(result.stored());
            duplicates.addAndGet(result.duplicates());
            rejected.addAndGet(result.rejected().size());
            if (!result.rejected().isEmpty())
            {
                firstProblem.compareAndSet(null, call + " rejected: " + result.rejected().get(0));
            }
            return;
        }
        if (result.status() == 400)
        {
            rejected.addAndGet(items);
        }
        else
        {
            failed.addAndGet(items);
        }
        firstProblem.compareAndSet(null, call + " answered " + result.status() + " after " + result.attempts() +
            " attempts: " + abbreviate(String.valueOf(result.problem())));
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
            final Readiness ready = await(client.ready(), "GET /health/ready");
            if (ready.ready())
            {
                seen = ready.products();
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
        final int[] popular = recommended("loadtest-newcomer");
        double personal = 0;
        double baseline = 0;
        double catalog = 0;
        int lists = 0;
        final long step = Math.max(1, settings.shoppers() / sample);
        for (long s = 0; s < settings.shoppers() && lists < sample; s += step)
        {
            final int cluster = store.clusterOf(s, false);
            final int[] items = recommended("u" + s);
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

    private int[] recommended(final String user) throws IOException
    {
        final Recommendations answer = await(client.recommend(RecommendationRequest.forUser(user).k(10)
            .deadline(CALL_TIMEOUT).build()), "GET /v1/recommendations");
        if (answer.fallback())
        {
            return new int[0];
        }
        final int[] indices = new int[answer.items().size()];
        int count = 0;
        for (final Recommendations.Item item : answer.items())
        {
            final String id = item.product();
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

    private static <T> T await(final CompletableFuture<T> answer, final String call) throws IOException
    {
        try
        {
            return answer.get(CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + call, ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IOException(call + " failed: " + ex.getCause().getMessage(), ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new IOException(call + " got no answer within " + CALL_TIMEOUT.toSeconds() * 2 + " s", ex);
        }
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
