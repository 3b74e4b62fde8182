package io.tailor.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storefront backend's client of one Tailor endpoint (a node, or a load balancer in front of several).
 * <ul>
 *   <li>{@link #recommend}: never fails and never waits past its deadline; past it, or on any error, the answer
 *       is a fallback list marked {@link Recommendations#fallback()}: the caller's, else the last list the node
 *       answered for the placement that was not personalised (one shopper's list is never shown to another).</li>
 *   <li>{@link #track}: events go into a bounded queue and out in NDJSON batches; when the queue is full
 *       {@code track(event)} returns false at once and {@code track(event, timeout)} waits at most the timeout.
 *       Each event has an id, so a batch sent again counts once.</li>
 *   <li>Batches, products and identity links are sent again on 429, 503 and lost connections, after
 *       {@code Retry-After} (never sooner) or an exponential backoff with jitter, a bounded number of times
 *       ({@link RetryPolicy}). Recommendations are not retried: their deadline is too short to.</li>
 *   <li>{@link #close} sends what is queued (up to the close timeout) and stops the client's threads.</li>
 * </ul>
 * The key goes in {@code Authorization: Bearer}; HTTPS uses the JDK's TLS with the given {@link SSLContext} (the
 * JDK's trusted roots by default). Futures complete on the client's threads: do not block in their callbacks.
 */
public final class TailorClient implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(TailorClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";
    private static final String APPLICATION_JSON = "application/json";

    private final URI endpoint;
    private final String authorization;
    private final Duration deadline;
    private final Duration requestTimeout;
    private final Duration closeTimeout;
    private final RetryPolicy retry;
    private final RetryTimer timer;
    private final ExecutorService executor;
    private final HttpClient http;
    private final EventBatcher events;
    private final Map<String, Recommendations> lastGood = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile boolean closed;

    private TailorClient(final Builder builder)
    {
        this.endpoint = builder.endpoint;
        this.authorization = builder.apiKey == null ? null : "Bearer " + builder.apiKey;
        this.deadline = builder.deadline;
        this.requestTimeout = builder.requestTimeout;
        this.closeTimeout = builder.closeTimeout;
        this.retry = builder.retry;
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.timer = builder.timer != null ? builder.timer : this::later;
        final HttpClient.Builder client = HttpClient.newBuilder()
            // Tailor serves HTTP/1.1 only; saying so spares a refused h2c upgrade on every new connection.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(builder.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor);
        if (builder.sslContext != null)
        {
            client.sslContext(builder.sslContext);
        }
        this.http = client.build();
        this.events = new EventBatcher(this::sendEventsNdjson, builder.queueCapacity, builder.batchSize,
            builder.linger);
    }

    /**
     * A client to be configured; {@link Builder#endpoint} is required.
     *
     * @return a builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Asks for recommendations, answering by the request's deadline (else the client's) whatever happens.
     *
     * @param request what to ask.
     * @return the node's list, or the fallback list marked as such; never completes exceptionally.
     */
    public CompletableFuture<Recommendations> recommend(final RecommendationRequest request)
    {
        final Duration wait = request.deadline() != null ? request.deadline() : deadline;
        if (closed)
        {
            return CompletableFuture.completedFuture(fallback(request, "client closed"));
        }
        try
        {
            final HttpRequest http = recommendationRequest(request, wait);
            return this.http.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> answer(request, response))
                .orTimeout(wait.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyAsync(error -> fallback(request, reason(error)), executor);
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.completedFuture(fallback(request, ex.toString()));
        }
    }

    /**
     * Queues an event without waiting: when the queue is full (the node slow or away for a while) the event is
     * refused and counted, so a page render never waits on Tailor.
     *
     * @param event the event.
     * @return true if queued; false if the queue is full or the client closed.
     */
    public boolean track(final Event event)
    {
        try
        {
            return track(event, Duration.ZERO);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Queues an event, waiting up to a timeout for room (for importers that would rather slow down than drop).
     *
     * @param event   the event.
     * @param timeout longest wait for room.
     * @return true if queued; false if the queue stayed full or the client closed.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean track(final Event event, final Duration timeout) throws InterruptedException
    {
        final boolean taken = events.offer(encode(event), timeout.toNanos());
        if (taken)
        {
            queued.incrementAndGet();
        }
        return taken;
    }

    /**
     * Sends the queued events now rather than when a batch is full or has lingered.
     *
     * @return completes when every event tracked before the call is delivered or counted as failed.
     */
    public CompletableFuture<Void> flush()
    {
        return events.flush();
    }

    /**
     * Sends events as one batch now, outside the queue, with retries.
     *
     * @param batch at most 10,000 events.
     * @return the node's answer after the last attempt; exceptionally {@link TailorClientException} if none came.
     */
    public CompletableFuture<BatchResult> sendEvents(final List<Event> batch)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 160);
        for (final Event event : batch)
        {
            body.writeBytes(encode(event));
            body.write('\n');
        }
        return sendEventsNdjson(body.toByteArray());
    }

    /**
     * Sends an NDJSON batch of events encoded by the caller (a bulk loader), with retries. Give each event an
     * {@code id}, or a retried batch counts twice.
     *
     * @param ndjson one event object per line, at most 10,000 lines.
     * @return the node's answer after the last attempt; exceptionally {@link TailorClientException} if none came.
     */
    public CompletableFuture<BatchResult> sendEventsNdjson(final byte[] ndjson)
    {
        return exchange("POST", "/v1/events", NDJSON, ndjson).thenApply(answer -> batchResult(answer, "accepted"));
    }

    /**
     * Inserts or replaces products, as Jackson writes the given objects (maps, records, {@code JsonNode}s with
     * the fields of {@code Product} in openapi.yaml), with retries.
     *
     * @param products at most 10,000.
     * @return the node's answer; exceptionally {@link TailorClientException} if none came.
     */
    public CompletableFuture<BatchResult> upsertProducts(final List<?> products)
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(products.size() * 200);
        try
        {
            for (final Object product : products)
            {
                body.writeBytes(JSON.writeValueAsBytes(product));
                body.write('\n');
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("a product could not be written as JSON", ex);
        }
        return upsertProductsNdjson(body.toByteArray());
    }

    /**
     * Inserts or replaces products encoded by the caller as NDJSON, with retries (an upsert is idempotent).
     *
     * @param ndjson one product object per line, at most 10,000 lines.
     * @return the node's answer; exceptionally {@link TailorClientException} if none came.
     */
    public CompletableFuture<BatchResult> upsertProductsNdjson(final byte[] ndjson)
    {
        return exchange("PUT", "/v1/products", NDJSON, ndjson).thenApply(answer -> batchResult(answer, "upserted"));
    }

    /**
     * Links an anonymous id to a customer after a login; their profiles merge. Retried (linking is idempotent).
     *
     * @param user        customer id.
     * @param anonymousId the cookie or device id.
     * @return the node's answer; exceptionally {@link TailorClientException} if none came.
     */
    public CompletableFuture<LinkResult> linkIdentity(final String user, final String anonymousId)
    {
        return link(Map.of("user", user, "anonymousId", anonymousId));
    }

    /**
     * Links a loyalty card to a customer. Retried (linking is idempotent).
     *
     * @param user      customer id.
     * @param loyaltyId the card.
     * @return the node's answer (409 when the card is another customer's); exceptionally
     *         {@link TailorClientException} if none came.
     */
    public CompletableFuture<LinkResult> linkLoyaltyCard(final String user, final String loyaltyId)
    {
        return link(Map.of("user", user, "loyaltyId", loyaltyId));
    }

    /**
     * The node's readiness ({@code /health/ready}), not retried.
     *
     * @return readiness; exceptionally {@link TailorClientException} if no answer came.
     */
    public CompletableFuture<Readiness> ready()
    {
        return exchange("GET", "/health/ready", null, null, RetryPolicy.NONE).thenApply(answer ->
        {
            final JsonNode body = tree(answer.body());
            return new Readiness(answer.status() == 200, body.path("members").asInt(), body.path("products")
                .asLong());
        });
    }

    /**
     * Counts since the client was built.
     *
     * @return the counts.
     */
    public Stats stats()
    {
        return new Stats(queued.get(), events.refused(), events.accepted(), events.duplicates(), events.rejected(),
            events.failed(), retries.get(), fallbacks.get());
    }

    /**
     * The endpoint.
     *
     * @return its base URI.
     */
    public URI endpoint()
    {
        return endpoint;
    }

    /**
     * Refuses further events, sends the queued ones (waiting at most the close timeout; what is left then is
     * logged and counted as failed), and stops the client's threads.
     */
    @Override
    public void close()
    {
        closed = true;
        events.close(closeTimeout);
        executor.shutdown();
    }

    /** Runs a retry after its delay; once the client is closed it runs where it is and fails at once. */
    private void later(final Runnable task, final Duration delay)
    {
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(() ->
        {
            try
            {
                executor.execute(task);
            }
            catch (final RejectedExecutionException shutDown)
            {
                task.run();
            }
        });
    }

    private CompletableFuture<LinkResult> link(final Map<String, String> body)
    {
        final byte[] json;
        try
        {
            json = JSON.writeValueAsBytes(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return exchange("POST", "/v1/identities", APPLICATION_JSON, json).thenApply(answer ->
        {
            final JsonNode node = tree(answer.body());
            return answer.status() == 200 ?
                new LinkResult(200, node.path("status").asText(), node.path("merged").asBoolean(), null) :
                new LinkResult(answer.status(), null, false, problem(answer.status(), node));
        });
    }

    /** An HTTP answer after the last attempt. */
    private record Answer(int status, byte[] body, int attempts)
    {
    }

    private CompletableFuture<Answer> exchange(final String method, final String path, final String contentType,
        final byte[] body)
    {
        return exchange(method, path, contentType, body, retry);
    }

    private CompletableFuture<Answer> exchange(final String method, final String path, final String contentType,
        final byte[] body, final RetryPolicy policy)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(requestTimeout)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null)
        {
            request.header("Content-Type", contentType);
        }
        if (authorization != null)
        {
            request.header("Authorization", authorization);
        }
        final CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt(request.build(), policy, 1, result);
        return result;
    }

    private void attempt(final HttpRequest request, final RetryPolicy policy, final int attempt,
        final CompletableFuture<Answer> result)
    {
        final CompletableFuture<HttpResponse<byte[]>> sent;
        try
        {
            sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        catch (final RuntimeException ex)
        {
            result.completeExceptionally(new TailorClientException(request.method() + " " + request.uri(),
                attempt, ex));
            return;
        }
        sent.whenComplete((response, error) ->
        {
            final Throwable cause = error instanceof CompletionException && error.getCause() != null ?
                error.getCause() : error;
            final boolean transientFailure = cause instanceof IOException ||
                response != null && (response.statusCode() == 429 || response.statusCode() == 503);
            final Duration retryAfter = response == null ? null :
                retryAfter(response.headers().firstValue("Retry-After").orElse(null));
            final Duration delay = transientFailure && !executor.isShutdown() ? policy.delay(attempt, retryAfter) :
                null;
            if (delay != null)
            {
                retries.incrementAndGet();
                LOG.log(System.Logger.Level.DEBUG, "{0} {1}: {2}; attempt {3} in {4} ms", request.method(),
                    request.uri().getPath(), response != null ? "status " + response.statusCode() : cause,
                    attempt + 1, delay.toMillis());
                timer.schedule(() -> attempt(request, policy, attempt + 1, result), delay);
            }
            else if (response != null)
            {
                result.complete(new Answer(response.statusCode(), response.body(), attempt));
            }
            else
            {
                result.completeExceptionally(new TailorClientException(request.method() + " " + request.uri(),
                    attempt, cause));
            }
        });
    }

    /**
     * Reads {@code Retry-After}: seconds, or an HTTP date.
     *
     * @param value the header, or null.
     * @return the wait, or null when absent or unreadable.
     */
    static Duration retryAfter(final String value)
    {
        if (value == null || value.isBlank())
        {
            return null;
        }
        final String text = value.strip();
        try
        {
            final long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        }
        catch (final NumberFormatException notSeconds)
        {
            try
            {
                final Duration wait = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Duration.ZERO : wait;
            }
            catch (final DateTimeParseException notDate)
            {
                return null;
            }
        }
    }

    private HttpRequest recommendationRequest(final RecommendationRequest request, final Duration wait)
    {
        final HttpRequest.Builder builder;
        if (request.cart().isEmpty() && request.exclude().isEmpty())
        {
            final StringBuilder query = new StringBuilder("/v1/recommendations?");
            param(query, request.user() != null ? "user" : "anonymousId", request.user() != null ? request.user() :
                request.anonymousId());
            param(query, "placement", request.placement());
            param(query, "product", request.product());
            param(query, "category", request.category());
            param(query, "k", Integer.toString(request.k()));
            if (!request.recordImpressions())
            {
                param(query, "recordImpressions", "false");
            }
            builder = HttpRequest.newBuilder(endpoint.resolve(query.toString())).GET();
        }
        else
        {
            final Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put(request.user() != null ? "user" : "anonymousId", request.user() != null ? request.user() :
                request.anonymousId());
            body.put("placement", request.placement());
            putIfSet(body, "product", request.product());
            putIfSet(body, "category", request.category());
            if (!request.cart().isEmpty())
            {
                body.put("cart", request.cart());
            }
            if (!request.exclude().isEmpty())
            {
                body.put("exclude", request.exclude());
            }
            body.put("k", request.k());
            body.put("recordImpressions", request.recordImpressions());
            try
            {
                builder = HttpRequest.newBuilder(endpoint.resolve("/v1/recommendations"))
                    .header("Content-Type", APPLICATION_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        if (authorization != null)
        {
            builder.header("Authorization", authorization);
        }
        return builder.timeout(wait).build();
    }

    private static void putIfSet(final Map<String, Object> body, final String name, final String value)
    {
        if (value != null)
        {
            body.put(name, value);
        }
    }

    private static void param(final StringBuilder query, final String name, final String value)
    {
        if (value != null)
        {
            query.append(query.charAt(query.length() - 1) == '?' ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private Recommendations answer(final RecommendationRequest request, final HttpResponse<byte[]> response)
    {
        if (response.statusCode() != 200)
        {
            return fallback(request, "status " + response.statusCode() + ": " +
                problem(response.statusCode(), tree(response.body())));
        }
        final JsonNode body = tree(response.body());
        final List<Recommendations.Item> items = new ArrayList<>(body.path("items").size());
        for (final JsonNode item : body.path("items"))
        {
            items.add(new Recommendations.Item(item.path("product").asText(), item.path("score").asDouble()));
        }
        final Recommendations answer = new Recommendations(body.path("requestId").asText(null),
            body.path("placement").asText(request.placement()), body.path("strategy").asText(),
            body.path("degraded").asBoolean(), List.copyOf(items), false, null);
        // Only lists made for nobody in particular may stand in for another shopper's.
        if (!items.isEmpty() && !"personalized".equals(answer.strategy()))
        {
            lastGood.put(request.placement(), answer);
        }
        return answer;
    }

    private Recommendations fallback(final RecommendationRequest request, final String reason)
    {
        fallbacks.incrementAndGet();
        LOG.log(System.Logger.Level.DEBUG, "recommendations for {0}: fallback, {1}", request.placement(), reason);
        final List<Recommendations.Item> items = new ArrayList<>();
        if (request.fallback() != null)
        {
            for (final String product : request.fallback())
            {
                items.add(new Recommendations.Item(product, 0));
            }
        }
        else
        {
            final Recommendations last = lastGood.get(request.placement());
            if (last != null)
            {
                for (final Recommendations.Item item : last.items())
                {
                    if (!request.exclude().contains(item.product()) && !item.product().equals(request.product()))
                    {
                        items.add(new Recommendations.Item(item.product(), 0));
                    }
                }
            }
        }
        return new Recommendations(null, request.placement(), Recommendations.CLIENT_FALLBACK, false,
            List.copyOf(items.subList(0, Math.min(items.size(), request.k()))), true, reason);
    }

    private static String reason(final Throwable error)
    {
        final Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() :
            error;
        final boolean late = cause instanceof TimeoutException || cause instanceof HttpTimeoutException &&
            !(cause instanceof HttpConnectTimeoutException);
        return late ? "deadline" : cause.toString();
    }

    private static BatchResult batchResult(final Answer answer, final String storedField)
    {
        final JsonNode body = tree(answer.body());
        final JsonNode rejections = answer.status() == 200 ? body.path("rejected") : body.path("errors");
        final List<BatchResult.Rejection> rejected = new ArrayList<>(rejections.size());
        for (final JsonNode rejection : rejections)
        {
            rejected.add(new BatchResult.Rejection(rejection.path("index").asInt(), rejection.path("line").asInt(),
                rejection.path("field").asText(null), rejection.path("reason").asText()));
        }
        return answer.status() == 200 ?
            new BatchResult(200, body.path(storedField).asLong(), body.path("duplicates").asLong(),
                List.copyOf(rejected), null, answer.attempts()) :
            new BatchResult(answer.status(), 0, 0, List.copyOf(rejected), problem(answer.status(), body),
                answer.attempts());
    }

    private static String problem(final int status, final JsonNode body)
    {
        return body.path("detail").asText(body.isMissingNode() ? "status " + status : body.toString());
    }

    private static JsonNode tree(final byte[] body)
    {
        try
        {
            final JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        }
        catch (final IOException ex)
        {
            return JSON.missingNode();
        }
    }

    private static byte[] encode(final Event event)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(192);
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            event.write(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("the event could not be written as JSON", ex);
        }
        return out.toByteArray();
    }

    private static ThreadFactory daemonThreads()
    {
        final AtomicInteger count = new AtomicInteger();
        return task ->
        {
            final Thread thread = new Thread(task, "tailor-client-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Settings of a client, validated when built. */
    public static final class Builder
    {
        private URI endpoint;
        private String apiKey;
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration deadline = Duration.ofMillis(250);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private RetryTimer timer;
        private int queueCapacity = 10_000;
        private int batchSize = 500;
        private Duration linger = Duration.ofMillis(200);

        private Builder()
        {
        }

        /**
         * The node or load balancer: {@code http://host:port} or {@code https://host:port}.
         *
         * @param value base URI.
         * @return this.
         */
        public Builder endpoint(final URI value)
        {
            endpoint = value;
            return this;
        }

        /**
         * The API key, sent as {@code Authorization: Bearer}; none for a node in development mode.
         *
         * @param value {@code tlr_sk_...} (a backend's secret key), or {@code null}.
         * @return this.
         */
        public Builder apiKey(final String value)
        {
            apiKey = value;
            return this;
        }

        /**
         * The TLS context for {@code https} endpoints (e.g. one trusting a private CA); the JDK's default
         * otherwise.
         *
         * @param value the context.
         * @return this.
         */
        public Builder sslContext(final SSLContext value)
        {
            sslContext = value;
            return this;
        }

        /**
         * How long a new connection may take (default 2 s).
         *
         * @param value timeout.
         * @return this.
         */
        public Builder connectTimeout(final Duration value)
        {
            connectTimeout = value;
            return this;
        }

        /**
         * How long {@link #recommend} waits before answering the fallback (default 250 ms).
         *
         * @param value deadline.
         * @return this.
         */
        public Builder deadline(final Duration value)
        {
            deadline = value;
            return this;
        }

        /**
         * How long one attempt of a batch, upload or link may take (default 30 s).
         *
         * @param value timeout.
         * @return this.
         */
        public Builder requestTimeout(final Duration value)
        {
            requestTimeout = value;
            return this;
        }

        /**
         * How long {@link #close} waits for queued events to be delivered (default 10 s).
         *
         * @param value timeout.
         * @return this.
         */
        public Builder closeTimeout(final Duration value)
        {
            closeTimeout = value;
            return this;
        }

        /**
         * Retries of batches, uploads and links (default {@link RetryPolicy#DEFAULT}).
         *
         * @param value the policy.
         * @return this.
         */
        public Builder retry(final RetryPolicy value)
        {
            retry = value;
            return this;
        }

        /**
         * Most events queued (default 10,000); past it {@code track} refuses.
         *
         * @param value capacity, at least the batch size.
         * @return this.
         */
        public Builder queueCapacity(final int value)
        {
            queueCapacity = value;
            return this;
        }

        /**
         * Most events per request (default 500; the node takes up to 10,000).
         *
         * @param value 1..10,000.
         * @return this.
         */
        public Builder batchSize(final int value)
        {
            batchSize = value;
            return this;
        }

        /**
         * How long a partial batch waits for more events before it is sent (default 200 ms).
         *
         * @param value 0..60 s.
         * @return this.
         */
        public Builder linger(final Duration value)
        {
            linger = value;
            return this;
        }

        /** Tests record the waits between attempts with their own timer. */
        Builder timer(final RetryTimer value)
        {
            timer = value;
            return this;
        }

        /**
         * The client, its settings checked.
         *
         * @return a client; close it.
         */
        public TailorClient build()
        {
            Objects.requireNonNull(endpoint, "endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) ||
                endpoint.getHost() == null)
            {
                throw new IllegalArgumentException("endpoint must be http://host[:port] or https://host[:port]: " +
                    endpoint);
            }
            if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() &&
                !endpoint.getRawPath().equals("/"))
            {
                throw new IllegalArgumentException("endpoint must have no path (the API's paths start at /v1): " +
                    endpoint);
            }
            if (apiKey != null && !apiKey.matches("[A-Za-z0-9_\\-]{1,200}"))
            {
                throw new IllegalArgumentException("apiKey must be a key as 'tailor keys new' prints it " +
                    "(letters, digits, '_' and '-')");
            }
            positive("connectTimeout", connectTimeout);
            positive("deadline", deadline);
            positive("requestTimeout", requestTimeout);
            positive("closeTimeout", closeTimeout);
            Objects.requireNonNull(retry, "retry");
            if (batchSize < 1 || batchSize > 10_000)
            {
                throw new IllegalArgumentException("batchSize must be in 1..10000 (the node's limit): " + batchSize);
            }
            if (queueCapacity < batchSize || queueCapacity > 10_000_000)
            {
                throw new IllegalArgumentException("queueCapacity must be in batchSize.." + 10_000_000 + ": " +
                    queueCapacity);
            }
            if (linger == null || linger.isNegative() || linger.compareTo(Duration.ofMinutes(1)) > 0)
            {
                throw new IllegalArgumentException("linger must be in 0..60 s: " + linger);
            }
            return new TailorClient(this);
        }

        private static void positive(final String name, final Duration value)
        {
            if (value == null || value.isNegative() || value.isZero())
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }
    }
}
