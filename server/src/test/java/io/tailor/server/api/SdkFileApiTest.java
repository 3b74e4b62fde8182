package io.tailor.server.api;

import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every node serves the storefront snippet of its own build at {@code /sdk/tailor.js} (and its types), without a
 * key, cacheable, revalidated by ETag, gzipped on request.
 */
class SdkFileApiTest
{
    private static final Path SDK = Path.of(System.getProperty("tailor.project.root", "..")).resolve("sdk/js");
    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static final String BROWSER = KEYS.add("web", EnumSet.of(Scope.RECS_READ, Scope.EVENTS_WRITE), true,
        null);
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.builder().keys(KEYS.file()).start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldServeTheSnippetOfTheRepositoryWithoutAKeyAsCacheableJavaScript() throws IOException
    {
        final ApiServer.Answer answer = api.get("/sdk/tailor.js");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(answer.body()).isEqualTo(Files.readString(SDK.resolve("src/tailor.js")));
        assertThat(answer.header("Cache-Control")).isEqualTo("public, max-age=3600");
        assertThat(answer.header("ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(answer.header("Content-Encoding")).isNull();
    }

    @Test
    void shouldServeTheTypesAsText() throws IOException
    {
        final ApiServer.Answer answer = api.get("/sdk/tailor.d.ts", BROWSER);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(answer.body()).isEqualTo(Files.readString(SDK.resolve("tailor.d.ts")));
        assertThat(answer.header("ETag")).isNotEqualTo(api.get("/sdk/tailor.js").header("ETag"));
    }

    @Test
    void shouldAnswer304WhenTheBrowsersCopyIsCurrent()
    {
        final String etag = api.get("/sdk/tailor.js").header("ETag");

        final ApiServer.Answer current = api.send("GET", "/sdk/tailor.js", null, null, null, "If-None-Match", etag);
        final ApiServer.Answer stale = api.send("GET", "/sdk/tailor.js", null, null, null, "If-None-Match",
            "\"0123\"");

        assertThat(current.status()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(current.header("ETag")).isEqualTo(etag);
        assertThat(current.header("Cache-Control")).isEqualTo("public, max-age=3600");
        assertThat(stale.status()).isEqualTo(200);
    }

    @Test
    void shouldGzipForClientsThatAcceptIt() throws IOException, InterruptedException
    {
        final HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.server().url() + "/sdk/tailor.js")).header("Accept-Encoding", "br, gzip")
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())))
        {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(SDK.resolve("src/tailor.js")));
        }
    }

    @Test
    void shouldReadAcceptEncodingAsHttpSaysIncludingRefusals()
    {
        assertThat(SdkFileHandler.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(SdkFileHandler.acceptsGzip("GZIP;q=0.5")).isTrue();
        assertThat(SdkFileHandler.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SdkFileHandler.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(SdkFileHandler.acceptsGzip("br")).isFalse();
        assertThat(SdkFileHandler.acceptsGzip(null)).isFalse();
    }
}
