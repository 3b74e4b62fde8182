package io.tailor.server.cli;

import io.tailor.server.TailorServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Warms a freshly started demo node up before its walkthrough is printed: a cold JVM interprets the first
 * requests and would answer them past the 1 ms deadline, degraded, which is not what a running node does.
 * Only reads that record nothing: recommendations with {@code recordImpressions=false} for the demo's own
 * shoppers (who have profiles) and for throwaway ids (who have none and get none), so the store, its shoppers
 * and its popularity stay as the seed made them. The per-route latency histograms are reset afterwards.
 */
final class DemoWarmUp
{
    private static final int ROUNDS = 600;

    private DemoWarmUp()
    {
    }

    /**
     * Sends the warm-up requests.
     *
     * @param server   the demo node, in development mode (no API keys).
     * @param shoppers synthetic shoppers of the demo.
     * @return requests sent.
     * @throws InterruptedException when interrupted.
     */
    static int run(final TailorServer server, final int shoppers) throws InterruptedException
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final String base = server.url() + "/v1/recommendations?recordImpressions=false&k=5";
        int sent = 0;
        try
        {
            for (int i = 0; i < ROUNDS; i++)
            {
                final String known = shoppers > 0 ? "demo-shopper-" + i % shoppers : "warm-up-" + i;
                get(http, base + "&user=warm-up-" + i);
                get(http, base + "&user=" + known + "&explain=true");
                sent += 2;
            }
        }
        catch (final IOException ex)
        {
            // The walkthrough works without a warm-up; its first answers are merely slower.
        }
        server.metrics().latency().reset();
        return sent;
    }

    private static void get(final HttpClient http, final String url) throws IOException, InterruptedException
    {
        http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
    }
}
