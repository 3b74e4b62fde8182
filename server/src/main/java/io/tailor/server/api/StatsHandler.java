package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.GridStats;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.metrics.Metrics;
import io.tailor.server.metrics.RouteLatency;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/stats}: this node's live numbers as JSON, for the console and for anyone with curl. Counters
 * are totals since the node started (a reader takes the difference of two reads for a rate); latency quantiles
 * cover each route's last interval of at least a second; the grid part is the partition table as this node
 * sees it. {@code GET /v1/stats/history}: one route's one-second samples of the last five minutes, kept by the
 * node whether or not anyone was looking.
 */
final class StatsHandler
{
    private static final int MAX_HISTORY_SECONDS = RouteLatency.HISTORY_SAMPLES;
    private static final String SECONDS_RANGE = "seconds must be an integer in 1.." + MAX_HISTORY_SECONDS;

    private final ServerContext server;

    /**
     * The handler of one node.
     *
     * @param server the node.
     */
    StatsHandler(final ServerContext server)
    {
        this.server = server;
    }

    /**
     * Answers the numbers.
     *
     * @param ctx routing context.
     */
    void handle(final RoutingContext ctx)
    {
        final Metrics metrics = server.metrics();
        final TailorGrid grid = server.grid();
        final long now = server.clock().millis();
        final Map<String, Metrics.RouteTimers> routes = metrics.routes();
        final Metrics.EventCounts events = metrics.eventCounts();
        final long builtAt = grid.models().current().builtAtMs();
        final int products = grid.models().current().catalog().size();
        final boolean factors = grid.settings().model().factors().enabled();
        final long factorsFrom = grid.modelRefresher().factorsFromMs();
        final Map<String, Long> errors = grid.errors().counts();
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("node", server.nodeTag());
            json.writeStringField("at", Instant.ofEpochMilli(now).toString());
            json.writeBooleanField("ready", grid.ready());
            json.writeObjectFieldStart("routes");
            for (final Map.Entry<String, Metrics.RouteTimers> route : routes.entrySet())
            {
                final Metrics.RouteTimers timers = route.getValue();
                final RouteLatency.Recent recent = timers.recent();
                json.writeObjectFieldStart(route.getKey());
                json.writeNumberField("count", timers.answered(100, 600));
                json.writeNumberField("status2xx", timers.answered(200, 300));
                json.writeNumberField("status4xx", timers.answered(400, 500));
                json.writeNumberField("status5xx", timers.answered(500, 600));
                json.writeObjectFieldStart("recent");
                writeSample(json, recent);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("events");
            json.writeNumberField("accepted", events.accepted());
            json.writeNumberField("duplicates", events.duplicates());
            json.writeNumberField("rejected", events.rejected());
            json.writeEndObject();
            json.writeNumberField("degraded", metrics.degradedAnswers());
            json.writeNumberField("overloadRefused", metrics.overloadRefused());
            json.writeObjectFieldStart("model");
            json.writeNumberField("products", products);
            json.writeStringField("builtAt", Instant.ofEpochMilli(builtAt).toString());
            json.writeNumberField("ageSeconds", Math.max(0, now - builtAt) / 1000.0);
            if (factors)
            {
                if (factorsFrom < 0)
                {
                    json.writeNullField("factorsFrom");
                }
                else
                {
                    json.writeStringField("factorsFrom", Instant.ofEpochMilli(factorsFrom).toString());
                }
            }
            json.writeEndObject();
            json.writeObjectFieldStart("grid");
            json.writeBooleanField("member", grid.member());
            json.writeNumberField("migrationsCompleted", grid.stats().migrationsCompleted());
            json.writeArrayFieldStart("members");
            for (final GridStats.MemberShare share : grid.stats().memberShares())
            {
                json.writeStartObject();
                json.writeStringField("address", share.address());
                json.writeBooleanField("local", share.local());
                json.writeNumberField("partitionsOwned", share.primaries());
                if (share.backups() >= 0)
                {
                    json.writeNumberField("backups", share.backups());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeObjectFieldStart("backgroundErrors");
            for (final String place : BackgroundErrors.PLACES)
            {
                json.writeNumberField(place, errors.getOrDefault(place, 0L));
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /**
     * Answers a route's samples, oldest first.
     *
     * @param ctx routing context.
     */
    void history(final RoutingContext ctx)
    {
        final String route;
        final int seconds;
        try
        {
            route = QueryParams.get(ctx.request(), "route");
            if (route == null || route.isEmpty())
            {
                throw new InvalidInput("route", "route is required: a route of GET /v1/stats, such as " +
                    "GET /v1/recommendations");
            }
            seconds = seconds(QueryParams.get(ctx.request(), "seconds"));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        final long now = server.clock().millis();
        final Optional<List<RouteLatency.Recent>> samples = server.metrics().latency().history(route,
            now - seconds * 1000L);
        if (samples.isEmpty())
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", "route " + route +
                " is not a route of this node: use a name of GET /v1/stats, such as GET /v1/recommendations",
                "route");
            return;
        }
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("node", server.nodeTag());
            json.writeStringField("at", Instant.ofEpochMilli(now).toString());
            json.writeStringField("route", route);
            json.writeNumberField("seconds", seconds);
            json.writeArrayFieldStart("samples");
            for (final RouteLatency.Recent sample : samples.get())
            {
                json.writeStartObject();
                writeSample(json, sample);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static int seconds(final String value) throws InvalidInput
    {
        if (value == null)
        {
            return MAX_HISTORY_SECONDS;
        }
        final int seconds;
        try
        {
            seconds = Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new InvalidInput("seconds", SECONDS_RANGE);
        }
        if (seconds < 1 || seconds > MAX_HISTORY_SECONDS)
        {
            throw new InvalidInput("seconds", SECONDS_RANGE);
        }
        return seconds;
    }

    /** The fields of one sample; {@code at} only once the route has been sampled. */
    private static void writeSample(final JsonGenerator json, final RouteLatency.Recent sample)
        throws IOException
    {
        if (sample.atMs() >= 0)
        {
            json.writeStringField("at", Instant.ofEpochMilli(sample.atMs()).toString());
        }
        json.writeNumberField("count", sample.count());
        json.writeNumberField("seconds", sample.seconds());
        json.writeNumberField("p50Us", sample.p50Us());
        json.writeNumberField("p99Us", sample.p99Us());
        json.writeNumberField("p999Us", sample.p999Us());
    }
}
