package io.tailor.server.api;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.webhook.WebhookDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node knows of a webhook, in one read: never heard of (a delivery waits), in force, or deleted (a delivery
 * is dropped). The dispatcher once read "in force" and "heard of" apart and dropped a delivery whose definition
 * arrived between the two reads.
 */
class WebhookRegistryTest
{
    private static final String JSON = "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"whsec-registry-0123456789\"," +
        "\"on\":[\"segment.entered\"],\"segments\":[\"viewers\"]}";

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
}
