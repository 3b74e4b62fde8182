package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.feed.PutFeedProcessor;
import io.tailor.server.feed.FeedDefinition;
import io.tailor.server.json.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code /v1/feeds}: catalog feeds fetched on a schedule and applied as a diff ({@code FeedFetcher}).
 * <pre>
 *   PUT    /{id}   define or redefine {url, format, every, labels?}; fetched at once, then every {@code every}
 *                  (400 naming the field at fault); 201 new, 200 redefined
 *   GET    /{id}   the definition, the next fetch's time and the last fetch's outcome
 *   GET    /       every feed, in id order
 *   DELETE /{id}   stop fetching it (its products stay in the catalog)
 * </pre>
 * Records live in the grid's {@code feeds} map, written by entry processors on the owner; one node fetches each
 * feed at a time ({@code FeedScheduler}, {@code FeedStore#claim}).
 */
final class FeedsHandler
{
    private final ServerContext server;
    private final Executor loop;

    FeedsHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Defines or redefines a feed.
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
        final FeedDefinition definition;
        try
        {
            definition = FeedDefinition.read(body);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-feed", "Invalid feed", ex.reason(), ex.field());
            return;
        }
        final long nowMs = server.clock().millis();
        server.grid().feeds().put(id, definition.json(), nowMs).whenCompleteAsync(Responses.onGridAnswer(ctx, before ->
        {
            final FeedRecord stored = PutFeedProcessor.defined(before, definition.json(), nowMs);
            Responses.json(ctx, before == null || before.deleted() ? 201 : 200, json -> write(json, id, stored));
        }), loop);
    }

    /**
     * One feed.
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
        server.grid().feeds().get(id).whenCompleteAsync((record, error) ->
        {
            if (error != null)
            {
                Responses.gridUnavailable(ctx);
            }
            else if (record == null || record.deleted())
            {
                notFound(ctx, id);
            }
            else
            {
                Responses.json(ctx, 200, json -> write(json, id, record));
            }
        }, loop);
    }

    /**
     * Every feed.
     *
     * @param ctx routing context.
     */
    void list(final RoutingContext ctx)
    {
        ctx.vertx().<Map<String, FeedRecord>>executeBlocking(() -> server.grid().feeds().all(), false)
            .onComplete(done ->
            {
                if (done.failed())
                {
                    Responses.gridUnavailable(ctx);
                    return;
                }
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeArrayFieldStart("feeds");
                    for (final Map.Entry<String, FeedRecord> feed : done.result().entrySet())
                    {
                        write(json, feed.getKey(), feed.getValue());
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                });
            });
    }

    /**
     * Deletes a feed; its products stay.
     *
     * @param ctx routing context.
     */
    void delete(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        server.grid().feeds().delete(id, server.clock().millis())
            .whenCompleteAsync(Responses.onGridAnswer(ctx, deleted ->
        {
            if (deleted == null)
            {
                notFound(ctx, id);
                return;
            }
            Responses.deleted(ctx, id);
        }), loop);
    }

    private static void write(final JsonGenerator json, final String id, final FeedRecord record) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeFieldName("definition");
        json.writeRawValue(record.definition());
        json.writeNumberField("version", record.version());
        json.writeStringField("createdAt", Instant.ofEpochMilli(record.createdAtMs()).toString());
        json.writeStringField("updatedAt", Instant.ofEpochMilli(record.updatedAtMs()).toString());
        json.writeStringField("nextFetchAt", Instant.ofEpochMilli(record.nextFetchAtMs()).toString());
        json.writeFieldName("lastFetch");
        if (record.lastFetch() == null)
        {
            json.writeNull();
        }
        else
        {
            json.writeRawValue(record.lastFetch());
        }
        json.writeEndObject();
    }

    private static void notFound(final RoutingContext ctx, final String id)
    {
        Responses.notFound(ctx, "no feed " + id);
    }
}
