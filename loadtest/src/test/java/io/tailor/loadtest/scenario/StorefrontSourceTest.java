package io.tailor.loadtest.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tailor.loadtest.data.StoreModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StorefrontSourceTest
{
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._:@+\\-=~]{0,127}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StoreModel STORE = new StoreModel(42, 2_000, 10, 0.9);

    /** One request as the server would read it. */
    private record Request(String method, String target, Map<String, String> headers, String body)
    {
        static Request parse(final ByteBuf bytes)
        {
            final String text = bytes.toString(StandardCharsets.US_ASCII);
            final int endOfHead = text.indexOf("\r\n\r\n");
            final String[] lines = text.substring(0, endOfHead).split("\r\n");
            final String[] requestLine = lines[0].split(" ");
            assertThat(requestLine).hasSize(3);
            assertThat(requestLine[2]).isEqualTo("HTTP/1.1");
            final Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++)
            {
                final int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(), lines[i].substring(colon + 1).trim());
            }
            final String body = text.substring(endOfHead + 4);
            if (headers.containsKey("content-length"))
            {
                assertThat(body.getBytes(StandardCharsets.US_ASCII)).hasSize(
                    Integer.parseInt(headers.get("content-length")));
            }
            else
            {
                assertThat(body).isEmpty();
            }
            return new Request(requestLine[0], requestLine[1], headers, body);
        }

        Map<String, String> query()
        {
            final Map<String, String> parameters = new HashMap<>();
            final String query = URI.create(target).getRawQuery();
            for (final String pair : query.split("&"))
            {
                final String[] kv = pair.split("=", 2);
                parameters.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            return parameters;
        }
    }

    private static ScenarioSettings settings(final ScenarioSettings.Target target, final StorefrontMix mix,
        final int batch)
    {
        return new ScenarioSettings(target, STORE, 10_000, 5_000, 0.5, mix, batch, 42, "run1");
    }

    @Test
    void shouldSendPageViewsAsARecommendationThenItsViewEventWithValidIds() throws IOException
    {
        final StorefrontSource source = new StorefrontSource(settings(ScenarioSettings.Target.STOREFRONT,
            StorefrontMix.DEFAULT, 1), 0, "127.0.0.1:8080");
        final Map<String, Integer> counts = new HashMap<>();
        final Map<String, Integer> placements = new HashMap<>();
        String previous = null;
        String previousShopper = null;
        String previousProduct = null;
        int anonymous = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final ByteBuf out = Unpooled.buffer();
            final int type = source.write(out);
            final String name = source.types().get(type);
            counts.merge(name, 1, Integer::sum);
            final Request request = Request.parse(out);
            assertThat(request.headers()).containsEntry("host", "127.0.0.1:8080");
            if ("recommendations".equals(name))
            {
                assertThat(request.method()).isEqualTo("GET");
                final Map<String, String> query = request.query();
                final String shopper = query.containsKey("user") ? query.get("user") : query.get("anonymousId");
                assertThat(shopper).matches(ID);
                anonymous += query.containsKey("anonymousId") ? 1 : 0;
                placements.merge(query.get("placement"), 1, Integer::sum);
                assertThat(query.get("k")).isEqualTo("10");
                if (List.of("product", "cart").contains(query.get("placement")))
                {
                    assertThat(query.get("product")).matches(ID);
                }
                else
                {
                    assertThat(query).doesNotContainKey("product");
                }
                previousShopper = shopper;
                previousProduct = query.get("product");
            }
            else if ("launch".equals(name))
            {
                assertThat(request.method()).isEqualTo("PUT");
                final JsonNode product = JSON.readTree(request.body());
                assertThat(product.path("id").asText()).matches(ID).startsWith("nrun1-0-");
                assertThat(product.path("category").asText()).contains("/");
                source.completed(type, 200, source.tag());
            }
            else
            {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.headers()).containsEntry("content-type", "application/json");
                final JsonNode event = JSON.readTree(request.body());
                assertThat(event.path("type").asText()).isEqualTo(name);
                assertThat(event.path("id").asText()).matches(ID);
                final String shopper = event.has("user") ? event.path("user").asText() :
                    event.path("anonymousId").asText();
                assertThat(shopper).matches(ID);
                if ("view".equals(name))
                {
                    // The view follows its page's recommendation, for the same shopper and product.
                    assertThat(previous).isEqualTo("recommendations");
                    assertThat(shopper).isEqualTo(previousShopper);
                    if (previousProduct != null)
                    {
                        assertThat(event.path("product").asText()).isEqualTo(previousProduct);
                    }
                }
                if ("purchase".equals(name))
                {
                    assertThat(event.path("items").get(0).path("product").asText()).matches(ID);
                    assertThat(event.path("items").get(0).path("price").asDouble()).isPositive();
                }
            }
            previous = name;
            out.release();
        }
        final int pageViews = counts.get("recommendations");
        // The last page view's view event may still be queued.
        assertThat(counts.get("view")).isBetween(pageViews - 1, pageViews);
        assertThat(counts.get("add_to_cart") / (double)pageViews).isBetween(0.06, 0.10);
        assertThat(counts.get("purchase") / (double)pageViews).isBetween(0.01, 0.03);
        assertThat(counts.get("launch")).isPositive();
        assertThat(placements.get("product") / (double)pageViews).isBetween(0.46, 0.54);
        assertThat(placements.get("email") / (double)pageViews).isBetween(0.03, 0.07);
        assertThat(anonymous / (double)pageViews).isBetween(0.26, 0.34);
    }

    @Test
    void shouldSendEventBatchesAsNdjsonWithTheRequestedSize() throws IOException
    {
        final StorefrontSource source = new StorefrontSource(settings(ScenarioSettings.Target.EVENTS,
            StorefrontMix.DEFAULT, 50), 1, "localhost:1");
        final ByteBuf out = Unpooled.buffer();

        source.write(out);

        final Request request = Request.parse(out);
        assertThat(request.target()).isEqualTo("/v1/events");
        assertThat(request.headers()).containsEntry("content-type", "application/x-ndjson");
        final String[] lines = request.body().split("\n");
        assertThat(lines).hasSize(50);
        for (final String line : lines)
        {
            assertThat(JSON.readTree(line).path("id").asText()).matches(ID).startsWith("ltrun1-1-");
        }
    }

    @Test
    void shouldSendOnlyRecommendationsForTheRecommendationsTarget()
    {
        final StorefrontSource source = new StorefrontSource(settings(ScenarioSettings.Target.RECOMMENDATIONS,
            StorefrontMix.DEFAULT, 1), 0, "h:1");
        for (int i = 0; i < 100; i++)
        {
            final ByteBuf out = Unpooled.buffer();
            assertThat(source.write(out)).isZero();
            assertThat(Request.parse(out).target()).startsWith("/v1/recommendations?");
            out.release();
        }
    }

    @Test
    void shouldDrawTheSameRequestsForTheSameSeed()
    {
        final StorefrontSource first = new StorefrontSource(settings(ScenarioSettings.Target.RECOMMENDATIONS,
            StorefrontMix.DEFAULT, 1), 0, "h:1");
        final StorefrontSource second = new StorefrontSource(settings(ScenarioSettings.Target.RECOMMENDATIONS,
            StorefrontMix.DEFAULT, 1), 0, "h:1");
        for (int i = 0; i < 100; i++)
        {
            final ByteBuf a = Unpooled.buffer();
            final ByteBuf b = Unpooled.buffer();
            first.write(a);
            second.write(b);
            assertThat(a.toString(StandardCharsets.US_ASCII)).isEqualTo(b.toString(StandardCharsets.US_ASCII));
        }
    }
}
