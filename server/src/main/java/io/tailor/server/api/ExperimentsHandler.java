package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.experiment.ExperimentCountsStore;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.experiment.PutExperimentProcessor;
import io.tailor.scoring.experiment.AlwaysValidInterval;
import io.tailor.scoring.experiment.ShopperSketch;
import io.tailor.server.json.ExperimentJsonReader;
import io.tailor.server.json.ExperimentSpec;
import io.tailor.server.json.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code /v1/experiments}: A/B tests of what a placement serves, per arm.
 * <pre>
 *   PUT    /{id}        define or redefine (400 with the JSON pointer of the wrong part)   201 new, 200 redefined
 *                       409 when it was stopped, or another experiment runs on the placement
 *   GET    /{id}        the definition and its status
 *   GET    /            every experiment this node knows, in id order
 *   POST   /{id}/stop   stop assigning shoppers; the definition stays (its arms keep their credit)
 *   DELETE /{id}        remove it
 *   GET    /{id}/results  per arm: shoppers, lists, clicks, carts, purchases, revenue; each arm against the first
 *                       (the baseline) with always-valid intervals ({@link AlwaysValidInterval})
 * </pre>
 * Definitions live in the grid's {@code experiments} map, written by an entry processor on the owner and
 * mirrored by every node's {@link ExperimentRegistry}.
 */
final class ExperimentsHandler
{
    private final ServerContext server;
    private final Executor loop;

    ExperimentsHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Defines or redefines an experiment.
     *
     * @param ctx routing context.
     */
    void put(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        final byte[] body = id == null ? null : JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final ExperimentSpec spec;
        try
        {
            spec = new ExperimentJsonReader(server.settings().ranking(),
                server.grid().settings().retention().attributionWindow()).read(body);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-experiment", "Invalid experiment", ex.reason(), ex.field());
            return;
        }
        final String other = server.experiments().runningOn(spec.placement().wireName(), id);
        if (other != null)
        {
            Responses.problem(ctx, 409, "experiment-conflict", "Experiment conflict", "experiment " + other +
                " runs on placement " + spec.placement().wireName() + "; stop it first", "/placement");
            return;
        }
        server.grid().experiments().change(id, PutExperimentProcessor.Action.PUT, spec.json(),
            server.clock().millis()).whenCompleteAsync(Responses.onGridAnswer(ctx, stored ->
            {
                server.experiments().update(id, stored);
                if (stored.stopped())
                {
                    Responses.problem(ctx, 409, "experiment-stopped", "Experiment stopped", "experiment " + id +
                        " was stopped and cannot be redefined; delete it or use another id", "id");
                    return;
                }
                Responses.json(ctx, stored.version() == 1 || stored.createdAtMs() == stored.updatedAtMs() ? 201 :
                    200, json -> write(json, id, stored));
            }), loop);
    }

