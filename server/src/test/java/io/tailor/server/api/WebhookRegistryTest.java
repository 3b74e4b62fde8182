package io.tailor.server.api;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.Triggers;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node knows of a webhook, in one read: never heard of (a delivery waits), in force, or deleted (a delivery
 * is dropped). The dispatcher once read "in force" and "heard of" apart and dropped a delivery whose definition
 * arrived between the two reads; and a customer's memberships, evaluated against one view of the definitions, are
 * decided against that view only.
 */
class WebhookRegistryTest
{
    private static final String JSON = "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"whsec-registry-0123456789\"," +
        "\"on\":[\"segment.entered\"],\"segments\":[\"viewers\"]}";

    private static final String VIEWERS = "{\"purpose\":\"marketing\",\"rule\":{\"window\":\"1d\"," +
        "\"type\":\"view\",\"count\":{\"gte\":1}}}";

    private static TailorGrid grid;

    @BeforeAll
    static void start()
    {
        grid = GridFixtures.startLone();
    }

    @AfterAll
    static void stop()
    {
        grid.close();
    }

    @Test
    void shouldTellAWebhookNeverHeardOfFromOneInForceAndFromOneDeleted()
    {
        final WebhookRegistry registry = new WebhookRegistry(grid, new SegmentRegistry(grid));

        assertThat(registry.known("crm")).as("never heard of: the delivery waits").isNull();

        registry.update("crm", new WebhookDefinition(JSON, 1, 1_000, 1_000));
        assertThat(registry.known("crm").spec().url()).isEqualTo("http://127.0.0.1:9/hook");

        registry.update("crm", new WebhookDefinition(null, 2, 1_000, 2_000));
        assertThat(registry.known("crm")).as("deleted: heard of, nothing in force").isNotNull();
        assertThat(registry.known("crm").spec()).isNull();

        registry.update("crm", new WebhookDefinition(JSON, 1, 1_000, 1_000));
        assertThat(registry.known("crm").spec()).as("an older version does not bring it back").isNull();
    }

    @Test
    void shouldNotDecideAMembershipOnASegmentThatArrivedAfterTheEvaluationRead()
    {
        final SegmentRegistry segments = new SegmentRegistry(grid);
        final WebhookRegistry registry = new WebhookRegistry(grid, segments);
        registry.update("crm", new WebhookDefinition(JSON, 1, 1_000, 1_000));
        final String key = ProfileKeys.user("vera");
        grid.profiles().setConsent(key, null, true, System.currentTimeMillis()).toCompletableFuture().join();
        grid.profiles().apply(key, List.of(new Event("v1", EventType.VIEW, "vera", null, "any", List.of(), Double.NaN,
            System.currentTimeMillis(), Channel.WEB, null, null))).toCompletableFuture().join();
        final String token = Outbox.token("crm", WebhookRegistry.SEGMENT + "viewers");

        final Triggers.Evaluation before = registry.evaluate(key, System.currentTimeMillis());
        // the segment's definition arrives (another member loaded its data files) while the customer is evaluated
        segments.update("viewers", new SegmentDefinition(VIEWERS, 1, 1_000, 1_000));

        assertThat(before.memberships()).isEmpty();
        assertThat(before.decides(token)).as("not found because not yet known: a held membership is kept").isFalse();
        final Triggers.Evaluation after = registry.evaluate(key, System.currentTimeMillis());
        assertThat(after.memberships()).containsExactly(token);
        assertThat(after.decides(token)).isTrue();
    }
}
