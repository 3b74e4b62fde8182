package io.tailor.server.api;

import io.tailor.grid.profile.ProfileKeys;
import io.tailor.server.json.BatchReader;
import io.tailor.scoring.event.Event;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/events}: one event or a batch (JSON array or NDJSON).
 * <p>
 * Valid events are grouped by shopper and applied with one entry processor per shopper on the profile's
 * owner; the answer is sent when every group is stored with its backup, so the next recommendation for
 * any of these shoppers reflects them (read-your-writes). Invalid events are named in {@code rejected}
 * and change nothing. If the grid fails for some group, the answer is 503: the caller retries the batch,
 * and event ids make the retry safe.
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
                if (AccessHandler.refusedToPublicKey(ctx, event.user(), event.type(),
                    batch.single() ? null : "event " + batch.indexes().get(i)))
                {
                    return;
                }
            }
            store(ctx, group(accepted), rejected);
        });
    }

    private static Map<String, List<Event>> group(final List<Event> events)
    {
        final Map<String, List<Event>> byShopper = new HashMap<>();
        for (final Event event : events)
        {
            byShopper.computeIfAbsent(ProfileKeys.of(event.user(), event.anonymousId()), k -> new ArrayList<>(2))
                .add(event);
        }
        return byShopper;
    }

    private void store(final RoutingContext ctx, final Map<String, List<Event>> byShopper,
        final List<BatchReader.Rejection> rejected)
    {
        final int[] outstanding = {byShopper.size()};
        final int[] totals = new int[2];
        final Throwable[] failure = new Throwable[1];
        load.started(byShopper.size());
        for (final Map.Entry<String, List<Event>> group : byShopper.entrySet())
        {
            server.grid().profiles().apply(group.getKey(), group.getValue()).whenCompleteAsync((counts, error) ->
            {
                load.finished();
                if (error != null)
                {
                    failure[0] = error;
                }
                else
                {
                    totals[0] += counts[0];
                    totals[1] += counts[1];
                }
                if (--outstanding[0] == 0)
                {
                    answer(ctx, totals, rejected, failure[0]);
                }
            }, loop);
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
            Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable",
                "some events could not be stored; retry the whole request (event ids make the retry safe)", null);
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
