package io.tailor.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * System tests 3 and 4: all nodes stop and start again; every profile comes back with the same version
 * and content, identity links, segment and experiment definitions (and shoppers' arms) come back, and an erased
 * shopper (with the ids linked to them) stays erased on every node.
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
            assertThat(cluster.node(0).send("POST", "/v1/events", "application/json",
                "{\"id\":\"c1\",\"type\":\"view\",\"anonymousId\":\"r1-phone\",\"product\":\"p3\"}").status())
                .isEqualTo(200);
            for (final String link : new String[] {"{\"anonymousId\":\"r1-phone\",\"user\":\"r1\"}",
                "{\"user\":\"r2\",\"loyaltyId\":\"r2-card\"}", "{\"anonymousId\":\"r7-phone\",\"user\":\"r7\"}"})
            {
                assertThat(cluster.node(1).send("POST", "/v1/identities", "application/json", link).status())
                    .as(link).isEqualTo(200);
            }
            assertThat(cluster.node(2).send("PUT", "/v1/segments/restart-buyers", "application/json",
                "{\"purpose\":\"personalization\",\"rule\":{\"profile\":\"events\",\"type\":\"purchase\"," +
                "\"gte\":1}}").status()).isEqualTo(201);
            assertThat(cluster.node(1).send("PUT", "/v1/experiments/restart-home", "application/json",
                "{\"placement\":\"home\",\"arms\":[{\"name\":\"control\",\"share\":0.5,\"strategy\":" +
                "\"popular\"},{\"name\":\"tailor\",\"share\":0.5}]}").status()).isEqualTo(201);
            // A node that does not own r5 reads the profile with a 1 ms deadline: a late read answers the degraded
            // list, which is in no experiment, so each node is asked until it answers in the experiment.
            final String experimentSeenFirst = armOf(cluster.node(0));
            assertThat(armOf(cluster.node(2))).as("the same arm on every node").isEqualTo(experimentSeenFirst);
            assertThat(armOf(cluster.node(0))).isEqualTo(experimentSeenFirst);
            assertThat(armOf(cluster.node(2))).isEqualTo(experimentSeenFirst);
            // Four lists were served in the experiment (those answered without it count nothing);
            // every node merges what it counted within 0.5 s, and nothing more is served until the restart.
            await("the lists served reach the grid").atMost(Duration.ofSeconds(5)).until(() -> lists(cluster.node(1))
                == 4);
            final Node.Answer erased = cluster.node(2).delete("/v1/profiles/r7");
            assertThat(erased.status()).isEqualTo(200);
            assertThat(erased.json().get("erased").get("linkedIds").get(0).get("anonymousId").asText())
                .isEqualTo("r7-phone");

            final Map<String, String> before = profiles(cluster.node(0));
            assertThat(before).hasSize(149).doesNotContainKey("r7");
            final long buyers = cluster.node(0).get("/v1/segments/restart-buyers").json().get("members").asLong();
            assertThat(buyers).isPositive();

            cluster.stopAll();
            // Two members come back first; told to wait for three, neither loads its files or serves before the
            // third has joined (an event applied meanwhile could be overwritten by the third's copy of r-profiles).
            cluster.withOptions("--initial-members", "3");
            cluster.start(0);
            cluster.start(1);
            for (final int i : new int[] {0, 1})
            {
                await("node" + i + " waits for the third member").atMost(Duration.ofSeconds(60))
                    .until(() -> cluster.node(i).logged("waiting for cluster size of 3"));
            }
            assertThat(cluster.node(0).get("/health/ready")).as("node0 before the third member").isNull();
            cluster.start(2);
            for (int i = 0; i < 3; i++)
            {
                cluster.node(i).awaitReady(3);
            }

            assertThat(lists(cluster.node(2))).as("the experiment's counts after the restart").isEqualTo(4);
            for (int i = 0; i < 3; i++)
            {
                final Node node = cluster.node(i);
                assertThat(profiles(node)).as("profiles read through node" + i).isEqualTo(before);
                assertThat(node.get("/v1/profiles/r7").status()).as("erased on node" + i).isEqualTo(404);
                assertThat(node.get("/v1/profiles/r7/export").status()).as("export on node" + i).isEqualTo(404);
                assertThat(node.get("/v1/profiles/r7-phone?kind=anonymous").status())
                    .as("linked id of the erased shopper on node" + i).isEqualTo(404);
                assertThat(node.get("/v1/profiles/r1-phone?kind=anonymous").json().get("version").asLong())
                    .as("the link leads to r1 on node" + i).isEqualTo(node.get("/v1/profiles/r1").json()
                    .get("version").asLong());
                assertThat(node.get("/v1/profiles/r2/export").json().get("linkedIds").get(0).get("loyaltyId")
                    .asText()).isEqualTo("r2-card");
                assertThat(node.get("/v1/segments/restart-buyers").json().get("members").asLong())
                    .as("segment definition on node" + i).isEqualTo(buyers);
                assertThat(node.get("/v1/experiments/restart-home").json().get("status").asText())
                    .as("experiment on node" + i).isEqualTo("running");
                assertThat(armOf(node)).as("r5's arm on node" + i).isEqualTo(experimentSeenFirst);
            }
        }
    }

    /** r5's arm in restart-home on a node, asked until the node answers in the experiment (at most 1 s). */
    private static String armOf(final Node node)
    {
        final JsonNode[] answer = new JsonNode[1];
        await("an answer in the experiment from " + node).atMost(Duration.ofSeconds(1)).until(() ->
            (answer[0] = node.get("/v1/recommendations?user=r5").json()).has("experiment"));
        return answer[0].get("experiment").get("arm").asText();
    }

    /** Lists served in the restart-home experiment, both arms. */
    private static long lists(final Node node)
    {
        final JsonNode arms = node.get("/v1/experiments/restart-home/results").json().get("arms");
        return arms.get(0).get("lists").asLong() + arms.get(1).get("lists").asLong();
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
