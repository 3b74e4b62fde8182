package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.grid.RetentionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A purchase without {@code requestId}, at a store's till with a loyalty card linked to the customer, is credited over
 * HTTP to the list that showed the customer its product online within the attribution window: its placement,
 * strategy and arm, once per event id, in the Prometheus counters and the experiment's results.
 */
class TillPurchaseAttributionApiTest
{
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start(CLOCK, RetentionSettings.NONE);
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 20; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"lamp-").append(i).append("\",\"title\":\"Lamp ")
                .append(i).append("\",\"category\":\"home/lighting\",\"brand\":\"Lux\",\"price\":").append(20 + i)
                .append('}');
        }
        api.put("/v1/products", "application/json", products.append(']').toString());
        api.awaitProduct("lamp-19");
        assertThat(api.put("/v1/experiments/home-till", "application/json", ExperimentsApiTest.HOME_TEST).status())
            .isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldCreditATillPurchaseWithALinkedLoyaltyCardToTheListThatShowedItsProductOnce()
    {
        api.postJson("/v1/events", "{\"id\":\"ann-v1\",\"type\":\"view\",\"user\":\"ann\",\"product\":\"lamp-3\"}");
        final JsonNode list = api.get("/v1/recommendations?user=ann&k=5").json();
        final String arm = list.get("experiment").get("arm").asText();
        final String strategy = list.get("strategy").asText();
        final List<String> shown = products(list);
        final String notShown = notIn(shown);
        api.server().grid().profiles().impressions().flushNow();
        assertThat(api.postJson("/v1/identities", "{\"user\":\"ann\",\"loyaltyId\":\"card-ann\"}").status())
            .isEqualTo(200);

        final String till = "{\"id\":\"till-1\",\"type\":\"purchase\",\"loyaltyId\":\"card-ann\",\"channel\":" +
            "\"store\",\"store\":\"berlin-1\",\"items\":[{\"product\":\"" + shown.get(0) + "\",\"quantity\":2," +
            "\"price\":15.5},{\"product\":\"" + notShown + "\",\"quantity\":1,\"price\":100}]}";
        assertThat(api.postJson("/v1/events", till).json().get("accepted").asInt()).isEqualTo(1);
        assertThat(api.postJson("/v1/events", till).json().get("duplicates").asInt()).as("a retry").isEqualTo(1);
        assertThat(api.postJson("/v1/events", "{\"id\":\"till-2\",\"type\":\"purchase\",\"loyaltyId\":\"card-ann\"," +
            "\"product\":\"" + notShown + "\",\"value\":40}").json().get("accepted").asInt())
            .as("a product no list showed: applied, not credited").isEqualTo(1);

        final String labels = "arm=\"" + arm + "\",placement=\"home\",strategy=\"" + strategy + "\"";
        final String metrics = api.get("/metrics").body();
        assertThat(value(metrics, "tailor_attributed_total{" + labels + ",type=\"purchase\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "tailor_attributed_revenue_total{" + labels + ",type=\"purchase\"}"))
            .as("the value of the line the list showed").isEqualTo(31.0);
        final JsonNode exported = api.get("/v1/profiles/ann/export").json().get("profile").get("shownBy");
        assertThat(exported).as("the export shows which list showed what").anySatisfy(entry ->
        {
            assertThat(entry.get("product").asText()).isEqualTo(shown.get(0));
            assertThat(entry.get("placement").asText()).isEqualTo("home");
            assertThat(entry.get("strategy").asText()).isEqualTo(strategy);
            assertThat(entry.get("arm").asText()).isEqualTo(arm);
        });
        await("the counts reach the grid").atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        {
            final JsonNode counted = arm(api.get("/v1/experiments/home-till/results").json(), arm);
            assertThat(counted.get("purchases").asLong()).isEqualTo(1);
            assertThat(counted.get("revenue").asDouble()).isEqualTo(31.0);
            assertThat(counted.get("conversion").asDouble()).as("the till purchase is the customer's").isEqualTo(1.0);
        });
    }

    @Test
    void shouldCreditATillPurchaseToAListShownToACookieBeforeItWasLinkedToTheCustomer()
    {
        api.postJson("/v1/events", "{\"id\":\"dee-v1\",\"type\":\"view\",\"anonymousId\":\"cookie-dee\"," +
            "\"product\":\"lamp-6\"}");
        final JsonNode list = api.get("/v1/recommendations?anonymousId=cookie-dee&k=5").json();
        final String labels = "arm=\"" + list.get("experiment").get("arm").asText() + "\",placement=\"home\"," +
            "strategy=\"" + list.get("strategy").asText() + "\",type=\"purchase\"";
        api.server().grid().profiles().impressions().flushNow();
        final double before = valueOrZero(api.get("/metrics").body(), "tailor_attributed_total{" + labels + "}");

        assertThat(api.postJson("/v1/identities", "{\"user\":\"dee\",\"anonymousId\":\"cookie-dee\"}").status())
            .isEqualTo(200);
        assertThat(api.postJson("/v1/identities", "{\"user\":\"dee\",\"loyaltyId\":\"card-dee\"}").status())
            .isEqualTo(200);
        api.postJson("/v1/events", "{\"id\":\"dee-p1\",\"type\":\"purchase\",\"loyaltyId\":\"card-dee\"," +
            "\"channel\":\"store\",\"product\":\"" + products(list).get(2) + "\",\"value\":30}");

        assertThat(valueOrZero(api.get("/metrics").body(), "tailor_attributed_total{" + labels + "}"))
            .isEqualTo(before + 1);
        // Read from the owner through the grid: the owner-local replica may answer "cannot tell" (null) for a
        // moment after the move, which made this check fail now and then on a busy machine.
        assertThat(api.server().grid().profiles().impressions().read("a:cookie-dee").toCompletableFuture().join())
            .as("moved to the customer").isNull();
    }

    @Test
    void shouldNotCreditAPurchaseOnceTheAttributionWindowHasPassed()
    {
        api.postJson("/v1/events", "{\"id\":\"bo-v1\",\"type\":\"view\",\"user\":\"bo\",\"product\":\"lamp-4\"}");
        final JsonNode list = api.get("/v1/recommendations?user=bo&k=5").json();
        final String arm = list.get("experiment").get("arm").asText();
        final String labels = "arm=\"" + arm + "\",placement=\"home\",strategy=\"" + list.get("strategy").asText() +
            "\",type=\"purchase\"";
        api.server().grid().profiles().impressions().flushNow();
        assertThat(api.postJson("/v1/identities", "{\"user\":\"bo\",\"loyaltyId\":\"card-bo\"}").status())
            .isEqualTo(200);
        final double before = valueOrZero(api.get("/metrics").body(), "tailor_attributed_total{" + labels + "}");

        CLOCK.advance(Duration.ofDays(6));
        try
        {
            api.postJson("/v1/events", "{\"id\":\"bo-in\",\"type\":\"purchase\",\"loyaltyId\":\"card-bo\"," +
                "\"product\":\"" + products(list).get(0) + "\",\"value\":25}");
            assertThat(valueOrZero(api.get("/metrics").body(), "tailor_attributed_total{" + labels + "}"))
                .as("bought 6 days after it was shown").isEqualTo(before + 1);

            CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
            assertThat(api.postJson("/v1/events", "{\"id\":\"bo-late\",\"type\":\"purchase\",\"loyaltyId\":" +
                "\"card-bo\",\"product\":\"" + products(list).get(1) + "\",\"value\":25}").json().get("accepted")
                .asInt()).isEqualTo(1);
        }
        finally
        {
            CLOCK.advance(Duration.ofDays(-7).minusMinutes(1));
        }

        assertThat(valueOrZero(api.get("/metrics").body(), "tailor_attributed_total{" + labels + "}"))
            .as("bought 7 days and a minute after it was shown").isEqualTo(before + 1);
    }

    @Test
    void shouldCreditAPurchaseWithoutRequestIdOfAListOutsideAnyExperimentToArmNone()
    {
        api.postJson("/v1/events", "{\"id\":\"cy-v1\",\"type\":\"view\",\"user\":\"cy\",\"product\":\"lamp-5\"}");
        final JsonNode list = api.get("/v1/recommendations?user=cy&placement=email&k=4").json();
        assertThat(list.has("experiment")).isFalse();
        final String series = "tailor_attributed_total{arm=\"none\",placement=\"email\",strategy=\"" +
            list.get("strategy").asText() + "\",type=\"purchase\"}";
        final double before = valueOrZero(api.get("/metrics").body(), series);
        api.server().grid().profiles().impressions().flushNow();

        api.postJson("/v1/events", "{\"id\":\"cy-p1\",\"type\":\"purchase\",\"user\":\"cy\",\"product\":\"" +
            products(list).get(1) + "\",\"value\":12}");

        assertThat(valueOrZero(api.get("/metrics").body(), series)).isEqualTo(before + 1);
    }

    private static JsonNode arm(final JsonNode results, final String name)
    {
        for (final JsonNode arm : results.get("arms"))
        {
            if (arm.get("name").asText().equals(name))
            {
                return arm;
            }
        }
        throw new AssertionError("no arm " + name + " in " + results);
    }

    private static List<String> products(final JsonNode list)
    {
        final List<String> ids = new ArrayList<>();
        list.get("items").forEach(item -> ids.add(item.get("product").asText()));
        assertThat(ids).isNotEmpty();
        return ids;
    }

    private static String notIn(final List<String> shown)
    {
        for (int i = 0; i < 20; i++)
        {
            if (!shown.contains("lamp-" + i))
            {
                return "lamp-" + i;
            }
        }
        throw new AssertionError("every product shown");
    }

    private static double valueOrZero(final String metrics, final String series)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static double value(final String metrics, final String series)
    {
        final double value = valueOrZero(metrics, series);
        assertThat(metrics).as("has " + series).contains(series + " ");
        return value;
    }
}
