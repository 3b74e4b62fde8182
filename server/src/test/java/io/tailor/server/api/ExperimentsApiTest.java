package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Experiments over HTTP on a real node: defined, read, listed, stopped and deleted; bad definitions refused with
 * a pointer at the wrong part; one running experiment per placement.
 */
class ExperimentsApiTest
{
    static final String HOME_TEST = """
        {"placement":"home","arms":[{"name":"control","share":0.5,"strategy":"popular"},
         {"name":"tailor","share":0.5}],"attributionWindow":"7d"}""";

    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldDefineReadListStopAndDeleteAnExperiment()
    {
        final ApiServer.Answer created = api.put("/v1/experiments/crud", "application/json", HOME_TEST.replace(
            "\"home\"", "\"email\""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("running");
        assertThat(created.json().get("definition").get("arms").get(0).get("strategy").asText()).isEqualTo("popular");

        final ApiServer.Answer redefined = api.put("/v1/experiments/crud", "application/json",
            "{\"placement\":\"email\",\"arms\":[{\"name\":\"a\",\"share\":0.25},{\"name\":\"b\",\"share\":0.75," +
            "\"weights\":{\"session\":2.5,\"transition\":1.5,\"similarSessions\":0.5}," +
            "\"diversity\":{\"brandShare\":0.5}," +
            "\"frequencyCap\":{\"maxImpressions\":5}}]}");
        assertThat(redefined.status()).as(redefined.body()).isEqualTo(200);
        assertThat(redefined.json().get("version").asLong()).isEqualTo(2);
        assertThat(redefined.json().get("definition").get("attributionWindow").asText()).as("the default")
            .isEqualTo("7d");

        final JsonNode read = api.get("/v1/experiments/crud").json();
        assertThat(read.get("definition").get("arms").get(1).get("weights").get("session").asDouble())
            .isEqualTo(2.5);
        assertThat(read.get("definition").get("arms").get(1).get("weights").get("transition").asDouble())
            .as("the transition weight is a weight like the others").isEqualTo(1.5);
        assertThat(read.get("definition").get("arms").get(1).get("weights").get("similarSessions").asDouble())
            .as("so is the similar-sessions weight").isEqualTo(0.5);
        assertThat(api.get("/v1/experiments").json().get("experiments")).extracting(e -> e.get("id").asText())
            .contains("crud");

        final ApiServer.Answer stopped = api.send("POST", "/v1/experiments/crud/stop", null, null, null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("status").asText()).isEqualTo("stopped");
        assertThat(stopped.json().has("stoppedAt")).isTrue();
        assertThat(api.get("/v1/experiments/crud").json().get("status").asText()).isEqualTo("stopped");
        final ApiServer.Answer changeStopped = api.put("/v1/experiments/crud", "application/json", HOME_TEST);
        assertThat(changeStopped.status()).as("a stopped experiment stays as it ran").isEqualTo(409);

        assertThat(api.delete("/v1/experiments/crud").status()).isEqualTo(200);
        assertThat(api.get("/v1/experiments/crud").status()).isEqualTo(404);
        assertThat(api.delete("/v1/experiments/crud").status()).isEqualTo(404);
        assertThat(api.send("POST", "/v1/experiments/crud/stop", null, null, null).status()).isEqualTo(404);
        assertThat(api.get("/v1/experiments").json().get("experiments")).extracting(e -> e.get("id").asText())
            .doesNotContain("crud");
        assertThat(api.put("/v1/experiments/crud", "application/json", HOME_TEST.replace("\"home\"", "\"email\""))
            .status()).as("defined anew after a deletion").isEqualTo(201);
        api.delete("/v1/experiments/crud");
    }

    @Test
    void shouldRunAtMostOneExperimentPerPlacement()
    {
        final String cart = HOME_TEST.replace("\"home\"", "\"cart\"");
        assertThat(api.put("/v1/experiments/cart-a", "application/json", cart).status()).isEqualTo(201);

        final ApiServer.Answer second = api.put("/v1/experiments/cart-b", "application/json", cart);

        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.contentType()).isEqualTo("application/problem+json");
        assertThat(second.json().get("detail").asText()).contains("cart-a");
        api.send("POST", "/v1/experiments/cart-a/stop", null, null, null);
        assertThat(api.put("/v1/experiments/cart-b", "application/json", cart).status())
            .as("once the first is stopped").isEqualTo(201);
        api.delete("/v1/experiments/cart-a");
        api.delete("/v1/experiments/cart-b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"arms\":[{\"name\":\"a\",\"share\":1}]}|/placement",
        "{\"placement\":\"checkout\",\"arms\":[{\"name\":\"a\",\"share\":1}]}|/placement",
        "{\"placement\":\"home\",\"arms\":[]}|/arms",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":0.5},{\"name\":\"b\",\"share\":0.4}]}|/arms",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":0.5},{\"name\":\"a\",\"share\":0.5}]}" +
            "|/arms/1/name",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a b\",\"share\":1}]}|/arms/0/name",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"none\",\"share\":1}]}|/arms/0/name",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":0}]}|/arms/0/share",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":\"1\"}]}|/arms/0/share",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"strategy\":\"random\"}]}|/arms/0/strategy",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"colour\":\"red\"}]}|/arms/0/colour",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"weights\":{\"sesion\":1}}]}" +
            "|/arms/0/weights/sesion",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"weights\":{\"session\":\"x\"}}]}" +
            "|/arms/0/weights/session",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"weights\":{\"session\":11}}]}" +
            "|/arms/0/weights",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"diversity\":{\"brandShare\":0}}]}" +
            "|/arms/0/diversity",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1,\"frequencyCap\":{\"maxImpressions\":-1}}]}" +
            "|/arms/0/frequencyCap/maxImpressions",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1}],\"attributionWindow\":\"a week\"}" +
            "|/attributionWindow",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1}],\"attributionWindow\":\"100d\"}" +
            "|/attributionWindow",
        "{\"placement\":\"home\",\"arms\":[{\"name\":\"a\",\"share\":1}],\"owner\":\"me\"}|/owner",
    })
    void shouldRefuseAnInvalidExperimentPointingAtTheWrongPart(final String body, final String pointer)
    {
        final ApiServer.Answer answer = api.put("/v1/experiments/broken", "application/json", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(pointer);
        assertThat(api.get("/v1/experiments/broken").status()).as("nothing stored").isEqualTo(404);
    }
}
