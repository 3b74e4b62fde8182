package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attribution over HTTP on a real node: clicks, cart additions and purchases that carry a served list's
 * {@code requestId} are credited to its placement, strategy and arm, once per event id, and read in the Prometheus
 * counters at once.
 */
class ExperimentAttributionApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 20; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"mug-").append(i).append("\",\"title\":\"Mug ")
                .append(i).append("\",\"category\":\"home/kitchen\",\"brand\":\"Clay\",\"price\":").append(10 + i)
                .append('}');
        }
        api.put("/v1/products", "application/json", products.append(']').toString());
        api.awaitProduct("mug-19");
        assertThat(api.put("/v1/experiments/home-credit", "application/json", ExperimentsApiTest.HOME_TEST)
            .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldCreditClicksCartsAndPurchasesToTheListsArmOncePerEventId()
    {
        final JsonNode list = api.get("/v1/recommendations?user=buyer&k=5").json();
        final String requestId = list.get("requestId").asText();
        final String arm = list.get("experiment").get("arm").asText();
        final String strategy = list.get("strategy").asText();
        final String product = list.get("items").get(0).get("product").asText();
        final String click = "{\"id\":\"credit-c1\",\"type\":\"click\",\"user\":\"buyer\",\"product\":\"" + product +
            "\",\"requestId\":\"" + requestId + "\"}";
        final String cart = "{\"id\":\"credit-a1\",\"type\":\"add_to_cart\",\"user\":\"buyer\",\"product\":\"" +
            product + "\",\"requestId\":\"" + requestId + "\"}";
        final String purchase = "{\"id\":\"credit-p1\",\"type\":\"purchase\",\"user\":\"buyer\",\"requestId\":\"" +
            requestId + "\",\"items\":[{\"product\":\"" + product + "\",\"quantity\":2,\"price\":15.5}]}";

        assertThat(api.postJson("/v1/events", click).json().get("accepted").asInt()).isEqualTo(1);
        assertThat(api.postJson("/v1/events", click).json().get("duplicates").asInt()).as("a retry").isEqualTo(1);
        assertThat(api.postJson("/v1/events", click.replace("credit-c1", "credit-c2")).json().get("accepted")
            .asInt()).as("a second click on the same product of the list, applied but not credited").isEqualTo(1);
        assertThat(api.postJson("/v1/events", "[" + cart + "," + cart + "," + purchase + "]").json()
            .get("duplicates").asInt()).as("a duplicate in the batch").isEqualTo(1);
        assertThat(api.postJson("/v1/events", purchase).json().get("duplicates").asInt()).isEqualTo(1);

        final String labels = "arm=\"" + arm + "\",placement=\"home\",strategy=\"" + strategy + "\"";
        final String metrics = api.get("/metrics").body();
        assertThat(value(metrics, "tailor_attributed_total{" + labels + ",type=\"click\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "tailor_attributed_total{" + labels + ",type=\"add_to_cart\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "tailor_attributed_total{" + labels + ",type=\"purchase\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "tailor_attributed_revenue_total{" + labels + ",type=\"purchase\"}"))
            .isEqualTo(31.0);
        assertThat(value(metrics, "tailor_lists_served_total{" + labels + "}")).isEqualTo(1.0);

        await("the counts reach the grid").atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        {
            final JsonNode results = api.get("/v1/experiments/home-credit/results").json();
            final JsonNode counted = results.get("arms").get(arm.equals("control") ? 0 : 1);
            assertThat(counted.get("name").asText()).isEqualTo(arm);
            assertThat(counted.get("lists").asLong()).isEqualTo(1);
            assertThat(counted.get("shoppers").asLong()).isEqualTo(1);
            assertThat(counted.get("clicks").asLong()).isEqualTo(1);
            assertThat(counted.get("ctr").asDouble()).isEqualTo(1.0);
            assertThat(counted.get("addToCarts").asLong()).isEqualTo(1);
            assertThat(counted.get("purchases").asLong()).isEqualTo(1);
            assertThat(counted.get("conversion").asDouble()).isEqualTo(1.0);
            assertThat(counted.get("revenue").asDouble()).isEqualTo(31.0);
            assertThat(counted.get("revenuePerList").asDouble()).isEqualTo(31.0);
            assertThat(results.get("comparisons")).extracting(c -> c.get("metric").asText())
                .containsExactly("ctr", "conversion");
            assertThat(results.get("comparisons").get(0).get("significant").asBoolean())
                .as("one list proves nothing").isFalse();
        });
    }

    @Test
    void shouldShowADifferenceInClickRatesBetweenArmsAsSignificantInTheResults()
    {
        assertThat(api.put("/v1/experiments/cart-ctr", "application/json", ExperimentsApiTest.HOME_TEST
            .replace("\"home\"", "\"cart\"")).status()).isEqualTo(201);
        final StringBuilder clicks = new StringBuilder();
        int sent = 0;
        for (int shopper = 0; shopper < 600; shopper++)
        {
            final JsonNode list = api.get("/v1/recommendations?user=ctr-" + shopper + "&placement=cart&k=3&product=" +
                "mug-" + (shopper % 20)).json();
            // The tailor arm's lists are clicked every time, the control's every tenth time.
            if (list.get("experiment").get("arm").asText().equals("tailor") || shopper % 10 == 0)
            {
                clicks.append("{\"id\":\"ctr-").append(shopper).append("\",\"type\":\"click\",\"user\":\"ctr-")
                    .append(shopper).append("\",\"product\":\"mug-1\",\"requestId\":\"")
                    .append(list.get("requestId").asText()).append("\"}\n");
                sent++;
            }
        }
        assertThat(api.post("/v1/events", "application/x-ndjson", clicks.toString().getBytes()).json()
            .get("accepted").asInt()).isEqualTo(sent);

        await("the counts reach the grid").atMost(Duration.ofSeconds(2)).untilAsserted(() ->
        {
            final JsonNode results = api.get("/v1/experiments/cart-ctr/results").json();
            assertThat(results.get("arms").get(0).get("lists").asLong() +
                results.get("arms").get(1).get("lists").asLong()).isEqualTo(600);
            final JsonNode ctr = results.get("comparisons").get(0);
            assertThat(ctr.get("arm").asText()).isEqualTo("tailor");
            assertThat(ctr.get("baseline").asText()).isEqualTo("control");
            assertThat(ctr.get("significant").asBoolean()).isTrue();
            assertThat(ctr.get("low").asDouble()).isPositive();
        });
    }

    @Test
    void shouldCreditAListOutsideAnyExperimentToArmNoneAndNothingToAForgedArm()
    {
        final String requestId = api.get("/v1/recommendations?user=emailed&placement=email&k=3").json()
            .get("requestId").asText();

        api.postJson("/v1/events", "{\"id\":\"none-c1\",\"type\":\"click\",\"user\":\"emailed\",\"product\":" +
            "\"mug-1\",\"requestId\":\"" + requestId + "\"}");
        api.postJson("/v1/events", "{\"id\":\"forged-c1\",\"type\":\"click\",\"user\":\"emailed\",\"product\":" +
            "\"mug-1\",\"requestId\":\"" + requestId.substring(0, requestId.indexOf('.')) + ".hz.jackpot\"}");
        final int dot = requestId.indexOf('.');
        final String weekOld = requestId.substring(0, requestId.lastIndexOf('-', dot) + 1) +
            Long.toString(System.currentTimeMillis() / 1000 - 8 * 86_400, 36) + requestId.substring(dot);
        api.postJson("/v1/events", "{\"id\":\"late-c1\",\"type\":\"click\",\"user\":\"emailed\",\"product\":" +
            "\"mug-2\",\"requestId\":\"" + weekOld + "\"}");
        api.postJson("/v1/events", "{\"id\":\"view-1\",\"type\":\"view\",\"user\":\"emailed\",\"product\":" +
            "\"mug-1\",\"requestId\":\"" + requestId + "\"}");

        final String metrics = api.get("/metrics").body();
        assertThat(value(metrics, "tailor_attributed_total{arm=\"none\",placement=\"email\",strategy=\"popular\"," +
            "type=\"click\"}")).as("the list served 8 days before its click is past the 7-day window").isEqualTo(1.0);
        assertThat(metrics).doesNotContain("jackpot").doesNotContain("type=\"view\"");
    }

    private static double value(final String metrics, final String series)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics.lines().filter(l -> l.startsWith("tailor_" +
            "attributed") || l.startsWith("tailor_lists")).reduce("", (a, b) -> a + b + "\n"));
    }
}
