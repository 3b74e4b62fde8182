package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.server.json.BatchReader;
import io.tailor.server.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

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
        send(ctx, status, JSON, body);
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
        if (ctx.response().ended() || ctx.response().closed())
        {
            return;
        }
        send(ctx, status, PROBLEM_JSON, json ->
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
            json.writeStringField("instance", ctx.request().path());
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
        });
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

    private static void send(final RoutingContext ctx, final int status, final String contentType,
        final JsonBody body)
    {
        final HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed())
        {
            return;
        }
        final Buffer buffer = Buffer.buffer(256);
        try (JsonGenerator json = Json.FACTORY.createGenerator(new BufferOutputStream(buffer)))
        {
            body.write(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        response.setStatusCode(status);
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        response.end(buffer);
    }
}
