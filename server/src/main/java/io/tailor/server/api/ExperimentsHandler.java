package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.experiment.PutExperimentProcessor;
import io.tailor.server.json.ExperimentJsonReader;
import io.tailor.server.json.ExperimentSpec;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
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

    private static String id(final RoutingContext ctx)
    {
        try
        {
            return Fields.id("id", ctx.pathParam("id"));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return null;
        }
    }

    /**
     * Defines or redefines an experiment.
     *
     * @param ctx routing context.
     */
    void put(final RoutingContext ctx)
    {
        final String id = id(ctx);
        final byte[] body = id == null ? null : JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final ExperimentSpec spec;
        try
        {
            spec = new ExperimentJsonReader(server.settings().ranking()).read(body);
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
            server.clock().millis()).whenCompleteAsync((stored, error) ->
            {
                if (error != null)
                {
                    Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable", "retry the request", null);
                    return;
                }
                server.experiments().update(id, stored);
                if (stored.stopped())
                {
                    Responses.problem(ctx, 409, "experiment-stopped", "Experiment stopped", "experiment " + id +
                        " was stopped and cannot be redefined; delete it or use another id", "id");
                    return;
                }
                Responses.json(ctx, stored.version() == 1 || stored.createdAtMs() == stored.updatedAtMs() ? 201 :
                    200, json -> write(json, id, stored));
            }, loop);
    }

    /**
     * One experiment.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final String id = id(ctx);
        if (id == null)
        {
            return;
        }
        server.grid().experiments().get(id).whenCompleteAsync((definition, error) ->
        {
            if (error != null)
            {
                Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable", "retry the request", null);
                return;
            }
            if (definition == null || definition.deleted())
            {
                notFound(ctx, id);
                return;
            }
            Responses.json(ctx, 200, json -> write(json, id, definition));
        }, loop);
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
        final String id = id(ctx);
        if (id == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        server.grid().experiments().change(id, action, null, nowMs).whenCompleteAsync((answer, error) ->
        {
            if (error != null)
            {
                Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable", "retry the request", null);
                return;
            }
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
            Responses.json(ctx, 200, json ->
            {
                json.writeStartObject();
                json.writeStringField("id", id);
                json.writeBooleanField("deleted", true);
                json.writeEndObject();
            });
        }, loop);
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
        Responses.problem(ctx, 404, "not-found", "Not found", "no experiment " + id, "id");
    }
}
