package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.segment.SegmentScan;
import io.tailor.grid.segment.SegmentScanAggregator;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.segment.Segment;
import io.tailor.server.config.InputLimits;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.Json;
import io.tailor.server.json.SegmentJsonReader;
import io.tailor.server.json.SegmentJsonWriter;
import io.tailor.server.json.SegmentSpec;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * {@code /v1/segments/{id}}: audiences defined by rules over profiles and recent events, evaluated live.
 * <pre>
 *   PUT    define or redefine (400 with the JSON pointer of the wrong part)     201 new, 200 redefined
 *   GET    the definition and how many shoppers are members now
 *   DELETE remove it
 *   GET    /members?limit=&amp;cursor=   a page of members in id order; the cursor continues after the last
 *   GET    /export                      every member, NDJSON, streamed page by page
 *   GET    /v1/segments                 every definition, by id (no counts: each is a scan of its own)
 *   POST   /v1/segments/preview         a definition's member count and first members now, nothing stored
 * </pre>
 * Counting and listing run where the profiles are (an aggregation per request, off the event loop), at the
 * request's time: membership follows new events and windows sliding past, with nothing stored.
 */
final class SegmentsHandler
{
    /** Largest page of members. */
    static final int MAX_PAGE = 1_000;
    private static final int DEFAULT_PAGE = 100;
    private static final int EXPORT_PAGE = 1_000;
    /** Members a preview shows. */
    private static final int PREVIEW_MEMBERS = 20;
    /** The id a previewed definition is bound under (membership does not depend on it). */
    private static final String PREVIEW_ID = "preview";

    private final ServerContext server;
    private final Executor loop;

    SegmentsHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    private String id(final RoutingContext ctx)
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
     * Defines or redefines a segment.
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
        final SegmentSpec spec;
        try
        {
            spec = new SegmentJsonReader(server.grid().models().current().catalog()).read(body);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-segment", "Invalid segment", ex.reason(), ex.field());
            return;
        }
        server.grid().segments().put(id, SegmentJsonWriter.toJson(spec), server.clock().millis()).whenCompleteAsync(
            (stored, error) ->
            {
                if (error != null)
                {
                    Responses.gridUnavailable(ctx);
                    return;
                }
                server.segments().update(id, stored);
                Responses.json(ctx, stored.createdAtMs() == stored.updatedAtMs() && stored.version() == 1 ? 201 :
                    200, json -> writeDefinition(json, id, stored, -1, 0));
            }, loop);
    }

    /**
     * Every definition, sorted by id; deleted ones left out.
     *
     * @param ctx routing context.
     */
    void list(final RoutingContext ctx)
    {
        ctx.vertx().executeBlocking(() -> new TreeMap<>(server.grid().segments().all()), false)
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
                    json.writeArrayFieldStart("segments");
                    for (final Map.Entry<String, SegmentDefinition> entry : done.result().entrySet())
                    {
                        if (!entry.getValue().deleted())
                        {
                            writeDefinition(json, entry.getKey(), entry.getValue(), -1, 0);
                        }
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                });
            });
    }

    /**
     * Evaluates a definition without storing it: how many shoppers it would hold now, and the first of them.
     * A definition {@link #put} would refuse is refused here with the same 400 and JSON pointer.
     *
     * @param ctx routing context.
     */
    void preview(final RoutingContext ctx)
    {
        final byte[] body = JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final Segment segment;
        try
        {
            final CatalogSnapshot catalog = server.grid().models().current().catalog();
            segment = new SegmentJsonReader(catalog).read(body).bind(PREVIEW_ID, catalog);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-segment", "Invalid segment", ex.reason(), ex.field());
            return;
        }
        final long nowMs = server.clock().millis();
        scan(ctx, segment, nowMs, "", PREVIEW_MEMBERS).onSuccess(scan -> Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeNumberField("count", scan.count());
            json.writeArrayFieldStart("members");
            for (final String key : scan.keys())
            {
                Shopper.writeKey(json, key);
            }
            json.writeEndArray();
            json.writeStringField("countedAt", Instant.ofEpochMilli(nowMs).toString());
            json.writeEndObject();
        }));
    }

    /**
     * The definition and live member count.
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
        final long nowMs = server.clock().millis();
        withSegment(ctx, id, (definition, segment) -> scan(ctx, segment, nowMs, "", 0).onSuccess(scan ->
            Responses.json(ctx, 200, json -> writeDefinition(json, id, definition, scan.count(), nowMs))));
    }

    /**
     * Deletes a segment.
     *
     * @param ctx routing context.
     */
    void delete(final RoutingContext ctx)
    {
        final String id = id(ctx);
        if (id == null)
        {
            return;
        }
        server.grid().segments().delete(id, server.clock().millis())
            .whenCompleteAsync(Responses.onGridAnswer(ctx, deleted ->
        {
            if (deleted == null)
            {
                notFound(ctx, id);
                return;
            }
            server.segments().update(id, new SegmentDefinition(null, deleted.version() + 1, deleted.createdAtMs(),
                server.clock().millis()));
            Responses.deleted(ctx, id);
        }), loop);
    }

    /**
     * A page of members.
     *
     * @param ctx routing context.
     */
    void members(final RoutingContext ctx)
    {
        final String id = id(ctx);
        if (id == null)
        {
            return;
        }
        final int limit;
        final String after;
        try
        {
            limit = limit(QueryParams.get(ctx.request(), "limit"));
            after = cursor(QueryParams.get(ctx.request(), "cursor"));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        final long nowMs = server.clock().millis();
        withSegment(ctx, id, (definition, segment) -> scan(ctx, segment, nowMs, after, limit).onSuccess(scan ->
            Responses.json(ctx, 200, json ->
            {
                final List<String> keys = scan.keys();
                json.writeStartObject();
                json.writeStringField("segment", id);
                json.writeNumberField("count", scan.count());
                json.writeArrayFieldStart("members");
                for (final String key : keys)
                {
                    Shopper.writeKey(json, key);
                }
                json.writeEndArray();
                if (keys.size() == limit)
                {
                    json.writeStringField("next", Base64.getUrlEncoder().withoutPadding().encodeToString(
                        keys.get(keys.size() - 1).getBytes(StandardCharsets.UTF_8)));
                }
                else
                {
                    json.writeNullField("next");
                }
                json.writeEndObject();
            })));
    }

    /**
     * Every member as NDJSON ({@code {"user": ...}} per line), streamed page by page with back-pressure.
     *
     * @param ctx routing context.
     */
    void export(final RoutingContext ctx)
    {
        final String id = id(ctx);
        if (id == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        withSegment(ctx, id, (definition, segment) ->
        {
            final HttpServerResponse response = ctx.response();
            response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
            exportFrom(ctx, segment, nowMs, "");
        });
    }

    private void exportFrom(final RoutingContext ctx, final Segment segment, final long nowMs, final String after)
    {
        final HttpServerResponse response = ctx.response();
        scan(ctx, segment, nowMs, after, EXPORT_PAGE).onSuccess(scan ->
        {
            if (response.closed())
            {
                return;
            }
            final List<String> keys = scan.keys();
            final Buffer lines = Buffer.buffer(keys.size() * 32);
            try (JsonGenerator json = Json.FACTORY.createGenerator(new BufferOutputStream(lines)))
            {
                json.setPrettyPrinter(new MinimalPrettyPrinter(""));
                for (final String key : keys)
                {
                    Shopper.writeKey(json, key);
                    json.writeRaw('\n');
                }
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
            response.write(lines);
            if (keys.size() < EXPORT_PAGE)
            {
                response.end();
                return;
            }
            final String last = keys.get(keys.size() - 1);
            if (response.writeQueueFull())
            {
                response.drainHandler(ignored -> exportFrom(ctx, segment, nowMs, last));
            }
            else
            {
                exportFrom(ctx, segment, nowMs, last);
            }
        });
    }

    /** What a handler does once the segment is found and bound. */
    @FunctionalInterface
    private interface WithSegment
    {
        void accept(SegmentDefinition definition, Segment segment);
    }

    /** Reads the definition from the grid (the source of truth), binds it to this node's catalog, or answers 404. */
    private void withSegment(final RoutingContext ctx, final String id, final WithSegment next)
    {
        server.grid().segments().get(id).whenCompleteAsync(Responses.onGridAnswer(ctx, definition ->
        {
            if (definition == null || definition.deleted())
            {
                notFound(ctx, id);
                return;
            }
            final Segment segment;
            try
            {
                segment = new SegmentJsonReader(null).read(definition.json().getBytes(StandardCharsets.UTF_8))
                    .bind(id, server.grid().models().current().catalog());
            }
            catch (final InvalidInput ex)
            {
                ctx.fail(new IllegalStateException("stored segment " + id + " cannot be read: " + ex.reason()));
                return;
            }
            next.accept(definition, segment);
        }), loop);
    }

    /** Evaluates the segment over every profile off the event loop; answers 503 itself when that fails. */
    private Future<SegmentScan> scan(final RoutingContext ctx, final Segment segment, final long nowMs,
        final String after, final int limit)
    {
        final int dimensions = server.grid().settings().dimensions();
        return ctx.vertx().<SegmentScan>executeBlocking(() -> server.grid().profiles().aggregate(
            new SegmentScanAggregator(segment, nowMs, after, limit, dimensions)), false).onFailure(error ->
            {
                if (!ctx.response().headWritten())
                {
                    Responses.gridUnavailable(ctx);
                }
                else
                {
                    ctx.response().reset();
                }
            });
    }

    private static void writeDefinition(final JsonGenerator json, final String id, final SegmentDefinition definition,
        final long members, final long nowMs) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeNumberField("version", definition.version());
        json.writeStringField("createdAt", Instant.ofEpochMilli(definition.createdAtMs()).toString());
        json.writeStringField("updatedAt", Instant.ofEpochMilli(definition.updatedAtMs()).toString());
        json.writeFieldName("definition");
        json.writeRawValue(definition.json());
        if (members >= 0)
        {
            json.writeNumberField("members", members);
            json.writeStringField("countedAt", Instant.ofEpochMilli(nowMs).toString());
        }
        json.writeEndObject();
    }

    private static void notFound(final RoutingContext ctx, final String id)
    {
        Responses.notFound(ctx, "no segment " + id);
    }

    private static int limit(final String value) throws InvalidInput
    {
        if (value == null)
        {
            return DEFAULT_PAGE;
        }
        try
        {
            final int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_PAGE)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw new InvalidInput("limit", "limit must be an integer in 1.." + MAX_PAGE);
    }

    private static String cursor(final String value) throws InvalidInput
    {
        if (value == null)
        {
            return "";
        }
        try
        {
            final String key = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            if (key.length() > 2 && key.charAt(1) == ':' && InputLimits.ID.matcher(key.substring(2)).matches())
            {
                return key;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // answered below
        }
        throw new InvalidInput("cursor", "cursor must be a next value from an earlier page");
    }
}
