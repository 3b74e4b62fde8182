package io.tailor.benchmarks.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.client.BatchResult;
import io.tailor.client.RecommendationRequest;
import io.tailor.client.Recommendations;
import io.tailor.client.RetryPolicy;
import io.tailor.client.TailorClient;
import io.tailor.scoring.rank.Placement;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

/**
 * A running Tailor node under the session evaluation, driven only through its HTTP API, as a storefront drives
 * it: the products the node does not know are uploaded ({@code PUT /v1/products}), the training sessions are sent
 * as anonymous shoppers' {@code view} events ({@code POST /v1/events}, NDJSON), and each case is a fresh anonymous
 * shopper whose prefix is sent as views before {@code GET /v1/recommendations} is asked.
 * <p>
 * The replay is the in-process one's ({@link TailorSessionMethod}): the same shopper ids ({@code t<session>}),
 * event ids ({@code <shopper>-<click>}), sessions {@link TailorSessionMethod#SESSION_SPACING_MS} apart and clicks
 * {@link TailorSessionMethod#CLICK_SPACING_MS} apart, and products with the in-process catalog's fields (title
 * the id, category {@code none}, price 0; a launch date long past, so that none is a new arrival, as the
 * in-process products have none). Only the origin differs: the timeline ends ten minutes before the load starts,
 * because a node refuses events from the future and asks its own clock for the time of a request.
 * <p>
 * The node learns from every event it gets, the cases' views included (a live node cannot tell an evaluation
 * from traffic); the in-process model does not learn from the cases. Between two model rebuilds (a few seconds)
 * the cases' views change only the shoppers' own profiles.
 * <p>
 * Loading waits for the node to keep up: the next batch goes once the node's item-signal ring holds less than
 * {@link #BACKLOG_BYTES} ({@code tailor_item_signals_backlog_bytes} of {@code GET /metrics}), and a load during
 * which the node dropped signals ({@code tailor_item_signals_dropped_total}) is an error. Waiting for the model
 * (no fixed sleep): after the last event batch is acknowledged, the node's item-signal ring
 * must be empty ({@code tailor_item_signals_backlog_bytes} of {@code GET /metrics}), then two models must be built
 * after that moment ({@code model.builtAt} of {@code GET /v1/stats}; the first may have started before the last
 * deltas were merged), then, on a node that learns collaborative factors, they must have been learnt from one of
 * those models ({@code model.factorsFrom}); factors are relearnt about once a minute.
 */
final class SessionNode implements AutoCloseable
{
    /** Events per {@code POST /v1/events}. */
    static final int EVENT_BATCH = 2_000;
    /**
     * The next batch waits until the node's item-signal ring holds less than this ({@code GET /metrics}): a view
     * makes up to a few hundred bytes of signals, and a node drops what does not fit in its ring (32 MiB by
     * default) rather than block; loading Tmall at full speed lost 184,424 signals that way.
     */
    static final long BACKLOG_BYTES = 1L << 20;
    /** Products per {@code PUT /v1/products}. */
    static final int PRODUCT_BATCH = 2_000;
    /** Launch date given to uploaded products: long past, so never a new arrival (the in-process ones have none). */
    static final String LAUNCHED_AT = "2000-01-01T00:00:00Z";

