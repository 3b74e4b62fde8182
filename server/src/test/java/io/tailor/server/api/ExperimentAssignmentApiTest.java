package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shoppers in a running experiment over HTTP on a real node: split by share, each arm served its strategy and
 * named in the answer, the arm kept across an identity link, objectors left out.
 */
class ExperimentAssignmentApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 20; i++)
        {
            products.append(i == 0 ? "" : ",")
                .append("{\"id\":\"run-").append(i).append("\",\"title\":\"Runner ").append(i)
                .append("\",\"category\":\"apparel/shoes/running\",\"brand\":\"Swift\",\"price\":").append(90 + i)
                .append("},{\"id\":\"pan-").append(i).append("\",\"title\":\"Pan ").append(i)
                .append("\",\"category\":\"home/kitchen/cookware\",\"brand\":\"Hearth\",\"price\":").append(40 + i)
                .append('}');
        }
        products.append("]");
        api.put("/v1/products", "application/json", products.toString());
        api.awaitProduct("pan-19");
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < 30; i++)
        {
            views.append("{\"type\":\"view\",\"user\":\"crowd-").append(i).append("\",\"product\":\"pan-")
                .append(i % 5).append("\"}\n");
        }
        api.post("/v1/events", "application/x-ndjson", views.toString().getBytes());
        api.server().grid().flushModelNow();
        assertThat(api.put("/v1/experiments/home-ab", "application/json", ExperimentsApiTest.HOME_TEST).status())
            .isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldSplitShoppersByShareAndServeTheControlArmTheBestsellerList()
    {
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < 200; i++)
        {
            views.append("{\"type\":\"view\",\"user\":\"split-").append(i).append("\",\"product\":\"run-")
                .append(i % 20).append("\"}\n");
        }
        assertThat(api.post("/v1/events", "application/x-ndjson", views.toString().getBytes()).status())
            .isEqualTo(200);

        int control = 0;
        for (int i = 0; i < 200; i++)
        {
            final JsonNode answer = api.get("/v1/recommendations?user=split-" + i + "&k=5").json();
            final String arm = answer.get("experiment").get("arm").asText();
            assertThat(answer.get("experiment").get("id").asText()).isEqualTo("home-ab");
            assertThat(api.get("/v1/recommendations?user=split-" + i + "&k=5").json().get("experiment").get("arm")
                .asText()).as("the same arm every time").isEqualTo(arm);
            if (arm.equals("control"))
            {
                control++;
                assertThat(answer.get("strategy").asText()).isEqualTo("popular");
                assertThat(answer.get("requestId").asText()).as("home, popular, impressions recorded, arm control")
                    .endsWith(".hP.control");
            }
            else
            {
                assertThat(arm).isEqualTo("tailor");
                assertThat(answer.get("strategy").asText()).as("a shopper who viewed a shoe")
                    .isEqualTo("personalized");
                assertThat(answer.get("requestId").asText()).as("home, personalized, impressions recorded, arm tailor")
                    .endsWith(".hZ.tailor");
            }
        }

        assertThat(control).as("about half of 200").isBetween(70, 130);
        final String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("tailor_lists_served_total{arm=\"control\",placement=\"home\"," +
            "strategy=\"popular\"}");
        assertThat(metrics).contains("tailor_lists_served_total{arm=\"tailor\",placement=\"home\"," +
            "strategy=\"personalized\"}");
    }

    @Test
    void shouldKeepTheArmACookieFirstSawAfterItIsLinkedToACustomer()
    {
        for (int c = 0; c < 50; c++)
        {
            final String cookie = "link-cookie-" + c;
            final String user = "link-user-" + c;
            final String cookieArm = arm("anonymousId=" + cookie);
            if (cookieArm.equals(arm("user=" + user)))
            {
                continue;
            }
            assertThat(api.postJson("/v1/events", "{\"id\":\"" + cookie + "-1\",\"type\":\"view\",\"anonymousId\":\"" +
                cookie + "\",\"product\":\"run-3\"}").status()).isEqualTo(200);
            assertThat(arm("anonymousId=" + cookie)).isEqualTo(cookieArm);

            assertThat(api.postJson("/v1/identities", "{\"anonymousId\":\"" + cookie + "\",\"user\":\"" + user +
                "\"}").status()).isEqualTo(200);

            assertThat(arm("user=" + user)).as("the customer keeps the arm their cookie saw").isEqualTo(cookieArm);
            assertThat(arm("anonymousId=" + cookie)).isEqualTo(cookieArm);
            assertThat(api.postJson("/v1/identities", "{\"user\":\"" + user + "\",\"loyaltyId\":\"" + user +
                "-card\"}").status()).isEqualTo(200);
            assertThat(arm("user=" + user)).as("and after a loyalty card is linked").isEqualTo(cookieArm);
            return;
        }
        throw new AssertionError("no cookie and customer in different arms among 50");
    }

    @Test
    void shouldLeaveOutShoppersWhoWithdrewPersonalizationConsent()
    {
        api.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"objector\",\"product\":\"run-2\"}");
        assertThat(api.get("/v1/recommendations?user=objector").json().has("experiment")).isTrue();

        assertThat(api.put("/v1/profiles/objector/consent", "application/json", "{\"personalization\":false}")
            .status()).isEqualTo(200);

        final JsonNode answer = api.get("/v1/recommendations?user=objector").json();
        assertThat(answer.has("experiment")).isFalse();
        assertThat(answer.get("strategy").asText()).isEqualTo("popular");
        assertThat(api.get("/metrics").body()).contains("arm=\"opted-out\"");
    }

    @Test
    void shouldNameNoExperimentOnAnotherPlacementOrOnceStopped()
    {
        assertThat(api.get("/v1/recommendations?user=elsewhere&placement=email").json().has("experiment"))
            .isFalse();
        assertThat(api.put("/v1/experiments/cart-stop", "application/json",
            ExperimentsApiTest.HOME_TEST.replace("\"home\"", "\"cart\"")).status()).isEqualTo(201);
        assertThat(api.get("/v1/recommendations?user=elsewhere&placement=cart&product=run-1").json()
            .get("experiment").get("id").asText()).isEqualTo("cart-stop");

        api.send("POST", "/v1/experiments/cart-stop/stop", null, null, null);

        assertThat(api.get("/v1/recommendations?user=elsewhere&placement=cart&product=run-1").json()
            .has("experiment")).isFalse();
    }

    private static String arm(final String shopper)
    {
        return api.get("/v1/recommendations?" + shopper + "&k=3").json().get("experiment").get("arm").asText();
    }
}
