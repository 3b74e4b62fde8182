package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of a node with keys, checked from outside: registered with an access, {@code /v1/} ones with a
 * scope; 401 without a key, 403 with a key lacking the scope, let in with it; the same scope in openapi.yaml.
 * A route added without a scope (plain {@code router.get(..)}) fails here.
 */
class RouteAccessTest
{
    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static final String PUBLIC_EVERYTHING = KEYS.add("browser", EnumSet.of(Scope.RECS_READ,
        Scope.EVENTS_WRITE), true, null);
    private static ApiServer api;
    private static JsonNode spec;

    @BeforeAll
    static void start() throws IOException
    {
        api = ApiServer.builder().keys(KEYS.file()).start();
        try (InputStream in = RouteAccessTest.class.getResourceAsStream("/openapi.yaml"))
        {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldRegisterEveryRouteWithAnAccessAndEveryApiRouteWithAScope()
    {
        final List<ServerContextRoute> routes = routes();

        assertThat(routes).isNotEmpty();
        assertThat(routes).allSatisfy(route -> assertThat(route.info().access())
            .as(route.name() + " was registered without an Access (use api(..) or ops(..) in HttpVerticle)")
            .isNotNull());
        assertThat(routes).filteredOn(route -> route.info().path().startsWith("/v1/"))
            .allSatisfy(route -> assertThat(route.info().access().secured()).as(route.name() + " has no scope")
                .isTrue());
        assertThat(routes).filteredOn(route -> route.info().path().startsWith("/metrics"))
            .allSatisfy(route -> assertThat(route.info().access().scope()).isEqualTo(Scope.ADMIN));
        assertThat(routes).filteredOn(route -> !route.info().access().secured())
            .extracting(ServerContextRoute::name)
            .containsExactlyInAnyOrder("GET /health/live", "GET /health/ready", "GET /sdk/tailor.js",
                "GET /sdk/tailor.d.ts", "GET /openapi.yaml", "GET /docs/", "GET /docs", "GET /console",
                "GET /console/");
    }

    @Test
    void shouldAnswer401WithoutAKeyOnEverySecuredRoute()
    {
        for (final ServerContextRoute route : secured())
        {
            final ApiServer.Answer answer = call(route, null);

            assertThat(answer.status()).as(route.name()).isEqualTo(401);
            assertThat(answer.contentType()).as(route.name()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("field").asText()).isEqualTo("Authorization");
            assertThat(answer.header("WWW-Authenticate")).as(route.name()).startsWith("Bearer");
        }
    }

    @Test
    void shouldAnswer401ForAKeyThatIsNotOneOfOurs()
    {
        for (final ServerContextRoute route : secured())
        {
            assertThat(call(route, "tlr_sk_" + "A".repeat(43)).status()).as(route.name()).isEqualTo(401);
        }
        assertThat(api.send("GET", "/v1/ping", null, null, null, "Authorization", "Basic dTpw").status())
            .isEqualTo(401);
        assertThat(api.send("GET", "/v1/ping", null, null, null, "Authorization",
            "Bearer " + "x".repeat(1000)).status()).isEqualTo(401);
    }

    @Test
    void shouldAnswer403WithAKeyThatLacksTheRouteScope()
    {
        for (final ServerContextRoute route : secured())
        {
            final ApiServer.Answer answer = call(route, KEYS.without(route.info().access().scope()));

            assertThat(answer.status()).as(route.name()).isEqualTo(403);
            assertThat(answer.json().get("detail").asText()).as(route.name())
                .contains(route.info().access().scope().wireName());
        }
    }

    @Test
    void shouldLetInAKeyWithTheRouteScope()
    {
        for (final ServerContextRoute route : secured())
        {
            final ApiServer.Answer answer = call(route, KEYS.only(route.info().access().scope()));

            assertThat(answer.status()).as(route.name() + " " + answer.body()).isNotIn(401, 403, 429)
                .isLessThan(500);
        }
    }

    @Test
    void shouldLetPublicKeysOnlyIntoBrowserRoutes()
    {
        for (final ServerContextRoute route : secured())
        {
            final ApiServer.Answer answer = call(route, PUBLIC_EVERYTHING);

            if (route.info().access().publicKeys())
            {
                assertThat(answer.status()).as(route.name() + " " + answer.body()).isNotIn(401, 403);
            }
            else
            {
                assertThat(answer.status()).as(route.name()).isEqualTo(403);
            }
        }
    }

    @Test
    void shouldLeaveHealthProbesAndTheContractOpen()
    {
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        assertThat(api.get("/health/ready").status()).isEqualTo(200);
        assertThat(api.get("/openapi.yaml").status()).isEqualTo(200);
        assertThat(api.get("/docs/").status()).isEqualTo(200);
    }

    @Test
    void shouldDocumentEachRouteWithItsScopeInTheContract()
    {
        final List<String> mismatches = new ArrayList<>();
        for (final ServerContextRoute route : routes())
        {
            final String template = route.info().path().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            final JsonNode operation = spec.path("paths").path(template)
                .path(route.info().method().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode())
            {
                mismatches.add(route.name() + " is not in openapi.yaml");
                continue;
            }
            final JsonNode security = operation.has("security") ? operation.get("security") : spec.get("security");
            final String documented = security.isEmpty() ? "open" :
                security.get(0).path("apiKey").path(0).asText("no scope");
            final Scope scope = route.info().access().scope();
            final String served = scope == null ? "open" : scope.wireName();
            if (!documented.equals(served) || security.size() > 1)
            {
                mismatches.add(route.name() + ": served with " + served + ", documented " + security);
            }
            if (scope != null)
            {
                for (final String status : List.of("401", "403", "429"))
                {
                    if (!operation.path("responses").has(status))
                    {
                        mismatches.add(route.name() + " does not document " + status);
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** A served route with its display name. */
    private record ServerContextRoute(ServerContext.RouteInfo info)
    {
        String name()
        {
            return info.method() + " " + info.path();
        }
    }

    private static List<ServerContextRoute> routes()
    {
        return api.server().routes().stream().map(ServerContextRoute::new).toList();
    }

    private static List<ServerContextRoute> secured()
    {
        final List<ServerContextRoute> secured = routes().stream()
            .filter(route -> route.info().access() != null && route.info().access().secured()).toList();
        assertThat(secured).isNotEmpty();
        return secured;
    }

    private static ApiServer.Answer call(final ServerContextRoute route, final String key)
    {
        final String path = route.info().path().replaceAll(":[A-Za-z0-9_]+", "zz-none");
        final String method = route.info().method();
        final boolean body = method.equals("POST") || method.equals("PUT");
        return api.send(method, path + (path.equals("/v1/recommendations") ? "?anonymousId=zz-none" : ""), key,
            body ? "application/json" : null, body ? "{}" : null);
    }
}