    /** Tries of a list the node answers degraded before its degraded answer is taken. */
    private static final int DEGRADED_ATTEMPTS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final long POLL_MS = 100L;
    private static final int LOOKUPS_IN_FLIGHT = 32;
    private static final RetryPolicy RETRY = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(10));

    private final URI endpoint;
    private final String authorization;
    private final String[] productIds;
    private final PrintStream log;
    private final TailorClient client;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    /** Distinguishes this run's case shoppers from an earlier run's on the same node. */
    private final String runTag = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong degraded = new AtomicLong();
    private boolean loaded;
    private long signalsDroppedAtStart = -1;

    /**
     * A node at an address.
     *
     * @param endpoint   base URL, e.g. {@code http://127.0.0.1:8080}.
     * @param apiKey     API key with {@code catalog:write}, {@code events:write} and {@code recs:read}, or
     *                   {@code null} for a node without keys.
     * @param productIds product id of each item index.
     * @param log        where progress goes.
     */
    SessionNode(final URI endpoint, final String apiKey, final String[] productIds, final PrintStream log)
    {
        this.endpoint = endpoint;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
        this.productIds = productIds.clone();
        this.log = log;
        this.client = TailorClient.builder().endpoint(endpoint).apiKey(apiKey).retry(RETRY)
            .deadline(Duration.ofSeconds(30)).requestTimeout(Duration.ofSeconds(60)).build();
    }

    /**
     * The node's address.
     *
     * @return the base URL.
     */
    URI endpoint()
    {
        return endpoint;
    }

    /**
     * Lists asked for so far, and how many of them the node answered degraded (popular products: its deadline
     * passed) and were asked again.
     *
     * @return {@code {lists, degraded}}.
     */
    long[] listCounts()
    {
        return new long[] {lists.get(), degraded.get()};
    }

    /**
     * Uploads the products the node lacks, sends the training sessions and waits until the node's model holds
     * them; once (later calls return at once: the methods of one run share the node).
     *
     * @param training training sessions, item indices.
     * @throws IOException when the node refuses or loses data, or its model does not catch up in time.
     */
    void load(final List<int[]> training) throws IOException
    {
        if (loaded)
        {
            return;
        }
        final long start = System.nanoTime();
        uploadMissingProducts();
        signalsDroppedAtStart = metric("tailor_item_signals_dropped_total");
        final long originMs = System.currentTimeMillis() - 600_000L -
            training.size() * TailorSessionMethod.SESSION_SPACING_MS;
        final StringBuilder batch = new StringBuilder(1 << 20);
        long sent = 0;
        for (int s = 0, size = training.size(); s < size; s++)
        {
            final int[] clicks = training.get(s);
            final String shopper = "t" + s;
            final long sessionMs = originMs + s * TailorSessionMethod.SESSION_SPACING_MS;
            for (int c = 0; c < clicks.length; c++)
            {
                appendView(batch, shopper, c, clicks[c], sessionMs + c * TailorSessionMethod.CLICK_SPACING_MS);
                sent++;
                if (sent % EVENT_BATCH == 0)
                {
                    sendEvents(batch);
                    await("its item-signal ring to drain below 1 MiB",
                        () -> metric("tailor_item_signals_backlog_bytes") < BACKLOG_BYTES);
                }
            }
        }
        sendEvents(batch);
        log.printf(Locale.ROOT, "eval: sent %,d training views of %,d sessions to %s in %.1f s; waiting for its "
            + "model%n", sent, training.size(), endpoint, (System.nanoTime() - start) / 1e9);
        awaitModel();
        final long dropped = metric("tailor_item_signals_dropped_total") - signalsDroppedAtStart;
        if (dropped > 0)
        {
            throw new IOException("the node dropped " + dropped + " item signals while loading (its signal ring "
                + "was full): its model is missing part of the training; load it more slowly or give it a larger "
                + "ring");
        }
        log.printf(Locale.ROOT, "eval: the node's model holds the training (%.1f s in all)%n",
            (System.nanoTime() - start) / 1e9);
        loaded = true;
    }

    /**
     * Answers one case as a fresh anonymous shopper: sends the prefix's views and asks for the placement's list,
     * the last item the page's product on the product placement. Safe to call from several threads at once.
     * <p>
     * Once per case, the views go in one request, stamped {@link TailorSessionMethod#CLICK_SPACING_MS} apart, the
     * last that long before the request. On every page, each view is sent on its own, stamped
     * {@link TailorSessionMethod#PAGE_LIST_DELAY_MS} before its page's request, and the next page waits until
     * {@code pageIntervalMs} after the list (a shopper's pace):
     * the node applies a served list's impressions to the shopper's record within 200 ms, so the next page's list
     * sees them; pages {@link TailorSessionMethod#CLICK_SPACING_MS} apart replay the in-process timeline exactly.
     *
     * @param caseNumber     number of the case in this run, for the shopper id.
     * @param placement      the placement.
     * @param prefix         the case's items.
     * @param everyPage      whether to ask for (and so record as shown) a list on every page of the prefix, as a
     *                       storefront does, instead of once after the last view.
     * @param pageIntervalMs least time between two pages of a case, with {@code everyPage}.
     * @param k              list length.
     * @param out            receives item indices of the last list.
     * @param itemOf         item index of each product id of the node's answers (unknown ids map to -1).
     * @return how many were written.
     * @throws IOException when the node refuses the views or the request.
     */
    int answer(final long caseNumber, final Placement placement, final int[] prefix, final boolean everyPage,
        final long pageIntervalMs, final int k, final int[] out, final ToIntFunction<String> itemOf)
        throws IOException
    {
        final String shopper = "c" + caseNumber + "-" + runTag + "-" + placement.wireName();
        final StringBuilder views = new StringBuilder(256);
        Recommendations list = null;
        if (!everyPage)
        {
            final long startMs = System.currentTimeMillis() -
                (long)prefix.length * TailorSessionMethod.CLICK_SPACING_MS;
            for (int c = 0; c < prefix.length; c++)
            {
                appendView(views, shopper, c, prefix[c], startMs + c * TailorSessionMethod.CLICK_SPACING_MS);
            }
            sendEvents(views);
            list = recommend(shopper, placement, prefix[prefix.length - 1], k);
        }
        else
        {
            long servedNs = 0;
            for (int c = 0; c < prefix.length; c++)
            {
                if (c > 0)
                {
                    pause(servedNs + TimeUnit.MILLISECONDS.toNanos(pageIntervalMs) - System.nanoTime());
                }
                appendView(views, shopper, c, prefix[c],
                    System.currentTimeMillis() - TailorSessionMethod.PAGE_LIST_DELAY_MS);
                sendEvents(views);
                list = recommend(shopper, placement, prefix[c], k);
                servedNs = System.nanoTime();
            }
        }
        final List<Recommendations.Item> items = list.items();
        final int count = Math.min(k, items.size());
        for (int n = 0; n < count; n++)
        {
            out[n] = itemOf.applyAsInt(items.get(n).product());
        }
        return count;
    }

    @Override
    public void close()
    {
        client.close();
    }

    private Recommendations recommend(final String shopper, final Placement placement, final int page, final int k)
        throws IOException
    {
        final RecommendationRequest.Builder request = RecommendationRequest.forAnonymous(shopper)
            .placement(placement.wireName()).k(k);
        if (placement == Placement.PRODUCT)
        {
            request.product(productIds[page]);
        }
        // A degraded answer (the node's deadline passed: popular products) measures the machine's load, not the
        // model; it is not recorded as shown, so asking again changes nothing else. Counted, and asked again.
        for (int attempt = 1; ; attempt++)
        {
            final Recommendations answer = client.recommend(request.build()).join();
            if (answer.fallback())
            {
                throw new IOException("GET /v1/recommendations failed: " + answer.fallbackReason());
            }
            lists.incrementAndGet();
            if (!answer.degraded() || attempt == DEGRADED_ATTEMPTS)
            {
                return answer;
            }
            degraded.incrementAndGet();
        }
    }

    private void appendView(final StringBuilder batch, final String shopper, final int click, final int item,
        final long atMs)
    {
        batch.append("{\"id\":\"").append(shopper).append('-').append(click)
            .append("\",\"type\":\"view\",\"anonymousId\":\"").append(shopper).append("\",\"product\":\"")
            .append(productIds[item]).append("\",\"ts\":\"").append(Instant.ofEpochMilli(atMs)).append("\"}\n");
    }

    private void sendEvents(final StringBuilder batch) throws IOException
    {
        if (batch.length() == 0)
        {
            return;
        }
        final byte[] body = batch.toString().getBytes(StandardCharsets.UTF_8);
        batch.setLength(0);
        check("POST /v1/events", join(client.sendEventsNdjson(body)));
    }

    /** Looks every product up and uploads those the node does not have, then waits for its catalog to hold them. */
    private void uploadMissingProducts() throws IOException
    {
        final long before = productsInModel();
        final boolean[] missing = new boolean[productIds.length];
        final AtomicInteger missingCount = new AtomicInteger();
        final Semaphore slots = new Semaphore(LOOKUPS_IN_FLIGHT);
        final List<CompletableFuture<Void>> lookups = new ArrayList<>();
        for (int i = 0; i < productIds.length; i++)
        {
            final int item = i;
            slots.acquireUninterruptibly();
            lookups.add(http.sendAsync(get("/v1/products/" + productIds[i]), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) ->
                {
                    slots.release();
                    if (error != null)
                    {
                        throw new UncheckedIOException(new IOException("GET /v1/products failed", error));
                    }
                    if (response.statusCode() == 404)
                    {
                        missing[item] = true;
                        missingCount.incrementAndGet();
                    }
                    else if (response.statusCode() != 200)
                    {
                        throw new UncheckedIOException(new IOException("GET /v1/products/" + productIds[item] +
                            " answered " + response.statusCode()));
                    }
                    return null;
                }));
        }
        join(CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0])));
        if (missingCount.get() == 0)
        {
            log.printf(Locale.ROOT, "eval: the node has all %,d products%n", productIds.length);
            return;
        }
        final StringBuilder products = new StringBuilder(1 << 16);
        int inBatch = 0;
        for (int i = 0; i < productIds.length; i++)
        {
            if (!missing[i])
            {
                continue;
            }
            products.append("{\"id\":\"").append(productIds[i]).append("\",\"title\":\"").append(productIds[i])
                .append("\",\"category\":\"none\",\"price\":0,\"launchedAt\":\"").append(LAUNCHED_AT)
                .append("\"}\n");
            if (++inBatch == PRODUCT_BATCH)
            {
                check("PUT /v1/products", join(client.upsertProductsNdjson(
                    products.toString().getBytes(StandardCharsets.UTF_8))));
                products.setLength(0);
                inBatch = 0;
            }
        }
        if (inBatch > 0)
        {
            check("PUT /v1/products", join(client.upsertProductsNdjson(
                products.toString().getBytes(StandardCharsets.UTF_8))));
        }
        final long expected = before + missingCount.get();
        await("its catalog to hold the " + missingCount.get() + " uploaded products", () -> productsInModel() >=
            expected);
        log.printf(Locale.ROOT, "eval: uploaded %,d of %,d products the node did not have%n", missingCount.get(),
            productIds.length);
    }

    private void awaitModel() throws IOException
    {
        await("its item-signal ring to drain", () -> metric("tailor_item_signals_backlog_bytes") == 0);
        final Instant drained = Instant.parse(stats().get("at").asText());
        final Instant[] built = new Instant[1];
        await("a model built after the load", () ->
        {
            built[0] = builtAt();
            return built[0].isAfter(drained);
        });
        final Instant first = built[0];
        await("a second model built after the load", () ->
        {
            built[0] = builtAt();
            return built[0].isAfter(first);
        });
        final Instant complete = built[0];
        await("collaborative factors learnt from the loaded model (relearnt about once a minute)", () ->
        {
            final JsonNode factorsFrom = stats().path("model").get("factorsFrom");
            return factorsFrom == null || !factorsFrom.isNull() &&
                !Instant.parse(factorsFrom.asText()).isBefore(complete);
        });
    }

    private Instant builtAt()
    {
        return Instant.parse(stats().path("model").path("builtAt").asText());
    }

    private long productsInModel()
    {
        return stats().path("model").path("products").asLong();
    }

    private JsonNode stats()
    {
        try
        {
            final HttpResponse<byte[]> response = http.send(get("/v1/stats"), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
            {
                throw new IOException("GET /v1/stats answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** A sample of {@code GET /metrics} (Prometheus text), summed over its series. */
    private long metric(final String name)
    {
        try
        {
            final HttpResponse<String> response = http.send(get("/metrics"), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
            {
                throw new IOException("GET /metrics answered " + response.statusCode());
            }
            double sum = 0;
            boolean found = false;
            for (final String line : response.body().split("\n"))
            {
                if (line.startsWith(name) && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{'))
                {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            if (!found)
            {
                throw new IOException("GET /metrics has no " + name);
            }
            return Math.round(sum);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private HttpRequest get(final String path)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).GET()
            .timeout(Duration.ofSeconds(30));
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    private void await(final String what, final BooleanSupplier condition) throws IOException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        try
        {
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IOException("waited " + WAIT.toMinutes() + " minutes for " + what + " of " + endpoint);
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + what, ex);
        }
    }

    /** A shopper's pause between two pages. */
    private static void pause(final long nanos) throws IOException
    {
        if (nanos <= 0)
        {
            return;
        }
        try
        {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }

    private static void check(final String call, final BatchResult result) throws IOException
    {
        if (!result.ok() || !result.rejected().isEmpty())
        {
            throw new IOException(call + " answered " + result.status() + " after " + result.attempts() +
                " attempts: " + (result.rejected().isEmpty() ? result.problem() : result.rejected().get(0)));
        }
    }

    private static <T> T join(final CompletableFuture<T> future) throws IOException
    {
        try
        {
            return future.get(10, TimeUnit.MINUTES);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause() instanceof UncheckedIOException u ? u.getCause() : ex.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
        catch (final TimeoutException ex)
        {
            throw new IOException("no answer in 10 minutes", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
    }
}
