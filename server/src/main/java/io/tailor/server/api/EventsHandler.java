package io.tailor.server.api;

import io.tailor.grid.profile.CustomerData;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.server.json.BatchReader;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/events}: one event or a batch (JSON array or NDJSON).
 * <p>
 * Valid events are grouped by shopper and applied with one entry processor per shopper on the profile's
 * owner; the answer is sent when every group is stored with its backup, so the next recommendation for
 * any of these shoppers reflects them (read-your-writes). Invalid events are named in {@code rejected}
 * and change nothing. If the grid fails for some group, the answer is 503: the caller retries the batch,
 * and event ids make the retry safe.
 * <p>
 * An {@code identify} event links its anonymous id (or loyalty card) to its customer first, merging their
 * profiles, exactly as {@code POST /v1/identities}; one naming a loyalty card of another customer is rejected.
 * Events under a linked id then reach the customer's profile.
 * <p>
 * Clicks, cart additions and purchases that carry a served list's {@code requestId} are credited to it once the
 * profile has applied them ({@link ServedListCredit}): once per event id; a purchase without one, to the list that
 * last showed the customer one of its products.
 * <p>
 * A Global Privacy Control signal, {@code "gpc": true} on an event (tailor.js sets it when the browser's
 * {@code navigator.globalPrivacyControl} is on) or {@code Sec-GPC: 1} on the request (for all its events), refuses
 * marketing for the shopper before the events are applied: the profile (the customer's, for a linked id) records
 * the refusal, which outranks stated marketing consent and survives merges ({@code ProfileFlags}).
 */
final class EventsHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);

    private final ServerContext server;
    private final Executor loop;
    private final LoopLoad load;

    EventsHandler(final ServerContext server, final Executor loop, final LoopLoad load)
    {
        this.server = server;
        this.loop = loop;
        this.load = load;
    }

    /**
     * Handles the request.
     *
     * @param ctx routing context.
     */
    void handle(final RoutingContext ctx)
    {
        Bodies.parse(ctx, server, server.eventBatches(), batch ->
        {
            final List<BatchReader.Rejection> rejected = batch.rejections();
            if (batch.accepted().isEmpty())
            {
                server.metrics().events(0, 0, rejected.size());
                final BatchReader.Rejection first = rejected.get(0);
                Responses.problem(ctx, 400, "invalid-event", "Invalid event",
                    batch.single() ? first.reason() : "no event in the batch is valid", first.field(),
                    batch.single() ? List.of() : rejected);
                return;
            }
            final List<Event> accepted = batch.accepted();
            for (int i = 0; i < accepted.size(); i++)
            {
                final Event event = accepted.get(i);
                if (AccessHandler.refusedToPublicKey(ctx, event.user(), event.loyaltyId(), event.type(),
                    batch.single() ? null : "event " + batch.indexes().get(i)))
                {
                    return;
                }
            }
            linkThenStore(ctx, accepted, batch.indexes(), rejected);
        });
    }

    /** Links the ids of identify events, then stores every event whose link did not conflict. */
    private void linkThenStore(final RoutingContext ctx, final List<Event> events, final List<Integer> indexes,
        final List<BatchReader.Rejection> rejected)
    {
        final List<Integer> identifies = new ArrayList<>();
        for (int i = 0; i < events.size(); i++)
        {
            if (events.get(i).type() == EventType.IDENTIFY)
            {
                identifies.add(i);
            }
        }
        if (identifies.isEmpty())
        {
            store(ctx, group(events), rejected);
            return;
        }
        final boolean[] conflicting = new boolean[events.size()];
        final List<BatchReader.Rejection> all = new ArrayList<>(rejected);
        final int[] outstanding = {identifies.size()};
        final Throwable[] failure = new Throwable[1];
        final long nowMs = server.clock().millis();
        for (final int i : identifies)
        {
            final Event event = events.get(i);
            final String alias = event.anonymousId() != null ? ProfileKeys.anonymous(event.anonymousId()) :
                ProfileKeys.loyalty(event.loyaltyId());
            server.grid().customers().link(alias, ProfileKeys.user(event.user()), nowMs).whenCompleteAsync(
                (link, error) ->
                {
                    if (error != null)
                    {
                        failure[0] = error;
                    }
                    else if (link.status() == CustomerData.LinkStatus.CONFLICT)
                    {
                        conflicting[i] = true;
                        all.add(new BatchReader.Rejection(indexes.get(i), 0, "loyaltyId",
                            "loyalty card " + event.loyaltyId() + " belongs to another customer"));
                    }
                    if (--outstanding[0] > 0)
                    {
                        return;
                    }
                    if (failure[0] != null)
                    {
                        answer(ctx, new int[2], rejected, failure[0]);
                        return;
                    }
                    final List<Event> linked = new ArrayList<>(events.size());
                    for (int e = 0; e < events.size(); e++)
                    {
                        if (!conflicting[e])
                        {
                            linked.add(events.get(e));
                        }
                    }
                    all.sort((l, r) -> Integer.compare(l.index(), r.index()));
                    if (linked.isEmpty())
                    {
                        server.metrics().events(0, 0, all.size());
                        Responses.problem(ctx, 409, "identity-conflict", "Identity conflict",
                            all.get(all.size() - 1).reason(), "loyaltyId", List.of());
                        return;
                    }
                    store(ctx, group(linked), all);
                }, loop);
        }
    }

    private static Map<String, List<Event>> group(final List<Event> events)
    {
        final Map<String, List<Event>> byShopper = new HashMap<>();
        for (final Event event : events)
        {
            byShopper.computeIfAbsent(ProfileKeys.of(event), k -> new ArrayList<>(2)).add(event);
        }
        return byShopper;
    }

    private void store(final RoutingContext ctx, final Map<String, List<Event>> byShopper,
        final List<BatchReader.Rejection> rejected)
    {
        final List<String> keys = new ArrayList<>(byShopper.size());
        final List<List<Event>> events = new ArrayList<>(byShopper.size());
        final boolean requestGpc = "1".equals(ctx.request().getHeader("Sec-GPC"));
        final long nowMs = server.clock().millis();
        List<CompletableFuture<?>> refusals = null;
        for (final Map.Entry<String, List<Event>> group : byShopper.entrySet())
        {
            keys.add(group.getKey());
            events.add(group.getValue());
            server.grid().productIds().rememberUnknown(group.getValue());
            if (requestGpc || group.getValue().stream().anyMatch(Event::gpc))
            {
                if (refusals == null)
                {
                    refusals = new ArrayList<>();
                }
                refusals.add(server.grid().profiles().refuseMarketingByGpc(group.getKey(), nowMs)
                    .toCompletableFuture());
            }
        }
        load.started(keys.size());
        // Every shopper's events in one grid round, answered on this loop in one task (two after refusals); refusals
        // of marketing by a privacy signal are recorded first, and if one fails nothing is applied (the caller
        // retries the batch).
        if (refusals == null)
        {
            server.grid().profiles().applyAll(keys, events, loop).whenComplete((applied, error) ->
                stored(ctx, keys, events, applied, error, rejected));
        }
        else
        {
            CompletableFuture.allOf(refusals.toArray(CompletableFuture[]::new))
                .thenCompose(refused -> server.grid().profiles().applyAll(keys, events, loop))
                .whenCompleteAsync((applied, error) -> stored(ctx, keys, events, applied, error, rejected), loop);
        }
    }

    /**
     * On the loop, once the grid has answered for every shopper: evaluates triggers where a webhook is defined, then
     * credits served lists and answers. With a webhook defined, the triggers of every shopper whose events were
     * stored are evaluated in one grid round before the events are acknowledged (also for duplicates: a retry after a
     * failed evaluation evaluates again); without one, nothing is done and no task is queued.
     */
    private void stored(final RoutingContext ctx, final List<String> keys, final List<List<Event>> events,
        final ProfileStore.AppliedEach applied, final Throwable error, final List<BatchReader.Rejection> rejected)
    {
        final int[] totals = new int[2];
        Throwable failure = error;
        final List<String> changedKeys = new ArrayList<>(keys.size());
        final List<Integer> changed = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++)
        {
            final ProfileStore.Applied counts = applied == null ? null : applied.applied().get(i);
            if (counts != null && counts.accepted() + counts.duplicates() > 0)
            {
                changedKeys.add(keys.get(i));
                changed.add(i);
                continue;
            }
            load.finished();
            if (counts != null)
            {
                count(totals, keys.get(i), events.get(i), counts);
            }
            else if (applied != null && applied.failures().get(i) != null)
            {
                failure = applied.failures().get(i);
            }
        }
        if (changed.isEmpty())
        {
            answer(ctx, totals, rejected, failure);
            return;
        }
        final Throwable notStored = failure;
        // Answered on this loop (changedAll's contract, called from it); at once when no webhook is defined.
        evaluate(changedKeys).whenComplete((failures, evaluationError) ->
        {
            Throwable first = notStored;
            for (int j = 0; j < changed.size(); j++)
            {
                load.finished();
                final Throwable failed = evaluationError != null ? evaluationError : failures[j];
                if (failed != null)
                {
                    first = failed;
                    continue;
                }
                final int i = changed.get(j);
                count(totals, keys.get(i), events.get(i), applied.applied().get(i));
            }
            answer(ctx, totals, rejected, first);
        });
    }

    /** The shoppers' triggers evaluated; a call that could not be made fails them all. */
    private CompletionStage<Throwable[]> evaluate(final List<String> keys)
    {
        try
        {
            return server.dispatcher().changedAll(keys, loop);
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Adds a stored shopper's counts to the answer's and credits served lists. */
    private void count(final int[] totals, final String key, final List<Event> events,
        final ProfileStore.Applied counts)
    {
        totals[0] += counts.accepted();
        totals[1] += counts.duplicates();
        credit(key, events, counts);
    }

    /**
     * Credits served lists with stored events. The events are stored whatever happens here: a defect in crediting
     * is logged, and neither fails the request nor keeps the other shoppers of the batch from being settled.
     */
    private void credit(final String key, final List<Event> events, final ProfileStore.Applied counts)
    {
        try
        {
            ServedListCredit.credit(server, key, events, counts);
        }
        catch (final RuntimeException ex)
        {
            LOG.error("crediting served lists failed for a stored batch", ex);
        }
    }

    private void answer(final RoutingContext ctx, final int[] totals, final List<BatchReader.Rejection> rejected,
        final Throwable failure)
    {
        server.metrics().events(totals[0], totals[1], rejected.size());
        if (failure != null)
        {
            LOG.warn("storing events failed: {}", failure.toString());
            ctx.response().putHeader("Retry-After", "1");
            Responses.gridUnavailable(ctx,
                "some events could not be stored; retry the whole request (event ids make the retry safe)");
            return;
        }
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeNumberField("accepted", totals[0]);
            json.writeNumberField("duplicates", totals[1]);
            json.writeArrayFieldStart("rejected");
            for (final BatchReader.Rejection rejection : rejected)
            {
                Responses.writeRejection(json, rejection);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
