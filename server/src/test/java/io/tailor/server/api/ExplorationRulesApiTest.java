package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.map.EntryProcessor;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.GridSettings;
import io.tailor.grid.MutableClock;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exploration and promotions never break the rules (issue 20, "done when"), through the API:
 * <ul>
 *   <li>a sensitive product, whether a new arrival short of its floor or the product of a running promotion, is
 *       put into a list by the exploration or the promoted slot only inside its own category (the page product's
 *       category or the category filter), never elsewhere;</li>
 *   <li>a shopper who withdrew personalization consent gets a non-personal list: it may still carry a new arrival,
 *       chosen from the catalog's newest and not from the interests they had, nor explained as chosen for them;
 *       nothing of what they are shown is kept for them, and no promotion whose audience is a segment reaches them;
 *       a promotion for a marketing segment reaches only shoppers who gave marketing consent;</li>
 *   <li>a degraded answer (the profile could not be read in time, so no frequency cap can be known) has no
 *       exploration slot, as it has no promoted slot.</li>
 * </ul>
 * The frequency cap, stock and purchased rules of both slots are tested in {@code ExposureFloorDayApiTest},
 * {@code NewArrivalsApiTest} and {@code PromotionPacingApiTest}. The exposure floor here is so high that every new
 * arrival stays short of it.
 */
class ExplorationRulesApiTest
{
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final int FLOOR = 1_000_000;
    private static final String SENSITIVE_CATEGORY = "health/intimate";
    /** A sensitive new arrival (no launch time: launched when the catalog first saw it). */
    private static final String FRESH_SENSITIVE = "fresh-care";
    private static final Set<String> FRESH_NOT_SENSITIVE = Set.of("fresh-kitchen", "fresh-garden");
    /** What explains a list that nothing of the shopper shaped. */
    private static final Set<String> NON_PERSONAL_REASONS = Set.of("popular", "new_arrival", "promoted", "pinned");
    private static MutableClock clock;
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        clock = new MutableClock(NOW);
        api = ApiServer.builder().clock(clock).ranking(RankingSettings.DEFAULT.withExploration(
            new ExplorationSettings(FLOOR, Map.of()))).start();
        catalog(api);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldExploreASensitiveNewArrivalOnlyInsideItsCategory()
    {
        final Set<String> exploredAtHome = new TreeSet<>();
        for (int i = 0; i < 30; i++)
        {
            final JsonNode home = api.get("/v1/recommendations?user=browser-" + i + "&k=6&explain=true").json();
            assertThat(products(home)).as("home list of browser-" + i).doesNotContain(FRESH_SENSITIVE);
            exploredAtHome.addAll(explored(home));
        }
        assertThat(exploredAtHome).as("home lists do have an exploration slot").isNotEmpty()
            .isSubsetOf(FRESH_NOT_SENSITIVE);

        for (int i = 0; i < 5; i++)
        {
            final JsonNode page = api.get("/v1/recommendations?user=care-browser-" + i + "&k=6&explain=true" +
                "&placement=product&product=care-0").json();
            assertThat(products(page)).as("on a page of its category").contains(FRESH_SENSITIVE);
            final JsonNode filtered = api.get("/v1/recommendations?user=care-filter-" + i + "&k=6&explain=true" +
                "&category=" + SENSITIVE_CATEGORY).json();
            assertThat(explored(filtered)).as("in a list filtered to its category").containsExactly(FRESH_SENSITIVE);
        }
    }

