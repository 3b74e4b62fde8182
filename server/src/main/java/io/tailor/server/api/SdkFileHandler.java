package io.tailor.server.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /sdk/tailor.js} and {@code /sdk/tailor.d.ts}: the storefront snippet and its types, copied from the
 * repository's {@code sdk/js} into the jar by the build, so every node serves the snippet that matches its API.
 * <p>
 * The file is read once when the route is built. Answers carry a strong {@code ETag} (SHA-256 of the file) and
 * {@code Cache-Control: public, max-age=3600}: the URL has no version, so browsers keep the file an hour and then
 * revalidate ({@code If-None-Match} gets 304), and a rolling upgrade reaches every page within the hour. A client
 * that accepts gzip gets the file gzipped (compressed once, here). {@code Cross-Origin-Resource-Policy:
 * cross-origin} lets a storefront's pages load it from the node's origin, also under COEP.
 */
final class SdkFileHandler implements Handler<RoutingContext>
{
    /** The snippet's path on every node. */
    static final String SCRIPT_PATH = "/sdk/tailor.js";
    /** The TypeScript declarations' path on every node. */
    static final String TYPES_PATH = "/sdk/tailor.d.ts";

    private static final String CACHE_CONTROL = "public, max-age=3600";

    private final Buffer plain;
    private final Buffer gzipped;
    private final String contentType;
    private final String etag;

    private SdkFileHandler(final byte[] file, final String contentType)
    {
        this.plain = Buffer.buffer(file);
        this.gzipped = Buffer.buffer(gzip(file));
        this.contentType = contentType;
        this.etag = '"' + HexFormat.of().formatHex(sha256(file), 0, 16) + '"';
    }

    /**
     * The snippet, served as JavaScript.
     *
     * @return the handler.
     */
    static SdkFileHandler script()
    {
        return new SdkFileHandler(resource(SCRIPT_PATH), "text/javascript; charset=utf-8");
    }

    /**
     * The declarations, served as text (they are read by editors and compilers, not run by browsers).
     *
     * @return the handler.
     */
    static SdkFileHandler types()
    {
        return new SdkFileHandler(resource(TYPES_PATH), "text/plain; charset=utf-8");
    }

    @Override
    public void handle(final RoutingContext ctx)
    {
        final HttpServerResponse response = ctx.response()
            .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
            .putHeader(HttpHeaders.ETAG, etag)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Cross-Origin-Resource-Policy", "cross-origin");
        final String vary = response.headers().get(HttpHeaders.VARY);
        response.putHeader(HttpHeaders.VARY, vary == null ? "Accept-Encoding" : vary + ", Accept-Encoding");
        final String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*")))
        {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        if (acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING)))
        {
            response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(gzipped);
        }
        else
        {
            response.end(plain);
        }
    }

    /** Whether an {@code Accept-Encoding} names gzip without refusing it ({@code gzip;q=0}). */
    static boolean acceptsGzip(final String acceptEncoding)
    {
        if (acceptEncoding == null)
        {
            return false;
        }
        for (final String coding : acceptEncoding.split(","))
        {
            final String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip"))
            {
                return parts.length == 1 || !parts[1].replace(" ", "").matches("(?i)q=0(\\.0{0,3})?");
            }
        }
        return false;
    }

    private static byte[] resource(final String path)
    {
        try (InputStream in = SdkFileHandler.class.getResourceAsStream(path))
        {
            if (in == null)
            {
                throw new IllegalStateException(path + " is missing from the classpath: the build copies it from " +
                    "sdk/js (mvn package)");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] gzip(final byte[] file)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(file.length / 2);
        try (GZIPOutputStream zip = new GZIPOutputStream(out))
        {
            zip.write(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static byte[] sha256(final byte[] file)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(file);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
