package io.tailor.server.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.util.Hashing;
import io.tailor.server.config.InputLimits;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one feed and applies it as a diff: a conditional GET (the ETag and Last-Modified of the last fetch of the
 * same URL), the body streamed into the feed's reader, products upserted in batches of {@value #BATCH} (under the
 * size a node patches into its live model at once, so each batch is served when its upsert completes; up to two
 * batches in flight while the next are read) leaving out the ones the catalog already holds unchanged, and once the
 * whole feed was read, the products of the last fetch that are no longer in it removed. A 304 changes nothing; a
 * feed that breaks off keeps what was applied and removes nothing; a failed fetch changes nothing. Blocking: runs
 * on a feed thread.
 */
public final class FeedFetcher
{
    /** Products per upsert. */
    public static final int BATCH = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Longest a feed's body is read (a server that stops sending would otherwise hold a fetch thread for ever): past
     * it the body is closed and the fetch counts as broken off, so nothing is removed. Also the claim's lease.
     */
    public static final Duration MAX_READ = Duration.ofHours(1);

    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
    private static final long STORE_TIMEOUT_SECONDS = 60;
    private static final int REMOVALS_AT_ONCE = 256;
    /** Batches stored at once: two of 500 stay within what the mirror patches in (CatalogMirror.MAX_PATCH). */
    private static final int BATCHES_IN_FLIGHT = 2;

    private final Duration maxRead;
    private final TailorGrid grid;
    private final InputLimits limits;
    private final Clock clock;
    private final HttpClient http;

    /**
     * A fetcher.
     *
     * @param grid   the grid (catalog and feeds).
     * @param limits input limits the products are held to.
     * @param clock  server time (fetch times, the schedule).
     */
    public FeedFetcher(final TailorGrid grid, final InputLimits limits, final Clock clock)
    {
        this(grid, limits, clock, MAX_READ);
    }

