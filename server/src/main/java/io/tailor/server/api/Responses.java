package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.tailor.server.json.BatchReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writing JSON answers, and the one place problem+json (RFC 9457) errors are built.
 */
public final class Responses
{
    /** Media type of JSON answers. */
    public static final String JSON = "application/json";
    /** Media type of error answers. */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** Prefix of every problem type URI. */
    public static final String PROBLEM_BASE = "https://tailor.io/problems/";
    /**
     * An error answered before the request body was read closes the connection when more than this much of
     * the body is still to come (or its length is unknown), so that a refused client cannot make the server
     * read and discard an endless body; smaller ones are drained and the connection kept.
     */
    static final long DRAIN_LIMIT = 64 * 1024;
    /** Most bytes of a refused body read and dropped before its connection is closed. */
    static final long LINGER_BYTES = 1L << 20;
    /** Longest wait for a refused body before its connection is closed. */
    static final long LINGER_MS = 2_000L;

    /** Writes a JSON document. */
    @FunctionalInterface
    public interface JsonBody
    {
        /**
         * Writes the body.
         *
         * @param json generator to write with.
         * @throws IOException never in practice; the generator writes to memory.
         */
        void write(JsonGenerator json) throws IOException;
    }

    private Responses()
    {
    }

    /**
     * Answers with a JSON document.
     *
     * @param ctx    routing context.
     * @param status HTTP status.
     * @param body   writes the document.
     */
    public static void json(final RoutingContext ctx, final int status, final JsonBody body)
    {
        send(ctx.request(), status, JSON, body, false);
    }

    /**
     * Answers 503 {@code grid-unavailable}: the grid did not answer, nothing is known to have changed.
     *
     * @param ctx    routing context.
     * @param detail what the client should do, e.g. "retry the request".
     */
    public static void gridUnavailable(final RoutingContext ctx, final String detail)
    {
        problem(ctx, 503, "grid-unavailable", "Grid unavailable", detail, null);
    }

    /**
     * Answers 503 {@code grid-unavailable} for a request that is safe to retry as it is.
     *
     * @param ctx routing context.
     */
    public static void gridUnavailable(final RoutingContext ctx)
    {
        gridUnavailable(ctx, "retry the request");
    }

    /**
     * What to do with a grid call's outcome: the answer goes to {@code onAnswer}; a failure answers 503
     * {@code grid-unavailable} (for calls that are safe to retry as they are). Pass it to
     * {@code whenCompleteAsync(..., loop)} so that {@code onAnswer} runs on the request's event loop.
     *
     * @param ctx      routing context.
     * @param onAnswer answers the request from the grid's answer.
     * @param <T>      type of the grid's answer.
     * @return the completion action.
     */
    public static <T> BiConsumer<T, Throwable> onGridAnswer(final RoutingContext ctx, final Consumer<T> onAnswer)
    {
        return (answer, error) ->
        {
            if (error != null)
            {
                gridUnavailable(ctx);
                return;
            }
            onAnswer.accept(answer);
        };
    }

    /**
     * Answers 404 {@code not-found} for a resource named by the path's {@code id}.
     *
     * @param ctx    routing context.
     * @param detail what is not there, e.g. "no webhook crm".
     */
    public static void notFound(final RoutingContext ctx, final String detail)
    {
        problem(ctx, 404, "not-found", "Not found", detail, "id");
    }