    @Test
    void shouldPromoteASensitiveProductOnlyInsideItsCategory()
    {
        define("care-push", "{\"products\":[\"care-1\"]");
        try
        {
            for (int i = 0; i < 20; i++)
            {
                final JsonNode home = api.get("/v1/recommendations?user=promo-browser-" + i + "&k=6&explain=true")
                    .json();
                assertThat(promoted(home)).as("home list of promo-browser-" + i).isEmpty();
                assertThat(products(home)).doesNotContain("care-1");
            }
            for (int i = 0; i < 5; i++)
            {
                final JsonNode page = api.get("/v1/recommendations?user=promo-care-" + i + "&k=6&explain=true" +
                    "&placement=product&product=care-0").json();
                assertThat(promoted(page)).as("on a page of its category").containsExactly("care-1");
                assertThat(texts(page, "promoted")).as("for everyone, not for shoppers like them")
                    .containsExactly("promoted by the store");
            }
        }
        finally
        {
            assertThat(api.delete("/v1/promotions/care-push").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldExploreWithoutTheInterestsOfAShopperWhoWithdrewConsentAndKeepNothingForThem()
    {
        final Set<String> exploredWithoutConsent = new TreeSet<>();
        for (int i = 0; i < 16; i++)
        {
            final String user = "gardener-" + i;
            viewed(user, "garden-1", "garden-2", "garden-3");
            final JsonNode consenting = api.get("/v1/recommendations?user=" + user + "&k=6&explain=true" +
                "&recordImpressions=false").json();
            assertThat(consenting.get("strategy").asText()).isEqualTo("personalized");
            assertThat(products(consenting)).as("the new arrival of their interests")
                .contains("fresh-garden").doesNotContain("fresh-kitchen");

            assertThat(api.put("/v1/profiles/" + user + "/consent", "application/json",
                "{\"personalization\":false}").status()).isEqualTo(200);
            viewed(user, "garden-4");
            final JsonNode objecting = api.get("/v1/recommendations?user=" + user + "&k=6&explain=true").json();

            assertThat(objecting.get("strategy").asText()).isEqualTo("popular");
            assertThat(explored(objecting)).as("a new arrival all the same").hasSize(1);
            assertThat(texts(objecting, "new_arrival")).as("not said to be chosen for them")
                .noneMatch(text -> text.contains("your interests"));
            for (final JsonNode item : objecting.get("items"))
            {
                assertThat(item.get("reasons").findValuesAsText("code")).as("nothing personal explains " + user +
                    "'s list").isSubsetOf(NON_PERSONAL_REASONS);
            }
            exploredWithoutConsent.addAll(explored(objecting));
        }
        api.server().grid().profiles().impressions().flushNow();

        assertThat(exploredWithoutConsent).as("chosen from the catalog's newest, not from their past interests")
            .contains("fresh-kitchen").isSubsetOf(FRESH_NOT_SENSITIVE);
        for (int i = 0; i < 16; i++)
        {
            assertThat(api.server().grid().profiles().impressions().local("u:gardener-" + i))
                .as("nothing they were shown is kept for them").isSameAs(ProfileStore.NO_PROFILE);
            final JsonNode profile = api.get("/v1/profiles/gardener-" + i).json();
            assertThat(profile.get("recent")).isEmpty();
            assertThat(profile.get("counts")).isEmpty();
        }
    }

    @Test
    void shouldNotServeASegmentPromotionToAShopperWhoWithdrewConsent()
    {
        // spend of at most 0: every profile matches the rule; only consent keeps a shopper out
        assertThat(api.put("/v1/segments/anyone", "application/json", "{\"purpose\":\"personalization\"," +
            "\"rule\":{\"profile\":\"spend\",\"lte\":0}}").status()).isIn(200, 201);
        viewed("member", "kitchen-1");
        viewed("objector", "kitchen-1");
        assertThat(api.put("/v1/profiles/objector/consent", "application/json", "{\"personalization\":false}")
            .status()).isEqualTo(200);
        define("members-push", "{\"products\":[\"kitchen-7\"],\"audience\":{\"segment\":\"anyone\"}");
        try
        {
            final JsonNode member = api.get("/v1/recommendations?user=member&k=6&explain=true").json();
            final JsonNode objector = api.get("/v1/recommendations?user=objector&k=6&explain=true").json();

            assertThat(promoted(member)).as("in the segment").containsExactly("kitchen-7");
            assertThat(promoted(objector)).as("withdrew consent: in no segment").isEmpty();
            assertThat(texts(member, "promoted")).containsExactly("promoted by the store to shoppers like you");
        }
        finally
        {
            assertThat(api.delete("/v1/promotions/members-push").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldServeAMarketingSegmentPromotionOnlyWithMarketingConsent()
    {
        assertThat(api.put("/v1/segments/reachable", "application/json", "{\"purpose\":\"marketing\"," +
            "\"rule\":{\"profile\":\"spend\",\"lte\":0}}").status()).isIn(200, 201);
        viewed("mailable", "kitchen-2");
        viewed("unmailable", "kitchen-2");
        assertThat(api.put("/v1/profiles/mailable/consent", "application/json", "{\"marketing\":true}").status())
            .isEqualTo(200);
        define("newsletter-push", "{\"products\":[\"kitchen-8\"],\"audience\":{\"segment\":\"reachable\"}");
        try
        {
            final JsonNode mailable = api.get("/v1/recommendations?user=mailable&k=6&explain=true").json();
            final JsonNode unmailable = api.get("/v1/recommendations?user=unmailable&k=6&explain=true").json();

            assertThat(promoted(mailable)).as("gave marketing consent").containsExactly("kitchen-8");
            assertThat(promoted(unmailable)).as("marketing is opt-in").isEmpty();
        }
        finally
        {
            assertThat(api.delete("/v1/promotions/newsletter-push").status()).isEqualTo(200);
        }
    }

    /**
     * A node that does not own the shopper is made to miss its deadline by stalling the owner's partition thread
     * (as in {@code DegradedAnswerExperimentApiTest}): the fallback answer cannot know what the shopper was shown,
     * so it spends no impression on exploration.
     */
    @Test
    void shouldLeaveTheExplorationSlotOutOfADegradedAnswer() throws Exception
    {
        final String cluster = "explore-degraded-" + UUID.randomUUID();
        final int apiPort = GridFixtures.freePort();
        final int otherPort = GridFixtures.freePort();
        final List<String> members = List.of("127.0.0.1:" + apiPort, "127.0.0.1:" + otherPort);
        TailorGrid other = null;
        try (ApiServer node = ApiServer.builder().cluster(cluster, apiPort, members).ranking(RankingSettings.DEFAULT
            .withExploration(new ExplorationSettings(FLOOR, Map.of()))).start())
        {
            other = TailorGrid.startMember(GridSettings.loopback(otherPort, null).withClusterName(cluster)
                .withMembers(members), Clock.systemUTC());
            final TailorGrid member = other;
            await().atMost(Duration.ofSeconds(30)).until(() -> member.hazelcast().getCluster().getMembers()
                .size() == 2 && member.hazelcast().getPartitionService().isClusterSafe());
            final StringBuilder products = new StringBuilder("[");
            final StringBuilder views = new StringBuilder();
            for (int i = 0; i < 10; i++)
            {
                products.append(i == 0 ? "" : ",").append("{\"id\":\"tea-").append(i).append("\",\"category\":")
                    .append("\"food/tea\",\"price\":5,\"launchedAt\":\"2025-01-01T00:00:00Z\"}");
                views.append("{\"type\":\"view\",\"user\":\"crowd\",\"product\":\"tea-").append(i).append("\"}\n");
            }
            node.put("/v1/products", "application/json", products.append(",{\"id\":\"tea-new\",\"category\":" +
                "\"food/tea\",\"price\":5}]").toString());
            node.awaitProduct("tea-new");
            node.post("/v1/events", "application/x-ndjson", views.toString().getBytes(StandardCharsets.UTF_8));
            node.server().grid().flushModelNow();
            await().atMost(Duration.ofSeconds(10)).until(() -> node.server().grid().models().current().popularity(
                node.server().grid().models().current().catalog().indexOf("tea-9")) > 0f);
            final String user = shopperOwnedByAnotherMember(node);
            assertThat(node.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"" + user +
                "\",\"product\":\"tea-1\"}").status()).isEqualTo(200);

            final JsonNode inTime = node.get("/v1/recommendations?user=" + user + "&k=4&explain=true" +
                "&recordImpressions=false").json();
            assertThat(inTime.get("degraded").asBoolean()).isFalse();
            assertThat(explored(inTime)).as("an answer in time explores: " + inTime).containsExactly("tea-new");

            final CompletionStage<Object> stall = other.hazelcast().<String, byte[]>getMap(ProfileStore.MAP_NAME)
                .submitToKey(ProfileKeys.user(user), new Stall());
            assertThat(Stall.STARTED.await(10, TimeUnit.SECONDS)).as("the owner's partition thread is held")
                .isTrue();
            final JsonNode late;
            try
            {
                late = node.get("/v1/recommendations?user=" + user + "&k=4&explain=true").json();
            }
            finally
            {
                Stall.RELEASE.countDown();
            }
            stall.toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(late.get("degraded").asBoolean()).isTrue();
            assertThat(late.get("items")).as("the fallback still answers").isNotEmpty();
            assertThat(explored(late)).as("no exploration slot in a degraded answer").isEmpty();
            assertThat(products(late)).doesNotContain("tea-new");
        }
        finally
        {
            if (other != null)
            {
                other.hazelcast().getLifecycleService().terminate();
            }
        }
    }

    /**
     * Kitchen and garden products, established and viewed by a crowd; sensitive products of
     * {@value #SENSITIVE_CATEGORY}, established and viewed; three new arrivals without a launch time, one in each
     * category, the one in {@value #SENSITIVE_CATEGORY} sensitive.
     */
    private static void catalog(final ApiServer server)
    {
        final StringBuilder products = new StringBuilder("[");
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            products.append(i == 0 ? "" : ",").append(established("kitchen-" + i, "home/kitchen", false))
                .append(',').append(established("garden-" + i, "home/garden", false));
            views.append(view("crowd", "kitchen-" + i)).append(view("crowd", "garden-" + i));
        }
        for (int i = 0; i < 6; i++)
        {
            products.append(',').append(established("care-" + i, SENSITIVE_CATEGORY, true));
            views.append(view("crowd", "care-" + i));
        }
        products.append(",{\"id\":\"fresh-kitchen\",\"category\":\"home/kitchen\",\"price\":10}")
            .append(",{\"id\":\"fresh-garden\",\"category\":\"home/garden\",\"price\":10}")
            .append(",{\"id\":\"").append(FRESH_SENSITIVE).append("\",\"category\":\"").append(SENSITIVE_CATEGORY)
            .append("\",\"price\":10,\"sensitive\":true}]");
        assertThat(server.put("/v1/products", "application/json", products.toString()).status()).isEqualTo(200);
        server.awaitProduct(FRESH_SENSITIVE);
        final ApiServer.Answer accepted = server.post("/v1/events", "application/x-ndjson",
            views.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).isEqualTo(200);
        server.server().grid().flushModelNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().grid().models().current().popularity(
            server.server().grid().models().current().catalog().indexOf("care-5")) > 0f);
    }

    private static String established(final String id, final String category, final boolean sensitive)
    {
        return "{\"id\":\"" + id + "\",\"category\":\"" + category + "\",\"price\":10,\"sensitive\":" + sensitive +
            ",\"launchedAt\":\"2025-01-01T00:00:00Z\"}";
    }

    private static String view(final String user, final String product)
    {
        return "{\"type\":\"view\",\"user\":\"" + user + "\",\"product\":\"" + product + "\"}\n";
    }

    private static void viewed(final String user, final String... products)
    {
        for (final String product : products)
        {
            assertThat(api.postJson("/v1/events", view(user, product).trim()).status()).isEqualTo(200);
        }
    }

    /** Defines a promotion running since a day ago for a week, far behind a large target: owed on every list. */
    private static void define(final String id, final String productsAndAudience)
    {
        final ApiServer.Answer put = api.put("/v1/promotions/" + id, "application/json", productsAndAudience +
            ",\"target\":700000,\"from\":\"" + NOW.minus(Duration.ofDays(1)) + "\",\"until\":\"" +
            NOW.plus(Duration.ofDays(6)) + "\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(201);
    }

    private static List<String> products(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }

    /**
     * The products in the list's exploration slot: a {@code new_arrival} reason that contributes nothing to the score
     * (a new arrival ranked on its merit says {@code new_arrival} for its freshness, which contributes).
     */
    private static List<String> explored(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        for (final JsonNode item : answer.get("items"))
        {
            for (final JsonNode reason : item.get("reasons"))
            {
                if ("new_arrival".equals(reason.get("code").asText()) &&
                    reason.get("contribution").asDouble() == 0.0)
                {
                    ids.add(item.get("product").asText());
                }
            }
        }
        return ids;
    }

    /** The texts of the list's reasons with a code. */
    private static List<String> texts(final JsonNode answer, final String code)
    {
        final List<String> texts = new ArrayList<>();
        for (final JsonNode item : answer.get("items"))
        {
            for (final JsonNode reason : item.get("reasons"))
            {
                if (code.equals(reason.get("code").asText()))
                {
                    texts.add(reason.get("text").asText());
                }
            }
        }
        return texts;
    }

    /** The products in the list's promoted slot. */
    private static List<String> promoted(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        for (final JsonNode item : answer.get("items"))
        {
            if (item.get("reasons").findValuesAsText("code").contains("promoted"))
            {
                ids.add(item.get("product").asText());
            }
        }
        return ids;
    }

    private static String shopperOwnedByAnotherMember(final ApiServer node)
    {
        for (int i = 0; ; i++)
        {
            final String user = "late-" + i;
            if (!node.server().grid().hazelcast().getPartitionService().getPartition(ProfileKeys.user(user))
                .getOwner().localMember())
            {
                return user;
            }
        }
    }

    /**
     * Holds the owner's partition thread until the test releases it, so a read of the shopper's profile waits past
     * the deadline. The member runs in this JVM: the latches are shared through static fields.
     */
    private static final class Stall implements EntryProcessor<String, byte[], Object>, Serializable
    {
        static final CountDownLatch STARTED = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        private static final long serialVersionUID = 1L;

        @Override
        public Object process(final Map.Entry<String, byte[]> entry)
        {
            STARTED.countDown();
            try
            {
                RELEASE.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public EntryProcessor<String, byte[], Object> getBackupProcessor()
        {
            return null;
        }
    }
}
