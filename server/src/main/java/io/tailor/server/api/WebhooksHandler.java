package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.DeliveryCounts;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.WebhookJsonReader;
import io.tailor.server.json.WebhookSpec;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * {@code /v1/webhooks}: where Tailor pushes segment and near-purchase triggers, signed ({@code Tailor-Signature}).
 * <pre>
 *   PUT    /{id}                define or redefine (400 with the JSON pointer of the wrong part, unknown segments
 *                               and products included)                 201 new, 200 redefined
 *   GET    /{id}                the definition, without its secret, with its deliveries counted on every member
 *   GET    /                    every webhook, in id order, without secrets
 *   DELETE /{id}                remove it; its pending deliveries are dropped when their turn comes
 *   GET    /{id}/dead-letters   deliveries that failed past the retry horizon, oldest first
 * </pre>
 * Definitions live in the grid's {@code webhooks} map, written by an entry processor on the owner and mirrored by
 * every node's {@link WebhookRegistry}; deliveries are sent by the customers' partition owners
 * ({@link WebhookDispatcher}): embedded nodes ({@code tailor serve}), or dedicated members ({@code tailor grid},
 * {@link MemberWebhooks}) when this node is their client, which then only defines and reads.
 */
final class WebhooksHandler
{
    private final ServerContext server;
    private final Executor loop;
    private final WebhookJsonReader reader = new WebhookJsonReader();

    WebhooksHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Defines or redefines a webhook.
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
        final WebhookSpec spec;
        try
        {
            spec = reader.read(body);
            known(spec);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-webhook", "Invalid webhook", ex.reason(), ex.field());
            return;
        }
        server.grid().webhooks().put(id, spec.json(), server.clock().millis())
            .thenCompose(stored -> show(id, stored, spec).thenApply(shown -> stored))
            .whenCompleteAsync(Responses.onGridAnswer(ctx, stored ->
        {
            server.webhooks().update(id, stored);
            Responses.json(ctx, stored.version() == 1 ? 201 : 200, json -> write(json, id, stored, spec, true));
        }), loop);
    }

    /**
     * Shows a stored definition, with the segments it watches, to every member's registries before it is
     * acknowledged, so that an event sent right after is evaluated with it wherever its customer is owned. Best
     * effort: a member that misses it learns of it from the maps' events, as it would have without this.
     */
    private CompletionStage<Void> show(final String id, final WebhookDefinition stored, final WebhookSpec spec)
    {
        final Map<String, SegmentDefinition> segments = new ConcurrentHashMap<>();
        final List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (final String segment : spec.segments())
        {
            reads.add(server.grid().segments().get(segment).thenAccept(definition ->
            {
                if (definition != null)
                {
                    segments.put(segment, definition);
                }
            }).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture<?>[]::new))
            .thenCompose(read -> server.grid().showWebhook(id, stored, Map.copyOf(segments)))
            .exceptionally(failure -> null);
    }

    /** The segments and products a definition names must exist when it is put. */
    private void known(final WebhookSpec spec) throws InvalidInput
    {
        for (int i = 0; i < spec.segments().size(); i++)
        {
            if (server.segments().spec(spec.segments().get(i)) == null)
            {
                throw new InvalidInput("/segments/" + i, "no segment " + spec.segments().get(i));
            }
        }
        final CatalogSnapshot catalog = server.grid().models().current().catalog();
        for (int i = 0; i < spec.products().size(); i++)
        {
            if (catalog.indexOf(spec.products().get(i)) == CatalogSnapshot.MISSING)
            {
                throw new InvalidInput("/products/" + i, "no product " + spec.products().get(i));
            }
        }
    }

    /**
     * A webhook's definition, without its secret.
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
        server.grid().webhooks().get(id).whenCompleteAsync(Responses.onGridAnswer(ctx, definition ->
        {
            final WebhookSpec spec = readable(ctx, id, definition);
            if (spec == null)
            {
                return;
            }
            CompletionStage<long[]> counted;
            try
            {
                counted = server.grid().deliveryCounts(id);
            }
            catch (final RuntimeException ex)
            {
                counted = CompletableFuture.failedFuture(ex);
            }
            // Without the counts (a member slow to answer) the definition is still shown.
            counted.whenCompleteAsync((counts, failure) -> Responses.json(ctx, 200, json ->
            {
                write(json, id, definition, spec, false);
                if (failure == null)
                {
                    writeCounts(json, counts);
                }
                json.writeEndObject();
            }), loop);
        }), loop);
    }

    /**
     * Every webhook, sorted by id, without secrets; deleted ones left out.
     *
     * @param ctx routing context.
     */
    void list(final RoutingContext ctx)
    {
        ctx.vertx().executeBlocking(() -> new TreeMap<>(server.grid().webhooks().all()), false).onComplete(done ->
        {
            if (done.failed())
            {
                Responses.gridUnavailable(ctx);
                return;
            }
            Responses.json(ctx, 200, json ->
            {
                json.writeStartObject();
                json.writeArrayFieldStart("webhooks");
                for (final Map.Entry<String, WebhookDefinition> entry : done.result().entrySet())
                {
                    final WebhookDefinition definition = entry.getValue();
                    if (definition.deleted())
                    {
                        continue;
                    }
                    try
                    {
                        write(json, entry.getKey(), definition,
                            reader.read(definition.json().getBytes(StandardCharsets.UTF_8)), true);
                    }
                    catch (final InvalidInput ex)
                    {
                        throw new IllegalStateException("stored webhook " + entry.getKey() + " cannot be read: " +
                            ex.reason(), ex);
                    }
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        });
    }

    /**
     * Deletes a webhook.
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
        final long nowMs = server.clock().millis();
        server.grid().webhooks().delete(id, nowMs).whenCompleteAsync(Responses.onGridAnswer(ctx, deleted ->
        {
            if (deleted == null)
            {
                notFound(ctx, id);
                return;
            }
            server.webhooks().update(id, new WebhookDefinition(null, deleted.version() + 1, deleted.createdAtMs(),
                nowMs));
            Responses.deleted(ctx, id);
        }), loop);
    }

    /**
     * A webhook's dead letters: deliveries that failed past the retry horizon, by time.
     *
     * @param ctx routing context.
     */
    void deadLetters(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        server.grid().webhooks().get(id).whenCompleteAsync(Responses.onGridAnswer(ctx, definition ->
        {
            if (definition == null)
            {
                notFound(ctx, id);
                return;
            }
            ctx.vertx().executeBlocking(() -> server.grid().webhooks().deadLetters(id), false).onComplete(done ->
            {
                if (done.failed())
                {
                    Responses.gridUnavailable(ctx);
                    return;
                }
                final List<Map.Entry<String, Outbox.Delivery>> letters = new java.util.ArrayList<>(done.result());
                letters.sort(Comparator.comparingLong(entry -> entry.getValue().createdAtMs()));
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeStringField("webhook", id);
                    json.writeArrayFieldStart("deadLetters");
                    for (final Map.Entry<String, Outbox.Delivery> letter : letters)
                    {
                        writeLetter(json, letter.getKey(), letter.getValue());
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                });
            });
        }), loop);
    }

    private WebhookSpec readable(final RoutingContext ctx, final String id, final WebhookDefinition definition)
    {
        if (definition == null || definition.deleted())
        {
            notFound(ctx, id);
            return null;
        }
        try
        {
            return reader.read(definition.json().getBytes(StandardCharsets.UTF_8));
        }
        catch (final InvalidInput ex)
        {
            ctx.fail(new IllegalStateException("stored webhook " + id + " cannot be read: " + ex.reason()));
            return null;
        }
    }

    private static void writeLetter(final JsonGenerator json, final String key, final Outbox.Delivery delivery)
        throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", delivery.eventId());
        json.writeStringField("type", delivery.type());
        json.writeStringField("time", Instant.ofEpochMilli(delivery.createdAtMs()).toString());
        json.writeStringField(delivery.type().startsWith("segment.") ? "segment" : "product", delivery.subject());
        json.writeObjectFieldStart("customer");
        json.writeStringField(ProfileKeys.field(key), ProfileKeys.id(key));
        json.writeEndObject();
        json.writeNumberField("attempts", delivery.attempts());
        json.writeStringField("lastAttempt", Instant.ofEpochMilli(delivery.nextAttemptMs()).toString());
        json.writeStringField("lastError", delivery.lastError());
        json.writeEndObject();
    }

    /**
     * A webhook's deliveries as every member that sends counted them since it started: acknowledged, retried,
     * given up (dead letters), dropped, and the last acknowledgement's time from the transition.
     */
    private static void writeCounts(final JsonGenerator json, final long[] counts) throws IOException
    {
        json.writeObjectFieldStart("deliveries");
        json.writeNumberField("delivered", counts[DeliveryCounts.DELIVERED]);
        json.writeNumberField("retried", counts[DeliveryCounts.RETRIED]);
        json.writeNumberField("failed", counts[DeliveryCounts.FAILED]);
        json.writeNumberField("dropped", counts[DeliveryCounts.DROPPED]);
        if (counts[DeliveryCounts.LAG_MS] >= 0)
        {
            json.writeNumberField("lagSeconds", counts[DeliveryCounts.LAG_MS] / 1000.0);
        }
        json.writeEndObject();
    }

    /** A definition as the API shows it: everything but the secret; the object left open unless {@code end}. */
    private static void write(final JsonGenerator json, final String id, final WebhookDefinition definition,
        final WebhookSpec spec, final boolean end) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeNumberField("version", definition.version());
        json.writeStringField("createdAt", Instant.ofEpochMilli(definition.createdAtMs()).toString());
        json.writeStringField("updatedAt", Instant.ofEpochMilli(definition.updatedAtMs()).toString());
        json.writeStringField("url", spec.url());
        writeStrings(json, "on", List.copyOf(new java.util.TreeSet<>(spec.on())));
        writeStrings(json, "segments", spec.segments());
        if (!spec.products().isEmpty())
        {
            writeStrings(json, "products", spec.products());
        }
        writeStrings(json, "include", List.copyOf(new java.util.TreeSet<>(spec.include())));
        if (end)
        {
            json.writeEndObject();
        }
    }

    private static void writeStrings(final JsonGenerator json, final String field, final List<String> values)
        throws IOException
    {
        json.writeArrayFieldStart(field);
        for (final String value : values)
        {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void notFound(final RoutingContext ctx, final String id)
    {
        Responses.notFound(ctx, "no webhook " + id);
    }
}
