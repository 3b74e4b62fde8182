package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.grid.webhook.DeliveryCounts;
import io.tailor.grid.webhook.EvaluateTriggersProcessor;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.SettleDeliveryProcessor;
import io.tailor.grid.webhook.SettleDeliveryProcessor.Outcome;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.server.config.WebhookSettings;
import io.tailor.server.json.Json;
import io.tailor.server.json.ReasonJsonWriter;
import io.tailor.server.json.WebhookSpec;
import io.tailor.server.metrics.Metrics;
import io.tailor.server.security.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Sends the webhook deliveries of the customers whose partitions this member owns, and keeps their memberships
 * current when time alone changes them. Every grid member runs one: an embedded node's ({@code tailor serve}) from
 * its {@link ServerContext}, a dedicated member's ({@code tailor grid}) from {@link MemberWebhooks}. On an HTTP node
 * that is a client of a dedicated grid it only asks the owners to evaluate ({@link #changed}) and cancel
 * ({@link #erased}); it sends nothing.
 * <pre>
 *   event applied (any node) ─► evaluate on the customer's owner (EvaluateTriggersProcessor): transitions become
 *       pending deliveries in the customer's outbox, backed up and written to the owner's data file
 *   owner's local listener ─► due (customer -> when to look again) ─► tailor-webhooks (every 50 ms): per customer
 *       and webhook, the oldest pending delivery, when its time has come: consent checked, body built, signed,
 *       POSTed (JDK HTTP client), at most 64 in flight per node
 *   answer ─► SettleDeliveryProcessor: 2xx delivered; else retried at 2^n x firstRetry (capped, jitter 50-100 %)
 *       until the horizon, then a dead letter; no marketing consent or webhook deleted: dropped
 *   every recheck: each local outbox with memberships is evaluated again (a window lapsing with no event makes
 *       segment.left), and every local outbox with pending deliveries is due again (migration, restart)
 * </pre>
 * A delivery is settled only after its answer, so a crash between the receiver's 2xx and the settlement resends it
 * with the same event id (at least once). A webhook's next delivery to a customer waits for the previous one.
 */
public final class WebhookDispatcher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long TICK_MS = 50;
    private static final int EMAIL_TOP_K = 10;
    /** Deliveries this node has in flight at most; the rest wait for a slot. */
    private static final int MAX_IN_FLIGHT = 64;
    /** The longest the dispatch thread waits for one grid read. */
    private static final long GRID_READ_TIMEOUT_S = 5;

    private final TailorGrid grid;
    private final WebhookRegistry registry;
    private final WebhookSettings settings;
    private final Metrics metrics;
    private final Clock clock;
    private final Recommender recommender;
    private final HttpClient http;
    /** Customers with pending deliveries this member owns, and when to look at their outbox again. */
    private final ConcurrentHashMap<String, Long> due = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** What this member settled, per webhook, for the API ({@link DeliveryCounts}); the metrics count the same. */
    private final ConcurrentHashMap<String, AtomicLongArray> counts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    /** Where the linked ids' queries run, so that the dispatch thread waits for them with a bound. */
    private final ScheduledExecutorService links;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation result = new Recommendation();
    private final Profile scratch;
    private long lastRecheckMs;

    /**
     * The dispatcher of an HTTP node; call {@link #start()}.
     *
     * @param server   the node.
     * @param registry the webhooks in force.
     * @param settings retries and re-check interval.
     */
    WebhookDispatcher(final ServerContext server, final WebhookRegistry registry, final WebhookSettings settings)
    {
        this(server.grid(), registry, settings, server.metrics(), server.clock(),
            new Recommender(server.settings().ranking(), server.segments(), server.promotions()));
    }

    /**
     * A dispatcher of any grid member, an HTTP node's or a dedicated one's ({@link MemberWebhooks}); call
     * {@link #start()}.
     *
     * @param grid        the grid member (on a client, {@link #start()} does nothing).
     * @param registry    the webhooks in force.
     * @param settings    retries and re-check interval.
     * @param metrics     where deliveries are counted, per webhook.
     * @param clock       server time.
     * @param recommender what computes the {@code email} placement's top-k for {@code "include": ["email"]}.
     */
    WebhookDispatcher(final TailorGrid grid, final WebhookRegistry registry, final WebhookSettings settings,
        final Metrics metrics, final Clock clock, final Recommender recommender)
    {
        this.grid = grid;
        this.registry = registry;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.recommender = recommender;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = DaemonThreads.scheduled("tailor-webhooks");
        this.links = DaemonThreads.scheduled("tailor-webhook-links");
        this.scratch = new Profile(grid.settings().dimensions());
    }

    /**
     * Starts sending, on a member (a client owns no partitions and sends nothing).
     */
    public void start()
    {
        if (!grid.member())
        {
            return;
        }
        grid.deliveryCounts(this::counted);
        grid.webhooks().listenLocally((key, outbox) ->
        {
            if (outbox != null && !outbox.pending().isEmpty())
            {
                due.put(key, 0L);
            }
        });
        thread.scheduleWithFixedDelay(this::tickQuietly, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Evaluates customers' triggers after events were applied to their profiles, on the partition owners, so that a
     * transition is in the grid (backed up) before the events are acknowledged: a node lost right after cannot lose
     * it. Nothing at all when no webhook is defined. One grid round for all the keys, answered on {@code executor} in
     * one task when called from one of its threads (the events route calls it from the request's event loop); a
     * linked id whose events went to its customer's profile is then followed on its own, and its answer handed back
     * to {@code executor} too.
     *
     * @param keys     the profile keys events were applied under, distinct.
     * @param executor where the outcome is delivered.
     * @return per key, {@code null} once its transitions are stored, or why they may not be; never completes
     *     exceptionally.
     */
    public CompletionStage<Throwable[]> changedAll(final List<String> keys, final Executor executor)
    {
        final Throwable[] failures = new Throwable[keys.size()];
        if (!registry.active())
        {
            return CompletableFuture.completedFuture(failures);
        }
        final long nowMs = clock.millis();
        return grid.webhooks().evaluateAll(keys, nowMs, executor).thenCompose(answers ->
        {
            List<CompletableFuture<?>> linked = null;
            for (int i = 0; i < failures.length; i++)
            {
                final int index = i;
                failures[i] = answers.failure(i);
                final Integer added = answers.result(i);
                if (failures[i] == null && added != null && added == EvaluateTriggersProcessor.NO_PROFILE &&
                    !ProfileKeys.isUser(keys.get(i)))
                {
                    if (linked == null)
                    {
                        linked = new ArrayList<>();
                    }
                    linked.add(followLinked(keys.get(i), nowMs).whenComplete((done, error) -> failures[index] = error));
                }
            }
            return linked == null ? CompletableFuture.completedFuture(failures) :
                CompletableFuture.allOf(linked.toArray(CompletableFuture[]::new))
                    .handleAsync((done, error) -> failures, executor);
        });
    }

    /** A linked id's events went to its customer's profile: that profile's triggers are evaluated. */
    private CompletableFuture<Void> followLinked(final String key, final long nowMs)
    {
        try
        {
            return grid.profiles().resolve(key).thenCompose(target -> target.equals(key) ?
                CompletableFuture.<Void>completedFuture(null) : grid.webhooks().evaluate(target, nowMs)
                    .thenApply(done -> (Void)null)).toCompletableFuture();
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Cancels the pending deliveries of an erased shopper and every id linked to them, and forgets their trigger
     * state. Blocks until the owners have done it.
     *
     * @param key    the erased profile key.
     * @param linked the linked ids' profile keys erased with it.
     */
    public void erased(final String key, final java.util.List<String> linked)
    {
        final java.util.List<java.util.concurrent.CompletableFuture<Integer>> cancels = new java.util.ArrayList<>();
        cancels.add(grid.webhooks().cancel(key).toCompletableFuture());
        for (final String alias : linked)
        {
            cancels.add(grid.webhooks().cancel(alias).toCompletableFuture());
        }
        java.util.concurrent.CompletableFuture.allOf(cancels.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
            .orTimeout(30, TimeUnit.SECONDS).join();
    }

    private void tickQuietly()
    {
        try
        {
            tick();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("webhook dispatch failed, trying again: {}", ex.toString());
        }
    }

    private void tick()
    {
        if (!grid.ready())
        {
            // Until every member's data files are in, a member may hold an older copy of a profile or an outbox
            // than one still to be loaded: a re-check would decide transitions from it, and send what is settled.
            return;
        }
        final long nowMs = clock.millis();
        if (System.currentTimeMillis() - lastRecheckMs >= settings.recheck().toMillis())
        {
            lastRecheckMs = System.currentTimeMillis();
            recheck(nowMs);
        }
        for (final Map.Entry<String, Long> entry : due.entrySet())
        {
            if (entry.getValue() > nowMs)
            {
                continue;
            }
            if (inFlight.size() >= MAX_IN_FLIGHT)
            {
                return;
            }
            final String key = entry.getKey();
            // Removed before the read: a change the listener reports meanwhile puts the key back.
            due.remove(key, entry.getValue());
            try
            {
                dispatch(key, nowMs);
            }
            catch (final RuntimeException ex)
            {
                // One customer's failure (a read that timed out during a migration) neither drops the key nor
                // stops the others: it is looked at again after the first retry's wait.
                // Shopper ids are logged at debug only (SECURITY.md): the partition says where to look.
                LOG.warn("webhook deliveries of a customer in partition {} not looked at, trying again: {}",
                    grid.profiles().partitionOf(key), ex.toString());
                LOG.debug("webhook deliveries to {} not looked at", key);
                due.merge(key, nowMs + settings.firstRetry().toMillis(), Math::min);
            }
        }
    }

    /** Sends each of a customer's deliveries that is due and not in flight; the key is due again for the rest. */
    private void dispatch(final String key, final long nowMs)
    {
        if (!grid.webhooks().ownedHere(key))
        {
            // The partition moved: its new owner sends (its re-check finds the pending deliveries).
            return;
        }
        final Outbox outbox = outbox(key);
        if (outbox == null || outbox.pending().isEmpty())
        {
            return;
        }
        long next = Long.MAX_VALUE;
        for (final Outbox.Delivery head : outbox.heads())
        {
            if (inFlight.contains(head.eventId()))
            {
                // Its settlement puts the key back.
                continue;
            }
            if (head.nextAttemptMs() <= nowMs && inFlight.size() < MAX_IN_FLIGHT)
            {
                inFlight.add(head.eventId());
                try
                {
                    send(key, head, nowMs);
                }
                catch (final RuntimeException ex)
                {
                    // Never left in flight: retried with backoff like a failed attempt.
                    LOG.warn("webhook delivery {} not sent: {}", head.eventId(), ex.toString());
                    failed(key, head, ex.getClass().getSimpleName());
                }
            }
            else
            {
                next = Math.min(next, Math.max(head.nextAttemptMs(), nowMs + TICK_MS));
            }
        }
        if (next != Long.MAX_VALUE)
        {
            due.merge(key, next, Math::min);
        }
    }

    /**
     * A customer's outbox, read with a bound: the one dispatch thread serves every customer of this member, so a
     * read that hangs while partitions move after a restart must not hold the others up.
     */
    private Outbox outbox(final String key)
    {
        try
        {
            return grid.webhooks().outboxAsync(key).toCompletableFuture().get(GRID_READ_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading an outbox", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("the outbox could not be read: " + ex, ex);
        }
    }

    /** The owner's timers: members of watched segments evaluated again; pending deliveries due again. */
    private void recheck(final long nowMs)
    {
        final boolean active = registry.active();
        for (final String key : grid.webhooks().localKeys())
        {
            try
            {
                final Outbox outbox = outbox(key);
                if (outbox == null)
                {
                    continue;
                }
                if (!outbox.pending().isEmpty())
                {
                    due.merge(key, 0L, Math::min);
                }
                if (active && !outbox.memberships().isEmpty())
                {
                    grid.webhooks().evaluate(key, nowMs);
                }
            }
            catch (final RuntimeException ex)
            {
                // The others are still re-checked; this one is looked at again at once.
                LOG.warn("webhook re-check of a customer in partition {} failed: {}", grid.profiles().partitionOf(key),
                    ex.toString());
                LOG.debug("webhook re-check of {} failed", key);
                due.merge(key, 0L, Math::min);
            }
        }
    }

    private void send(final String key, final Outbox.Delivery delivery, final long nowMs)
    {
        final WebhookRegistry.Known known = registry.known(delivery.webhook());
        if (known == null)
        {
            failed(key, delivery, "webhook not known here yet");
            return;
        }
        final WebhookSpec spec = known.spec();
        if (spec == null)
        {
            settle(key, delivery, Outcome.DROPPED, 0, "webhook deleted");
            return;
        }
        byte[] stored = grid.profiles().local(key);
        if (stored == ProfileStore.NO_PROFILE)
        {
            // Dropping is for good, so "no profile" is confirmed from the grid: right after a full restart the
            // owner's replica can call a partition complete before the data files' profiles reached it, and
            // WebhookDeliveryIT saw pending deliveries dropped for "no marketing consent" that way.
            stored = confirmedProfile(key);
        }
        if (stored == null)
        {
            // The replica is still being filled after a migration: next tick.
            inFlight.remove(delivery.eventId());
            due.merge(key, clock.millis() + TICK_MS, Math::min);
            return;
        }
        if (stored == ProfileStore.NO_PROFILE)
        {
            // Not a reason to drop: an erased customer's outbox is cancelled by the erasure itself, and a delivery
            // exists only because a profile did. So the profile is not in the grid *yet*: after a full restart each
            // member loads its own data files, and a member that started first can send before another member's
            // files have put the profile back (WebhookDeliveryIT lost two thirds of its customers that way, the grid
            // read above notwithstanding). Retried with backoff like a failed attempt; a dead letter past the
            // horizon.
            LOG.info("webhook delivery {} waits: no profile in the grid yet", delivery.eventId());
            failed(key, delivery, "no profile in the grid yet");
            return;
        }
        final Profile profile = ForwardRecord.isForward(stored) || TombstoneRecord.isTombstone(stored) ? null :
            ProfileCodec.decode(stored, scratch);
        if (profile == null || !ProfileFlags.marketing(profile.flags()))
        {
            settle(key, delivery, Outcome.DROPPED, 0, "no marketing consent");
            return;
        }
        final byte[] body = body(key, delivery, spec, profile, nowMs);
        final HttpRequest post = HttpRequest.newBuilder(URI.create(spec.url()))
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Tailor-Event-Id", delivery.eventId())
            .header(WebhookSignature.HEADER, WebhookSignature.sign(spec.secret(), nowMs / 1000, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        http.sendAsync(post, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) ->
        {
            final long atMs = clock.millis();
            if (error == null && response.statusCode() / 100 == 2)
            {
                final long lagMs = Math.max(0, atMs - delivery.createdAtMs());
                metrics.webhookLag(delivery.webhook(), lagMs / 1000.0);
                final AtomicLongArray counted = counter(delivery.webhook());
                counted.set(DeliveryCounts.LAG_MS, lagMs);
                counted.set(DeliveryCounts.LAG_AT_MS, atMs);
                settle(key, delivery, Outcome.DELIVERED, 0, "");
                return;
            }
            failed(key, delivery, error != null ? error.getClass().getSimpleName() : "HTTP " + response.statusCode());
        });
    }

    /**
     * The profile as the grid holds it, for a key the replica says has none.
     *
     * @return the profile's bytes, {@link ProfileStore#NO_PROFILE} when the grid has none either, or {@code null}
     *     when the grid did not answer in time (the delivery is then tried again at the next tick).
     */
    private byte[] confirmedProfile(final String key)
    {
        try
        {
            final byte[] read = grid.profiles().read(key).toCompletableFuture()
                .get(GRID_READ_TIMEOUT_S, TimeUnit.SECONDS);
            return read == null ? ProfileStore.NO_PROFILE : read;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            LOG.warn("webhook: a customer's profile (partition {}) could not be read, trying again: {}",
                grid.profiles().partitionOf(key), ex.toString());
            return null;
        }
    }

    /** A failed attempt: retried after the backoff, or a dead letter past the horizon. */
    private void failed(final String key, final Outbox.Delivery delivery, final String failure)
    {
        final long atMs = clock.millis();
        final long wait = backoffMs(delivery.attempts());
        if (atMs + wait - delivery.createdAtMs() > settings.horizon().toMillis())
        {
            settle(key, delivery, Outcome.DEAD, atMs, failure);
        }
        else
        {
            settle(key, delivery, Outcome.RETRY, atMs + wait, failure);
        }
    }

    /** Exponential backoff with jitter: 2^attempts x the first wait, capped, then 50 to 100 % of it. */
    private long backoffMs(final int attempts)
    {
        final long first = settings.firstRetry().toMillis();
        final long cap = settings.maxRetryWait().toMillis();
        final long full = attempts >= 30 ? cap : Math.min(cap, first << attempts);
        return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
    }

    private void settle(final String key, final Outbox.Delivery delivery, final Outcome outcome, final long nextMs,
        final String error)
    {
        metrics.webhookDelivery(delivery.webhook(), switch (outcome)
        {
            case DELIVERED -> "delivered";
            case RETRY -> "retried";
            case DEAD -> "failed";
            case DROPPED -> "dropped";
        });
        counter(delivery.webhook()).incrementAndGet(switch (outcome)
        {
            case DELIVERED -> DeliveryCounts.DELIVERED;
            case RETRY -> DeliveryCounts.RETRIED;
            case DEAD -> DeliveryCounts.FAILED;
            case DROPPED -> DeliveryCounts.DROPPED;
        });
        if (outcome == Outcome.DROPPED)
        {
            LOG.info("webhook delivery {} dropped: {}", delivery.eventId(), error);
        }
        else if (outcome == Outcome.DEAD)
        {
            LOG.warn("webhook delivery {} is a dead letter after {} attempts: {}", delivery.eventId(),
                delivery.attempts() + 1, error);
        }
        CompletionStage<Boolean> settled;
        try
        {
            settled = grid.webhooks().settle(key, new SettleDeliveryProcessor(delivery.eventId(), outcome, nextMs,
                error));
        }
        catch (final RuntimeException ex)
        {
            settled = CompletableFuture.failedFuture(ex);
        }
        settled.whenComplete((done, failure) ->
        {
            inFlight.remove(delivery.eventId());
            if (failure != null)
            {
                // Not settled: it is sent again, after the first retry's wait rather than at once.
                LOG.warn("webhook delivery {} not settled, it will be sent again: {}", delivery.eventId(),
                    failure.toString());
                due.put(key, clock.millis() + settings.firstRetry().toMillis());
            }
            else
            {
                due.put(key, 0L);
            }
        });
    }

    private AtomicLongArray counter(final String webhook)
    {
        return counts.computeIfAbsent(webhook, id ->
        {
            final AtomicLongArray fresh = new AtomicLongArray(DeliveryCounts.LENGTH);
            fresh.set(DeliveryCounts.LAG_MS, -1);
            return fresh;
        });
    }

    /** This member's counts of one webhook, for {@link io.tailor.grid.webhook.DeliveryCountsTask}. */
    private long[] counted(final String webhook)
    {
        final AtomicLongArray counted = counts.get(webhook);
        if (counted == null)
        {
            return DeliveryCounts.none();
        }
        final long[] copy = new long[DeliveryCounts.LENGTH];
        for (int i = 0; i < copy.length; i++)
        {
            copy[i] = counted.get(i);
        }
        return copy;
    }

    /** The delivery's JSON: event id, type, time, webhook, subject, the customer's ids, what it asked to include. */
    private byte[] body(final String key, final Outbox.Delivery delivery, final WebhookSpec spec,
        final Profile profile, final long nowMs)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.FACTORY.createGenerator(bytes))
        {
            json.writeStartObject();
            json.writeStringField("id", delivery.eventId());
            json.writeStringField("type", delivery.type());
            json.writeStringField("time", Instant.ofEpochMilli(delivery.createdAtMs()).toString());
            json.writeStringField("webhook", delivery.webhook());
            json.writeStringField(delivery.type().startsWith("segment.") ? "segment" : "product", delivery.subject());
            json.writeObjectFieldStart("customer");
            json.writeStringField(ProfileKeys.field(key), ProfileKeys.id(key));
            if (ProfileKeys.isUser(key))
            {
                // The ids linked to the customer, as the export lists them, so a CRM can match a cookie or a
                // loyalty card it knows. A query of the identities' index, on this thread, per delivery sent.
                json.writeArrayFieldStart("linkedIds");
                for (final Map.Entry<String, IdentityLink> link : linksOf(key))
                {
                    json.writeStartObject();
                    json.writeStringField(ProfileKeys.field(link.getKey()), ProfileKeys.id(link.getKey()));
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeNumberField("attempt", delivery.attempts() + 1);
            if (spec.include().contains(WebhookSpec.INCLUDE_EMAIL))
            {
                writeEmail(json, profile, nowMs);
            }
            json.writeEndObject();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * The customer's linked ids, from a query of the identities' index run on {@code tailor-webhook-links} and
     * waited for at most {@link #GRID_READ_TIMEOUT_S}: a query can wait for partitions that are moving, and the one
     * dispatch thread must not wait with it. A timeout fails this attempt, which is retried with backoff.
     */
    private List<Map.Entry<String, IdentityLink>> linksOf(final String key)
    {
        final Future<List<Map.Entry<String, IdentityLink>>> query = links.submit(() -> grid.customers().linksOf(key));
        try
        {
            return query.get(GRID_READ_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading linked ids", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // Not left queued behind a query that hangs.
            query.cancel(true);
            throw new IllegalStateException("the linked ids could not be read: " + ex, ex);
        }
    }

    private void writeEmail(final JsonGenerator json, final Profile profile, final long nowMs) throws IOException
    {
        final ItemModel model = grid.models().current();
        recommender.recommend(model, profile, request.reset(nowMs).placement(Placement.EMAIL).k(EMAIL_TOP_K)
            .explain(true), result);
        final CatalogSnapshot catalog = model.catalog();
        json.writeObjectFieldStart("email");
        json.writeStringField("strategy", result.strategy().wireName());
        json.writeArrayFieldStart("items");
        for (int i = 0, count = result.count(); i < count; i++)
        {
            json.writeStartObject();
            json.writeStringField("product", catalog.product(result.item(i)).id());
            json.writeNumberField("score", result.score(i));
            ReasonJsonWriter.write(json, result.reasons(i));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(thread);
        DaemonThreads.stop(links);
    }
}
