package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every node serves its contract ({@code /openapi.yaml}, the bundled file byte for byte) and a reference page
 * rendered from it ({@code /docs/}) that names every path, method, scope and schema, without a key.
 */
class ApiReferenceApiTest
{
    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static ApiServer api;
    private static byte[] bundled;
    private static JsonNode spec;

    @BeforeAll
    static void start() throws IOException
    {
        try (InputStream in = ApiReferenceApiTest.class.getResourceAsStream("/openapi.yaml"))
        {
            bundled = in.readAllBytes();
        }
        spec = new ObjectMapper(new YAMLFactory()).readTree(bundled);
        api = ApiServer.builder().keys(KEYS.file()).start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldServeTheBundledContractAsYamlWithoutAKey()
    {
        final ApiServer.Answer answer = api.get("/openapi.yaml");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/yaml");
        assertThat(answer.body()).isEqualTo(new String(bundled, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void shouldServeAReferencePageNamingEveryOperationWithItsScope()
    {
        final ApiServer.Answer answer = api.get("/docs/");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(answer.header("Content-Security-Policy")).startsWith("default-src 'none'");
        final List<String> missing = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> path : spec.path("paths").properties())
        {
            for (final Map.Entry<String, JsonNode> op : path.getValue().properties())
            {
                if (op.getKey().equals("parameters"))
                {
                    continue;
                }
                final String id = op.getKey() + "-" + path.getKey().replaceAll("[^A-Za-z0-9]+", "-");
                final int at = answer.body().indexOf("id=\"" + id + "\"");
                if (at < 0)
                {
                    missing.add(op.getKey() + " " + path.getKey());
                    continue;
                }
                final JsonNode security = op.getValue().has("security") ? op.getValue().get("security") :
                    spec.get("security");
                final String scope = security.isEmpty() ? "no key needed" :
                    "scope <code>" + security.get(0).path("apiKey").path(0).asText() + "</code>";
                if (!answer.body().substring(at, Math.min(answer.body().length(), at + 600)).contains(scope))
                {
                    missing.add(op.getKey() + " " + path.getKey() + " without " + scope);
                }
            }
        }
        assertThat(missing).isEmpty();
        for (final Map.Entry<String, JsonNode> schema : spec.path("components").path("schemas").properties())
        {
            assertThat(answer.body()).as(schema.getKey()).contains("id=\"schema-" + schema.getKey() + "\"");
        }
        assertThat(answer.body()).contains("<code>anonymousId</code>", "application/x-ndjson", "Retry-After")
            .doesNotContain("<script");
    }

    @Test
    void shouldRedirectDocsWithoutTheSlashToThePage()
    {
        final ApiServer.Answer answer = api.get("/docs");

        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.header("Location")).isEqualTo("/docs/");
    }
}
