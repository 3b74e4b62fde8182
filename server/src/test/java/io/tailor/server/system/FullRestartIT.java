package io.tailor.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System tests 3 and 4: all nodes stop and start again; every profile comes back with the same version
 * and content, and an erased shopper stays erased on every node.
 */
class FullRestartIT
{
    @TempDir
    Path dir;

    @Test
    void shouldBringEveryProfileBackAndKeepErasedShoppersErasedAfterAFullRestart()
    {
        try (Cluster cluster = new Cluster(dir, 3))
        {
            for (int i = 0; i < 3; i++)
            {
                cluster.start(i);
            }
            for (int i = 0; i < 3; i++)
            {
                cluster.node(i).awaitReady(3);
            }
            Checks.uploadCatalog(cluster.node(0));

            final StringBuilder events = new StringBuilder();
            for (int s = 0; s < 150; s++)
            {
                for (int e = 0; e < 1 + s % 4; e++)
                {
                    events.append("{\"id\":\"r").append(s).append('-').append(e).append("\",\"type\":\"")
                        .append(e == 3 ? "purchase\",\"items\":[{\"product\":\"p" + (s % 20) + "\"}]" :
                            "view\",\"product\":\"p" + ((s + e) % 20) + "\"")
                        .append(",\"user\":\"r").append(s).append("\"}\n");
                }
            }
            final Node.Answer stored = cluster.node(1).send("POST", "/v1/events", "application/x-ndjson",
                events.toString());
            assertThat(stored.status()).isEqualTo(200);
            assertThat(cluster.node(2).delete("/v1/profiles/r7").status()).isEqualTo(200);

            final Map<String, String> before = profiles(cluster.node(0));
            assertThat(before).hasSize(149).doesNotContainKey("r7");

            cluster.stopAll();
            for (int i = 0; i < 3; i++)
            {
                cluster.start(i);
            }
            for (int i = 0; i < 3; i++)
            {
                cluster.node(i).awaitReady(3);
            }

            for (int i = 0; i < 3; i++)
            {
                assertThat(profiles(cluster.node(i))).as("profiles read through node" + i).isEqualTo(before);
                assertThat(cluster.node(i).get("/v1/profiles/r7").status()).as("erased on node" + i).isEqualTo(404);
            }
        }
    }

    /** Every profile's lasting content (version, history, counts), without time-decayed weights. */
    private static Map<String, String> profiles(final Node node)
    {
        final Map<String, String> profiles = new HashMap<>();
        for (int s = 0; s < 150; s++)
        {
            final Node.Answer answer = node.get("/v1/profiles/r" + s);
            if (answer.status() == 200)
            {
                final JsonNode json = answer.json();
                profiles.put("r" + s, json.get("version") + " " + json.get("recent") + " " +
                    json.get("purchased") + " " + json.get("counts") + " " + json.get("spend") + " " +
                    json.get("createdAt") + " " + json.get("updatedAt"));
            }
        }
        return profiles;
    }
}
