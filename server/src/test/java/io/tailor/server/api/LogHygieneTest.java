package io.tailor.server.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.tailor.server.config.WebhookSettings;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a node writes to its log while it starts, serves, refuses and stops: never an API key, never a
 * request body, and shopper ids at debug level only.
 */
class LogHygieneTest
{
    private static final String SHOPPER = "shopper-secret-4711";
    private static final String BODY_MARKER = "body-marker-0815";

    @Test
    void shouldNeverLogKeysOrBodiesAndShopperIdsOnlyAtDebug()
    {
        final TestKeys keys = TestKeys.onePerScope();
        final String all = keys.add("all", EnumSet.allOf(Scope.class), false, null);
        final String stranger = "tlr_sk_" + "Q".repeat(43);
        final Logger root = (Logger)LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        final Logger tailor = (Logger)LoggerFactory.getLogger("io.tailor");
        final Level tailorLevel = tailor.getLevel();
        final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        tailor.setLevel(Level.DEBUG);
        try (ApiServer api = ApiServer.builder().keys(keys.file()).webhooks(new WebhookSettings(Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(5))).start())
        {
            // A webhook delivery to the shopper, dropped at send time for want of marketing consent: logged at INFO.
            api.send("PUT", "/v1/products", all, "application/json", "[{\"id\":\"tv-1\",\"title\":\"TV 1\"," +
                "\"category\":\"electronics/tv\",\"brand\":\"Lumen\",\"price\":1000}]");
            api.awaitProduct("tv-1");
            api.send("PUT", "/v1/segments/viewers", all, "application/json", "{\"purpose\":\"personalization\"," +
                "\"rule\":{\"window\":\"1d\",\"type\":\"view\",\"product\":\"tv-1\",\"count\":{\"gte\":1}}}");
            api.send("PUT", "/v1/webhooks/crm", all, "application/json", "{\"url\":\"http://127.0.0.1:9/hook\"," +
                "\"secret\":\"whsec-log-0123456789\",\"on\":[\"segment.entered\"],\"segments\":[\"viewers\"]}");
            api.send("POST", "/v1/events", all, "application/json", "{\"type\":\"view\",\"user\":\"" + SHOPPER +
                "\",\"product\":\"tv-1\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/metrics", all).body()
                .contains("tailor_webhook_deliveries_total{outcome=\"dropped\",webhook=\"crm\"} 1.0"));
            api.send("POST", "/v1/events", all, "application/json", "{\"type\":\"view\",\"user\":\"" + SHOPPER +
                "\",\"product\":\"" + BODY_MARKER + "\"}");
            api.send("POST", "/v1/events", all, "application/json", "{\"type\":\"view\",\"user\":\"" + SHOPPER +
                "\",\"" + BODY_MARKER + "\":1}");
            api.send("POST", "/v1/events", all, "application/x-ndjson", "{\"" + BODY_MARKER + "\n{{{");
            api.send("PUT", "/v1/products", all, "application/json", "[{\"id\":\"" + BODY_MARKER + "\"");
            api.get("/v1/recommendations?user=" + SHOPPER, all);
            api.get("/v1/recommendations?user=" + SHOPPER + "&k=" + BODY_MARKER, all);
            api.get("/v1/profiles/" + SHOPPER, all);
            api.send("DELETE", "/v1/profiles/" + SHOPPER, all, null, null);
            api.get("/v1/profiles/" + SHOPPER, stranger);
            api.get("/v1/ping", keys.only(Scope.ADMIN));
            api.send("GET", "/v1/ping", null, null, null, "Authorization", "Basic " + stranger);
        }
        finally
        {
            root.detachAppender(appender);
            tailor.setLevel(tailorLevel);
        }

        final List<ILoggingEvent> events = appender.list;
        assertThat(events).as("the node logged its start").isNotEmpty();
        final List<String> secrets = List.of(all, stranger, keys.only(Scope.ADMIN), keys.only(Scope.RECS_READ),
            BODY_MARKER);
        for (final ILoggingEvent event : events)
        {
            final String text = event.getFormattedMessage() +
                (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (final String secret : secrets)
            {
                assertThat(text).as(event.getLoggerName()).doesNotContain(secret).doesNotContain(secret.substring(7));
            }
            if (event.getLevel().isGreaterOrEqual(Level.INFO))
            {
                assertThat(text).as(event.getLoggerName()).doesNotContain(SHOPPER);
            }
        }
    }
}