    /**
     * One experiment.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        server.grid().experiments().get(id).whenCompleteAsync(Responses.onGridAnswer(ctx, definition ->
        {
            if (definition == null || definition.deleted())
            {
                notFound(ctx, id);
                return;
            }
            Responses.json(ctx, 200, json -> write(json, id, definition));
        }), loop);
    }

    /**
     * Every experiment this node knows (the grid's, as mirrored here).
     *
     * @param ctx routing context.
     */
    void list(final RoutingContext ctx)
    {
        final Map<String, ExperimentRegistry.Known> known = server.experiments().known();
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeArrayFieldStart("experiments");
            for (final Map.Entry<String, ExperimentRegistry.Known> entry : known.entrySet())
            {
                write(json, entry.getKey(), entry.getValue().definition());
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * Stops an experiment.
     *
     * @param ctx routing context.
     */
    void stop(final RoutingContext ctx)
    {
        change(ctx, PutExperimentProcessor.Action.STOP);
    }

    /**
     * Deletes an experiment.
     *
     * @param ctx routing context.
     */
    void delete(final RoutingContext ctx)
    {
        change(ctx, PutExperimentProcessor.Action.DELETE);
    }

    private void change(final RoutingContext ctx, final PutExperimentProcessor.Action action)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        server.grid().experiments().change(id, action, null, nowMs)
            .whenCompleteAsync(Responses.onGridAnswer(ctx, answer ->
        {
            if (answer == null)
            {
                notFound(ctx, id);
                return;
            }
            if (action == PutExperimentProcessor.Action.STOP)
            {
                server.experiments().update(id, answer);
                Responses.json(ctx, 200, json -> write(json, id, answer));
                return;
            }
            server.experiments().update(id, new ExperimentDefinition(null, answer.version() + 1,
                answer.createdAtMs(), nowMs, answer.stoppedAtMs()));
            Responses.deleted(ctx, id);
        }), loop);
    }

    /**
     * An experiment's results: counts per arm as merged in the grid, and each arm against the baseline.
     *
     * @param ctx routing context.
     */
    void results(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        final ExperimentRegistry.Known known = server.experiments().known().get(id);
        if (known == null)
        {
            notFound(ctx, id);
            return;
        }
        final ExperimentDefinition definition = known.definition();
        final List<ExperimentSpec.ArmSpec> arms = known.spec().arms();
        final Set<String> keys = new LinkedHashSet<>();
        for (final ExperimentSpec.ArmSpec arm : arms)
        {
            keys.add(ExperimentCountsStore.key(id, definition.createdAtMs(), arm.name()));
        }
        ctx.vertx().<Map<String, ArmCounts>>executeBlocking(() -> server.grid().experimentCounts().getAll(keys),
            false).onComplete(done ->
            {
                if (done.failed())
                {
                    Responses.gridUnavailable(ctx);
                    return;
                }
                final List<ArmResult> results = new ArrayList<>(arms.size());
                for (final ExperimentSpec.ArmSpec arm : arms)
                {
                    results.add(ArmResult.of(arm.name(), done.result().get(ExperimentCountsStore.key(id,
                        definition.createdAtMs(), arm.name()))));
                }
                Responses.json(ctx, 200, json -> writeResults(json, id, definition, results));
            });
    }

    /** One arm's numbers. */
    private record ArmResult(String name, long shoppers, long lists, long clicks, long carts, long purchases,
        long purchasers, double revenue)
    {
        static ArmResult of(final String name, final ArmCounts counts)
        {
            if (counts == null)
            {
                return new ArmResult(name, 0, 0, 0, 0, 0, 0, 0);
            }
            return new ArmResult(name, counts.shoppers() == null ? 0 : ShopperSketch.estimate(counts.shoppers()),
                counts.count(ArmCounts.LISTS), counts.count(ArmCounts.CLICKS), counts.count(ArmCounts.CARTS),
                counts.count(ArmCounts.PURCHASES),
                counts.purchasers() == null ? 0 : ShopperSketch.estimate(counts.purchasers()), counts.revenue());
        }

        double ctr()
        {
            return lists == 0 ? 0 : (double)clicks / lists;
        }

        double conversion()
        {
            return shoppers == 0 ? 0 : Math.min(1.0, (double)purchasers / shoppers);
        }
    }

    private static void writeResults(final JsonGenerator json, final String id, final ExperimentDefinition definition,
        final List<ArmResult> arms) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("status", definition.stopped() ? "stopped" : "running");
        json.writeStringField("since", Instant.ofEpochMilli(definition.createdAtMs()).toString());
        json.writeStringField("method", "mSPRT always-valid intervals, alpha 0.05 (Johari et al., Operations " +
            "Research 2022)");
        json.writeArrayFieldStart("arms");
        for (final ArmResult arm : arms)
        {
            json.writeStartObject();
            json.writeStringField("name", arm.name());
            json.writeNumberField("shoppers", arm.shoppers());
            json.writeNumberField("lists", arm.lists());
            json.writeNumberField("clicks", arm.clicks());
            json.writeNumberField("ctr", arm.ctr());
            json.writeNumberField("addToCarts", arm.carts());
            json.writeNumberField("purchases", arm.purchases());
            json.writeNumberField("conversion", arm.conversion());
            json.writeNumberField("revenue", arm.revenue());
            json.writeNumberField("revenuePerList", arm.lists() == 0 ? 0 : arm.revenue() / arm.lists());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("comparisons");
        final ArmResult baseline = arms.get(0);
        for (int i = 1; i < arms.size(); i++)
        {
            final ArmResult arm = arms.get(i);
            writeComparison(json, arm, baseline, "ctr", baseline.ctr(), AlwaysValidInterval.of(baseline.clicks(),
                baseline.lists(), arm.clicks(), arm.lists(), AlwaysValidInterval.ALPHA, AlwaysValidInterval.TAU));
            writeComparison(json, arm, baseline, "conversion", baseline.conversion(), AlwaysValidInterval.of(
                baseline.purchasers(), baseline.shoppers(), arm.purchasers(), arm.shoppers(),
                AlwaysValidInterval.ALPHA, AlwaysValidInterval.TAU));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Lift and its bounds relative to the baseline's rate; the absolute difference when the baseline is 0. */
    private static void writeComparison(final JsonGenerator json, final ArmResult arm, final ArmResult baseline,
        final String metric, final double baseRate, final AlwaysValidInterval interval) throws IOException
    {
        final double scale = baseRate > 0 ? baseRate : 1.0;
        json.writeStartObject();
        json.writeStringField("arm", arm.name());
        json.writeStringField("baseline", baseline.name());
        json.writeStringField("metric", metric);
        json.writeBooleanField("relative", baseRate > 0);
        json.writeNumberField("lift", interval.difference() / scale);
        json.writeNumberField("low", interval.low() / scale);
        json.writeNumberField("high", interval.high() / scale);
        json.writeBooleanField("significant", interval.significant());
        json.writeEndObject();
    }

    private static void write(final JsonGenerator json, final String id, final ExperimentDefinition definition)
        throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("status", definition.stopped() ? "stopped" : "running");
        json.writeNumberField("version", definition.version());
        json.writeStringField("createdAt", Instant.ofEpochMilli(definition.createdAtMs()).toString());
        json.writeStringField("updatedAt", Instant.ofEpochMilli(definition.updatedAtMs()).toString());
        if (definition.stopped())
        {
            json.writeStringField("stoppedAt", Instant.ofEpochMilli(definition.stoppedAtMs()).toString());
        }
        json.writeFieldName("definition");
        json.writeRawValue(definition.json());
        json.writeEndObject();
    }

    private static void notFound(final RoutingContext ctx, final String id)
    {
        Responses.notFound(ctx, "no experiment " + id);
    }
}
