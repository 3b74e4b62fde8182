package io.tailor.loadtest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.loadtest.report.ServerRoute;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's own view of latency: {@code DELETE /metrics/latency} resets it after the warm-up, and
 * {@code GET /metrics/latency} reads it at the end:
 * {@code {"routes":{"GET /v1/recommendations":{"count":N,"p50Us":..,"p90Us":..,"p99Us":..,"p999Us":..,"maxUs":..}}}}.
 * A server without the endpoint (404) is fine: the run goes on and says "not available".
 */
public final class ServerLatencyProbe
{
    /**
     * What the server said.
     *
     * @param available whether the endpoint answered.
     * @param note      why not, when not.
     * @param routes    per route, when available.
     */
    public record Reading(boolean available, String note, List<ServerRoute> routes)
    {
    }

    private static final String PATH = "/metrics/latency";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TailorClient client;

    /**
     * A probe.
     *
     * @param client the server's client.
     */
    public ServerLatencyProbe(final TailorClient client)
    {
        this.client = client;
    }

    /**
     * Resets the server's histograms.
     *
     * @return null when reset, else why not (e.g. the endpoint answered 404).
     */
    public String reset()
    {
        try
        {
            final TailorClient.Response response = client.call(HttpMethod.DELETE, PATH, null, null, TIMEOUT);
            return response.status() / 100 == 2 ? null : "DELETE " + PATH + " answered " + response.status();
        }
        catch (final IOException ex)
        {
            return ex.getMessage();
        }
    }

    /**
     * Reads the server's histograms.
     *
     * @return the reading; not available when the endpoint is missing or unreadable.
     */
    public Reading read()
    {
        try
        {
            final TailorClient.Response response = client.call(HttpMethod.GET, PATH, null, null, TIMEOUT);
            if (response.status() == 404)
            {
                return new Reading(false, "the server has no " + PATH + " (404)", List.of());
            }
            if (response.status() != 200)
            {
                return new Reading(false, "GET " + PATH + " answered " + response.status(), List.of());
            }
            return new Reading(true, null, parse(response.body()));
        }
        catch (final IOException ex)
        {
            return new Reading(false, ex.getMessage(), List.of());
        }
    }

    /**
     * Parses the endpoint's JSON.
     *
     * @param body the JSON.
     * @return routes in the server's order.
     * @throws IOException when it is not the expected shape.
     */
    public static List<ServerRoute> parse(final byte[] body) throws IOException
    {
        final JsonNode root = JSON.readTree(body);
        final JsonNode routes = root == null ? null : root.get("routes");
        if (routes == null || !routes.isObject())
        {
            throw new IOException("GET " + PATH + " has no \"routes\" object");
        }
        final List<ServerRoute> parsed = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> route : routes.properties())
        {
            final JsonNode stats = route.getValue();
            parsed.add(new ServerRoute(route.getKey(), stats.path("count").asLong(), stats.path("p50Us").asDouble(),
                stats.path("p90Us").asDouble(), stats.path("p99Us").asDouble(), stats.path("p999Us").asDouble(),
                stats.path("maxUs").asDouble()));
        }
        return parsed;
    }
}