    /**
     * A fetcher with another bound on reading a body.
     *
     * @param grid    the grid (catalog and feeds).
     * @param limits  input limits the products are held to.
     * @param clock   server time (fetch times, the schedule).
     * @param maxRead longest a body is read before the fetch is given up as broken off.
     */
    public FeedFetcher(final TailorGrid grid, final InputLimits limits, final Clock clock, final Duration maxRead)
    {
        this.maxRead = maxRead;
        this.grid = grid;
        this.limits = limits;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Fetches a feed and records the outcome in the grid.
     *
     * @param id     feed id.
     * @param record its record as read before the fetch.
     * @return the record stored after, or {@code null} when the feed was deleted meanwhile.
     */
    public FeedRecord fetch(final String id, final FeedRecord record)
    {
        final long startedMs = clock.millis();
        final long startedNanos = System.nanoTime();
        final FeedDefinition definition;
        try
        {
            definition = FeedDefinition.read(record.definition().getBytes(StandardCharsets.UTF_8));
        }
        catch (final InvalidInput ex)
        {
            throw new IllegalStateException("stored feed " + id + " is invalid: " + ex.reason(), ex);
        }
        final Outcome outcome = new Outcome(definition, startedMs);
        final JsonNode last = lastFetch(record);
        final boolean sameUrl = last != null && definition.url().toString().equals(last.path("url").asText());
        final HttpRequest.Builder request = HttpRequest.newBuilder(definition.url()).timeout(HEADERS_TIMEOUT)
            .header("Accept-Encoding", "gzip").header("User-Agent", "Tailor catalog feeds").GET();
        if (sameUrl && last.hasNonNull("etag"))
        {
            request.header("If-None-Match", last.get("etag").asText());
        }
        if (sameUrl && last.hasNonNull("lastModified"))
        {
            request.header("If-Modified-Since", last.get("lastModified").asText());
        }
        byte[] ids = null;
        try
        {
            final HttpResponse<InputStream> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
            outcome.status = response.statusCode();
            try (InputStream body = response.body())
            {
                if (response.statusCode() == 304)
                {
                    outcome.result = "not-modified";
                    outcome.etag = sameUrl ? last.path("etag").textValue() : null;
                    outcome.lastModified = sameUrl ? last.path("lastModified").textValue() : null;
                }
                else if (response.statusCode() / 100 != 2)
                {
                    outcome.result = "failed";
                    outcome.error = "the feed's server answered HTTP " + response.statusCode();
                }
                else
                {
                    outcome.etag = response.headers().firstValue("ETag").orElse(null);
                    outcome.lastModified = response.headers().firstValue("Last-Modified").orElse(null);
                    final boolean gzip = response.headers().firstValue("Content-Encoding")
                        .map(value -> value.toLowerCase(Locale.ROOT).contains("gzip")).orElse(false);
                    final AtomicBoolean cutOff = new AtomicBoolean();
                    final CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() ->
                    {
                        cutOff.set(true);
                        closeQuietly(body);
                    }, CompletableFuture.delayedExecutor(maxRead.toMillis(), TimeUnit.MILLISECONDS));
                    try
                    {
                        ids = apply(record, definition, gzip ? new GZIPInputStream(body, 64 * 1024) : body, outcome,
                            cutOff);
                    }
                    finally
                    {
                        watchdog.cancel(false);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            outcome.result = "failed";
            outcome.error = "the feed could not be fetched: " + ex;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            outcome.result = "failed";
            outcome.error = "interrupted";
        }
        outcome.durationMs = (System.nanoTime() - startedNanos) / 1_000_000;
        final long nowMs = clock.millis();
        return grid.feeds().recordFetch(id, record.definition(), outcome.json(nowMs), ids,
            startedMs + definition.every().toMillis(), nowMs);
    }

    /** Reads and applies the body; the ids to keep for the next diff. */
    private byte[] apply(final FeedRecord record, final FeedDefinition definition, final InputStream body,
        final Outcome outcome, final AtomicBoolean cutOff)
    {
        final FeedBatches batches = new FeedBatches(new FeedProductMapper(definition.labels(), limits), BATCH,
            batch -> store(batch, outcome));
        boolean whole = true;
        try
        {
            batches.readAll(body, definition.format());
        }
        catch (final FeedAborted ex)
        {
            whole = false;
            outcome.error = ex.reason();
            outcome.errorLine = ex.line();
        }
        if (cutOff.get())
        {
            // a body closed by the watchdog may read as a clean end: what follows was never seen
            whole = false;
            outcome.error = "the feed was still being read after " + maxRead.toSeconds() + " s and was cut off";
        }
        try
        {
            drain(outcome);
        }
        catch (final FeedAborted ex)
        {
            whole = false;
            outcome.error = outcome.error == null ? ex.reason() : outcome.error;
        }
        outcome.items = batches.items();
        outcome.broken = batches.broken();
        outcome.brokenCount = batches.brokenCount();
        final Set<String> previous = record.productIds();
        if (!whole)
        {
            // what follows the break was not seen: nothing is removed, and the next diff covers both
            outcome.result = outcome.added + outcome.updated + outcome.unchanged == 0 ? "failed" : "partial";
            previous.addAll(batches.ids());
            return kept(FeedRecord.packIds(previous), outcome);
        }
        previous.removeAll(batches.ids());
        outcome.removed = remove(previous);
        outcome.result = "applied";
        return kept(FeedRecord.packIds(batches.ids()), outcome);
    }

    /** The ids to keep, or none when they are too many to keep (the next fetch then removes nothing). */
    private static byte[] kept(final byte[] packed, final Outcome outcome)
    {
        if (packed.length <= FeedRecord.MAX_PACKED_IDS)
        {
            return packed;
        }
        outcome.idsKept = false;
        return FeedRecord.packIds(List.of());
    }

    /** Upserts the products of a batch that are new or changed. */
    private void store(final List<Product> batch, final Outcome outcome) throws FeedAborted
    {
        final CatalogSnapshot catalog = grid.models().current().catalog();
        final List<Product> changed = new ArrayList<>(batch.size());
        for (final Product product : batch)
        {
            final int index = catalog.indexOf(product.id());
            if (index == CatalogSnapshot.MISSING)
            {
                changed.add(product);
                outcome.added++;
                continue;
            }
            final Product stored = catalog.product(index);
            if (product.withLaunchedAtMs(stored.launchedAtMs()).equals(stored))
            {
                outcome.unchanged++;
            }
            else
            {
                changed.add(product);
                outcome.updated++;
            }
        }
        if (changed.isEmpty())
        {
            return;
        }
        // While a batch is stored and patched in, the next is read: the mirror folds the changes of the batches in
        // flight into one patch (or one rebuild, for new categories and brands) instead of one each.
        if (outcome.inFlight.size() == BATCHES_IN_FLIGHT)
        {
            awaitStored(outcome.inFlight.removeFirst());
        }
        final long readNanos = System.nanoTime();
        outcome.inFlight.addLast(grid.catalog().upsert(changed).toCompletableFuture().whenComplete((ok, error) ->
            outcome.slowestBatchNanos.accumulateAndGet(System.nanoTime() - readNanos, Math::max)));
    }

    /** Waits for every batch in flight to be stored and served. */
    private static void drain(final Outcome outcome) throws FeedAborted
    {
        while (!outcome.inFlight.isEmpty())
        {
            awaitStored(outcome.inFlight.removeFirst());
        }
    }

    private static void awaitStored(final CompletableFuture<Void> upsert) throws FeedAborted
    {
        try
        {
            upsert.get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new FeedAborted(0, "the grid did not store a batch of products: " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new FeedAborted(0, "interrupted");
        }
    }

    /** Removes products that left the feed; the count removed. */
    private long remove(final Set<String> gone)
    {
        long removed = 0;
        final List<String> ids = new ArrayList<>(gone);
        for (int start = 0; start < ids.size(); start += REMOVALS_AT_ONCE)
        {
            final List<String> chunk = ids.subList(start, Math.min(ids.size(), start + REMOVALS_AT_ONCE));
            final List<CompletableFuture<CatalogEntry>> removals = new ArrayList<>(chunk.size());
            for (final String id : chunk)
            {
                removals.add(grid.catalog().remove(id).toCompletableFuture());
            }
            for (int i = 0; i < chunk.size(); i++)
            {
                final CatalogEntry old = removals.get(i).join();
                if (old != null && !old.removed())
                {
                    // profiles that hold the product go on showing its id
                    grid.productIds().remember(Hashing.key(chunk.get(i)), chunk.get(i));
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void closeQuietly(final InputStream body)
    {
        try
        {
            body.close();
        }
        catch (final IOException ex)
        {
            // closing is how a stalled read is ended; a failure to close leaves nothing more to do
        }
    }

    private static JsonNode lastFetch(final FeedRecord record)
    {
        if (record.lastFetch() == null)
        {
            return null;
        }
        try
        {
            return MAPPER.readTree(record.lastFetch());
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** What a fetch did, written as the record's last fetch. */
    private static final class Outcome
    {
        private final FeedDefinition definition;
        private final long startedMs;
        private int status;
        private String result;
        private String error;
        private long errorLine;
        private String etag;
        private String lastModified;
        private long items;
        private long added;
        private long updated;
        private long unchanged;
        private long removed;
        private long brokenCount;
        private List<FeedBatches.BrokenLine> broken = List.of();
        private long durationMs;
        private boolean idsKept = true;
        private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        private final AtomicLong slowestBatchNanos = new AtomicLong();

        Outcome(final FeedDefinition definition, final long startedMs)
        {
            this.definition = definition;
            this.startedMs = startedMs;
        }

        String json(final long finishedMs)
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            try (JsonGenerator json = Json.FACTORY.createGenerator(bytes))
            {
                json.writeStartObject();
                json.writeStringField("at", Instant.ofEpochMilli(startedMs).toString());
                json.writeStringField("finishedAt", Instant.ofEpochMilli(finishedMs).toString());
                json.writeNumberField("durationMs", durationMs);
                json.writeNumberField("slowestBatchMs", slowestBatchNanos.get() / 1_000_000);
                json.writeStringField("url", definition.url().toString());
                json.writeStringField("result", result);
                if (status != 0)
                {
                    json.writeNumberField("status", status);
                }
                if (error != null)
                {
                    json.writeStringField("error", error);
                }
                if (errorLine > 0)
                {
                    json.writeNumberField("errorLine", errorLine);
                }
                json.writeNumberField("items", items);
                json.writeNumberField("added", added);
                json.writeNumberField("updated", updated);
                json.writeNumberField("unchanged", unchanged);
                json.writeNumberField("removed", removed);
                if (!idsKept)
                {
                    json.writeBooleanField("idsKept", false);
                }
                json.writeNumberField("brokenLines", brokenCount);
                json.writeArrayFieldStart("broken");
                for (final FeedBatches.BrokenLine line : broken)
                {
                    json.writeStartObject();
                    json.writeNumberField("line", line.line());
                    if (line.field() != null)
                    {
                        json.writeStringField("field", line.field());
                    }
                    json.writeStringField("reason", line.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
                if (etag != null)
                {
                    json.writeStringField("etag", etag);
                }
                if (lastModified != null)
                {
                    json.writeStringField("lastModified", lastModified);
                }
                json.writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