    /**
     * Answers 200 {@code {"id": id, "deleted": true}}, the answer of every {@code DELETE} of a definition.
     *
     * @param ctx routing context.
     * @param id  the deleted definition's id.
     */
    public static void deleted(final RoutingContext ctx, final String id)
    {
        json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeBooleanField("deleted", true);
            json.writeEndObject();
        });
    }

    /**
     * Answers with a problem.
     *
     * @param ctx    routing context.
     * @param status HTTP status, 4xx or 5xx.
     * @param slug   problem type, appended to {@link #PROBLEM_BASE}, e.g. {@code invalid-field}.
     * @param title  short, fixed summary of the problem type.
     * @param detail what is wrong with this request.
     * @param field  offending field or parameter, or {@code null}.
     */
    public static void problem(final RoutingContext ctx, final int status, final String slug, final String title,
        final String detail, final String field)
    {
        problem(ctx, status, slug, title, detail, field, List.of());
    }

    /**
     * Answers with a problem listing rejected batch elements.
     *
     * @param ctx        routing context.
     * @param status     HTTP status, 4xx or 5xx.
     * @param slug       problem type.
     * @param title      short summary.
     * @param detail     what is wrong.
     * @param field      offending field, or {@code null}.
     * @param rejections rejected elements, possibly empty.
     */
    public static void problem(final RoutingContext ctx, final int status, final String slug, final String title,
        final String detail, final String field, final List<BatchReader.Rejection> rejections)
    {
        problem(ctx.request(), status, slug, title, detail, field, rejections);
    }

    /**
     * Answers 429 Too Many Requests with {@code Retry-After} in whole seconds, at least 1.
     *
     * @param ctx       routing context.
     * @param waitNanos how long until a request would be allowed.
     * @param detail    whose limit it is.
     */
    public static void rateLimited(final RoutingContext ctx, final long waitNanos, final String detail)
    {
        final long seconds = Math.max(1L, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problem(ctx, 429, "rate-limited", "Too many requests", detail + "; retry after " + seconds + " s", null);
    }

    /**
     * Answers 503 Service Unavailable with {@code Retry-After: 1}: the node is at one of its bounds.
     *
     * @param ctx    routing context.
     * @param detail which bound.
     */
    public static void overloaded(final RoutingContext ctx, final String detail)
    {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        problem(ctx, 503, "overloaded", "Overloaded", detail + "; retry in a second", null);
    }

    /**
     * Answers a request that has no routing context (one the HTTP decoder refused) with a problem.
     *
     * @param request    the request.
     * @param status     HTTP status, 4xx or 5xx.
     * @param slug       problem type.
     * @param title      short summary.
     * @param detail     what is wrong.
     * @param field      offending field, or {@code null}.
     * @param rejections rejected elements, possibly empty.
     */
    public static void problem(final HttpServerRequest request, final int status, final String slug,
        final String title, final String detail, final String field, final List<BatchReader.Rejection> rejections)
    {
        if (request.response().ended() || request.response().closed())
        {
            return;
        }
        send(request, status, PROBLEM_JSON, problemBody(request, status, slug, title, detail, field, rejections),
            false);
    }

    /**
     * Answers with a problem and then closes the connection, whatever is left of the request (a client too
     * slow to be kept).
     *
     * @param ctx    routing context.
     * @param status HTTP status.
     * @param slug   problem type.
     * @param title  short summary.
     * @param detail what is wrong.
     * @param field  offending field, or {@code null}.
     */
    static void problemAndClose(final RoutingContext ctx, final int status, final String slug, final String title,
        final String detail, final String field)
    {
        final HttpServerRequest request = ctx.request();
        if (request.response().ended() || request.response().closed())
        {
            request.connection().close();
            return;
        }
        send(request, status, PROBLEM_JSON, problemBody(request, status, slug, title, detail, field, List.of()),
            true);
    }

    private static JsonBody problemBody(final HttpServerRequest request, final int status, final String slug,
        final String title, final String detail, final String field, final List<BatchReader.Rejection> rejections)
    {
        final String path = request.path();
        return json ->
        {
            json.writeStartObject();
            json.writeStringField("type", PROBLEM_BASE + slug);
            json.writeStringField("title", title);
            json.writeNumberField("status", status);
            json.writeStringField("detail", detail);
            if (field != null)
            {
                json.writeStringField("field", field);
            }
            if (path != null)
            {
                json.writeStringField("instance", path);
            }
            if (!rejections.isEmpty())
            {
                json.writeArrayFieldStart("errors");
                for (final BatchReader.Rejection rejection : rejections)
                {
                    writeRejection(json, rejection);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        };
    }

    /**
     * Writes one rejected batch element: {@code {index, line?, field?, reason}}.
     *
     * @param json      generator.
     * @param rejection the rejection.
     * @throws IOException never in practice.
     */
    public static void writeRejection(final JsonGenerator json, final BatchReader.Rejection rejection)
        throws IOException
    {
        json.writeStartObject();
        json.writeNumberField("index", rejection.index());
        if (rejection.line() > 0)
        {
            json.writeNumberField("line", rejection.line());
        }
        if (rejection.field() != null)
        {
            json.writeStringField("field", rejection.field());
        }
        json.writeStringField("reason", rejection.reason());
        json.writeEndObject();
    }

    private static void send(final HttpServerRequest request, final int status, final String contentType,
        final JsonBody body, final boolean forceClose)
    {
        final HttpServerResponse response = request.response();
        if (response.ended() || response.closed())
        {
            return;
        }
        final ByteBuf bytes;
        try
        {
            bytes = JsonAnswerWriter.write(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final boolean close = forceClose || status >= 400 && bodyLeftUnread(request);
        final Future<Void> written;
        try
        {
            response.setStatusCode(status);
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
            if (close)
            {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
            // Vert.x hands a buffer that is not its own heap buffer to Netty as unreleasable: pooled (direct) bytes go
            // back to the pool below, once the write has completed or failed (the future completes either way).
            written = response.end(BufferInternal.buffer(bytes));
        }
        catch (final RuntimeException ex)
        {
            bytes.release();
            throw ex;
        }
        if (bytes.isDirect())
        {
            written.onComplete(done ->
            {
                bytes.release();
                if (close)
                {
                    closeAfterDraining(request);
                }
            });
        }
        else if (close)
        {
            written.onComplete(done -> closeAfterDraining(request));
        }
    }

    /**
     * Closes the connection of an answered request whose body is still coming, after reading and dropping
     * up to {@link #LINGER_BYTES} of it or for {@link #LINGER_MS} (a lingering close). Closing at once with
     * unread bytes in the socket makes the kernel send a reset, and a client still writing its body then
     * loses the answer it was sent (the JDK client reports "header parser received no bytes").
     */
    private static void closeAfterDraining(final HttpServerRequest request)
    {
        if (request.isEnded())
        {
            request.connection().close();
            return;
        }
        final long[] drained = new long[1];
        final boolean[] closed = new boolean[1];
        final Runnable close = () ->
        {
            if (!closed[0])
            {
                closed[0] = true;
                request.connection().close();
            }
        };
        final Vertx vertx = Vertx.currentContext() == null ? null : Vertx.currentContext().owner();
        final long timer = vertx == null ? -1L : vertx.setTimer(LINGER_MS, id -> close.run());
        request.handler(chunk ->
        {
            drained[0] += chunk.length();
            if (drained[0] > LINGER_BYTES)
            {
                close.run();
            }
        });
        request.endHandler(end ->
        {
            if (vertx != null)
            {
                vertx.cancelTimer(timer);
            }
            close.run();
        });
        request.exceptionHandler(error -> close.run());
        request.resume();
    }

    private static boolean bodyLeftUnread(final HttpServerRequest request)
    {
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2)
        {
            return false;
        }
        final String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null)
        {
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        }
        try
        {
            return Long.parseLong(length.trim()) > DRAIN_LIMIT;
        }
        catch (final NumberFormatException ex)
        {
            return true;
        }
    }
}
