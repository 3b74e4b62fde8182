package io.tailor.server.system;

import io.tailor.server.api.WebhookReceiver;
import io.tailor.server.security.WebhookSignature;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook deliveries survive the loss of nodes: three real node processes, a real receiver on loopback. Pending
 * deliveries live with the customers' profiles in the grid (backed up, in the data files), so a node killed with
 * SIGKILL while deliveries are being retried, or a stop of the whole cluster, loses none: every customer's entry is
 * acknowledged afterwards, under the one event id its transition got.
 */
class WebhookDeliveryIT
{
    private static final String SECRET = "whsec-it-0123456789";
    private static final String CARTED = "{\"purpose\":\"marketing\",\"rule\":{\"window\":\"1d\"," +
        "\"type\":\"add_to_cart\",\"count\":{\"gte\":1}}}";
    private static final int SHOPPERS = 60;

    @TempDir
    Path dir;

    @Test
    void shouldDeliverEveryEntryOnceWhenANodeIsKilledMidDelivery() throws Exception
    {
        try (Cluster cluster = new Cluster(dir, 3); WebhookReceiver receiver = new WebhookReceiver())
        {
            start(cluster);
            define(cluster.node(0), receiver.url("/half"));
            final List<String> shoppers = shoppers("k");
            cartEach(cluster, shoppers);
            // Each delivery needs two attempts at least, a second apart: most are pending or in flight now.
            cluster.node(2).kill();

            awaitAllAcknowledged(cluster, receiver, shoppers);
            assertOneEventIdEach(receiver, shoppers);
        }
    }

    @Test
    void shouldDeliverPendingEntriesAfterAFullRestart() throws Exception
    {
        // Retries wait at most 5 s here (10 min by default): while the gate is shut before the restart, deliveries
        // back off, and what is asserted is that they survive the restart and go out, not how long the backoff is.
        final Path config = Files.writeString(dir.resolve("webhooks.yaml"), "webhooks:\n  maxRetryWait: 5s\n");
        try (Cluster cluster = new Cluster(dir, 3).withConfig(config);
            WebhookReceiver receiver = new WebhookReceiver())
        {
            start(cluster);
            define(cluster.node(0), receiver.url("/gate"));
            final List<String> shoppers = shoppers("r");
            cartEach(cluster, shoppers);
            for (final String shopper : shoppers)
            {
                await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.about(shopper).isEmpty());
            }

            cluster.stopAll();
            receiver.open();
            start(cluster);

            awaitAllAcknowledged(cluster, receiver, shoppers);
            assertOneEventIdEach(receiver, shoppers);
            // Still in the segment: a member that evaluated a customer before the segment's definition was loaded
            // must not have forgotten it, or this cart would send a second segment.entered.
            // A transition is stored before its event is acknowledged and sent at once: a second entry would arrive
            // within these 3 s, and the await fails at the first one.
            cartEach(cluster, shoppers);
            try
            {
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> shoppers.stream()
                    .allMatch(shopper -> receiver.about(shopper).stream().map(WebhookReceiver.Received::eventId)
                        .distinct().count() == 1));
            }
            catch (final ConditionTimeoutException ex)
            {
                throw new AssertionError("a second entry after the restart; what these customers were sent: " +
                    shoppers.stream().filter(shopper -> receiver.about(shopper).stream()
                        .map(WebhookReceiver.Received::eventId).distinct().count() > 1)
                        .map(shopper -> shopper + "=" + receiver.about(shopper).stream()
                            .map(got -> got.status() + " " + got.json()).toList()).toList(), ex);
            }
            assertOneEventIdEach(receiver, shoppers);
        }
    }

    private static void start(final Cluster cluster)
    {
        for (int i = 0; i < 3; i++)
        {
            cluster.start(i);
        }
        for (int i = 0; i < 3; i++)
        {
            cluster.node(i).awaitReady(3);
        }
    }

    private static void define(final Node node, final String url)
    {
        Checks.uploadCatalog(node);
        assertThat(node.send("PUT", "/v1/segments/carted", "application/json", CARTED).status()).isEqualTo(201);
        assertThat(node.send("PUT", "/v1/webhooks/crm", "application/json", "{\"url\":\"" + url + "\",\"secret\":\"" +
            SECRET + "\",\"on\":[\"segment.entered\"],\"segments\":[\"carted\"]}").status()).isEqualTo(201);
    }

    private static List<String> shoppers(final String prefix)
    {
        return IntStream.range(0, SHOPPERS).mapToObj(i -> prefix + i).toList();
    }

    /** Consent and a cart event for each shopper, through the nodes in turn. */
    private static void cartEach(final Cluster cluster, final List<String> shoppers)
    {
        for (int i = 0; i < shoppers.size(); i++)
        {
            final Node node = cluster.node(i % 3);
            final String shopper = shoppers.get(i);
            assertThat(node.send("PUT", "/v1/profiles/" + shopper + "/consent", "application/json",
                "{\"marketing\":true}").status()).isEqualTo(200);
            assertThat(node.send("POST", "/v1/events", "application/json", "{\"type\":\"add_to_cart\",\"user\":\"" +
                shopper + "\",\"product\":\"p" + (i % 20) + "\"}").status()).isEqualTo(200);
        }
    }

    /**
     * Waits two minutes for every customer's entry to be acknowledged; on a timeout the failure carries what each
     * live node's dispatcher is doing and what its log says about webhooks, because on CI the logs are gone.
     */
    private static void awaitAllAcknowledged(final Cluster cluster, final WebhookReceiver receiver,
        final List<String> shoppers)
    {
        try
        {
            await().atMost(Duration.ofSeconds(120)).until(() -> unacknowledged(receiver, shoppers).isEmpty());
        }
        catch (final ConditionTimeoutException ex)
        {
            final List<String> missing = unacknowledged(receiver, shoppers);
            final StringBuilder why = new StringBuilder("customers without an acknowledged entry: " + missing +
                "\nwhat the receiver got about them: ");
            missing.forEach(shopper -> why.append(shopper).append('=').append(receiver.about(shopper).stream()
                .map(got -> got.eventId() + " " + got.status()).toList()).append(' '));
            why.append('\n');
            for (int i = 0; i < 3; i++)
            {
                if (cluster.node(i) != null)
                {
                    why.append(cluster.node(i).diagnosis("tailor-webhook", "ebhook"));
                }
            }
            System.out.println(why);
            throw new AssertionError(why.toString(), ex);
        }
    }

    private static List<String> unacknowledged(final WebhookReceiver receiver, final List<String> shoppers)
    {
        return shoppers.stream().filter(shopper -> receiver.about(shopper).stream()
            .noneMatch(WebhookReceiver.Received::acknowledged)).toList();
    }

    private static void assertOneEventIdEach(final WebhookReceiver receiver, final List<String> shoppers)
    {
        for (final String shopper : shoppers)
        {
            final List<WebhookReceiver.Received> got = receiver.about(shopper);
            assertThat(got.stream().map(WebhookReceiver.Received::eventId).distinct()).as(shopper).hasSize(1);
            for (final WebhookReceiver.Received request : got)
            {
                assertThat(WebhookSignature.verify(SECRET, request.signature(), request.body())).isTrue();
            }
        }
    }
}
