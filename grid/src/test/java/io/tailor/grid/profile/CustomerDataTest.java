package io.tailor.grid.profile;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.MutableClock;
import io.tailor.grid.RetentionSettings;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.segment.SegmentScan;
import io.tailor.grid.segment.SegmentScanAggregator;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.segment.Comparison;
import io.tailor.scoring.segment.ProfileField;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentRule;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.tailor.grid.ProcessorFixtures.bits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linking, merging, erasing and expiring customers on a real member.
 */
class CustomerDataTest
{
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(START);
    private static TailorGrid grid;

    @BeforeAll
    static void start()
    {
        grid = TailorGrid.startMember(GridFixtures.lone().withRetention(new RetentionSettings(Duration.ofDays(30),
            Duration.ofDays(1))), CLOCK);
    }

    @AfterAll
    static void stop()
    {
        grid.close();
    }

    @Test
    void shouldMergeAnAnonymousProfileIntoTheCustomerAndSendLaterEventsThere() throws Exception
    {
        final String anonymous = ProfileKeys.anonymous("cookie-1");
        final String user = ProfileKeys.user("ann");
        await(grid.profiles().apply(anonymous, List.of(view("a1", "cookie-1", null, "run-1"))));
        await(grid.profiles().apply(user, List.of(view("u1", null, "ann", "run-2"))));

        final CustomerData.Link link = await(grid.customers().link(anonymous, user, CLOCK.millis()));
        final ProfileStore.Applied later = await(grid.profiles().apply(anonymous,
            List.of(view("a2", "cookie-1", null, "run-3"))));

        assertThat(link.status()).isEqualTo(CustomerData.LinkStatus.LINKED);
        assertThat(link.merged()).isTrue();
        assertThat(later).isEqualTo(new ProfileStore.Applied(1, 0, bits(0)));
        final Profile merged = profile(user);
        assertThat(merged.count(EventType.VIEW)).isEqualTo(3);
        assertThat(merged.recentIndexOf(Hashing.key("run-1"))).isNotNegative();
        assertThat(await(grid.profiles().read(anonymous))).as("reads of the id follow the link")
            .isEqualTo(await(grid.profiles().read(user)));
        final byte[] forward = (byte[])grid.hazelcast().getMap("profiles").get(anonymous);
        assertThat(ForwardRecord.pending(forward)).as("the merged profile is not kept twice").isNull();

        final CustomerData.Link again = await(grid.customers().link(anonymous, user, CLOCK.millis()));
        assertThat(again.status()).isEqualTo(CustomerData.LinkStatus.ALREADY_LINKED);
        assertThat(profile(user).count(EventType.VIEW)).as("linking twice counts nothing twice").isEqualTo(3);
        assertThat(grid.customers().linksOf(user)).extracting(java.util.Map.Entry::getKey).containsExactly(anonymous);
    }

    @Test
    void shouldNeverMoveALoyaltyCardButMoveASharedDevicesCookie() throws Exception
    {
        final String card = ProfileKeys.loyalty("card-7");
        assertThat(await(grid.customers().link(card, ProfileKeys.user("bob"), CLOCK.millis())).status())
            .isEqualTo(CustomerData.LinkStatus.LINKED);
        final CustomerData.Link conflict = await(grid.customers().link(card, ProfileKeys.user("bea"),
            CLOCK.millis()));
        assertThat(conflict.status()).isEqualTo(CustomerData.LinkStatus.CONFLICT);
        assertThat(conflict.previous()).isEqualTo(ProfileKeys.user("bob"));

        final String cookie = ProfileKeys.anonymous("family-pc");
        await(grid.customers().link(cookie, ProfileKeys.user("bob"), CLOCK.millis()));
        final CustomerData.Link moved = await(grid.customers().link(cookie, ProfileKeys.user("bea"),
            CLOCK.millis()));
        await(grid.profiles().apply(cookie, List.of(view("f1", "family-pc", null, "run-1"))));

        assertThat(moved.status()).isEqualTo(CustomerData.LinkStatus.MOVED);
        assertThat(profile(ProfileKeys.user("bea")).count(EventType.VIEW)).isEqualTo(1);
        assertThat(grid.customers().linksOf(ProfileKeys.user("bob"))).extracting(java.util.Map.Entry::getKey)
            .containsExactly(card);
    }

    @Test
    void shouldEraseTheCustomerWithEveryLinkedIdSoThatTheIdsCarryNoHistory() throws Exception
    {
        final String user = ProfileKeys.user("cara");
        final String cookie = ProfileKeys.anonymous("cara-phone");
        final String card = ProfileKeys.loyalty("cara-card");
        await(grid.profiles().apply(cookie, List.of(view("c1", "cara-phone", null, "run-1"))));
        await(grid.customers().link(cookie, user, CLOCK.millis()));
        await(grid.customers().link(card, user, CLOCK.millis()));
        await(grid.profiles().apply(card, List.of(new Event("c2", EventType.PURCHASE, null, null, null,
            List.of(new LineItem("book-1", 1, 12.0)), Double.NaN, CLOCK.millis(), Channel.STORE, "berlin-1", null,
            "cara-card"))));
        assertThat(profile(user).owns(Hashing.key("book-1"))).as("the store purchase reached the customer")
            .isTrue();

        final CustomerData.Erasure erasure = grid.customers().eraseCustomer(user, CLOCK.millis());

        assertThat(erasure.profile()).isNotNull();
        assertThat(erasure.linked()).containsExactly(cookie, card);
        assertThat(await(grid.profiles().read(user))).isNull();
        assertThat(await(grid.profiles().read(cookie))).isNull();
        assertThat(grid.customers().linksOf(user)).isEmpty();
        await(grid.profiles().apply(cookie, List.of(view("c3", "cara-phone", null, "run-2"))));
        assertThat(profile(cookie).count(EventType.VIEW)).as("a new, empty profile").isEqualTo(1);
        assertThat(await(grid.profiles().read(user))).isNull();
    }

    @Test
    void shouldCountAndPageSegmentMembersWhereTheProfilesAre() throws Exception
    {
        for (int i = 0; i < 7; i++)
        {
            await(grid.profiles().apply(ProfileKeys.user("seg-" + i), List.of(new Event("s" + i,
                EventType.PURCHASE, "seg-" + i, null, "run-1", List.of(), 100.0 * i, CLOCK.millis(), Channel.WEB, null,
                null))));
        }
        final Segment spenders = new Segment("spenders", Purpose.PERSONALIZATION, new SegmentRule.Field(
            ProfileField.SPEND, null, null, Comparison.GTE, 300), List.of(), List.of());

        final SegmentScan first = grid.profiles().aggregate(new SegmentScanAggregator(spenders, CLOCK.millis(), "",
            3, 64));
        final SegmentScan second = grid.profiles().aggregate(new SegmentScanAggregator(spenders, CLOCK.millis(),
            first.keys().get(2), 3, 64));

        assertThat(first.count()).isEqualTo(4);
        assertThat(first.keys()).containsExactly("u:seg-3", "u:seg-4", "u:seg-5");
        assertThat(second.keys()).containsExactly("u:seg-6");
    }

    @Test
    void shouldExpireIdleProfilesButKeepAWithdrawnConsent() throws Exception
    {
        final String idle = ProfileKeys.user("idle");
        final String objector = ProfileKeys.user("objector");
        final String cookie = ProfileKeys.anonymous("idle-phone");
        await(grid.profiles().apply(idle, List.of(view("i1", null, "idle", "run-1"))));
        await(grid.customers().link(cookie, idle, CLOCK.millis()));
        await(grid.profiles().setConsent(objector, false, null, CLOCK.millis()));
        CLOCK.advance(Duration.ofDays(31));
        final String active = ProfileKeys.user("active");
        await(grid.profiles().apply(active, List.of(view("x1", null, "active", "run-1"))));

        final int expired = grid.expireIdleProfilesNow();

        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(await(grid.profiles().read(idle))).isNull();
        assertThat(await(grid.profiles().read(cookie))).isNull();
        assertThat(grid.customers().linksOf(idle)).isEmpty();
        assertThat(await(grid.profiles().read(active))).isNotNull();
        assertThat(await(grid.profiles().read(objector))).as("the objection is remembered").isNotNull();
    }

    private static Event view(final String id, final String anonymousId, final String user, final String product)
    {
        return new Event(id, EventType.VIEW, user, anonymousId, product, List.of(), Double.NaN, CLOCK.millis(),
            Channel.WEB, null, null);
    }

    private static Profile profile(final String key) throws Exception
    {
        return ProfileCodec.decode(await(grid.profiles().read(key)), new Profile(64));
    }

    private static <T> T await(final CompletionStage<T> stage) throws Exception
    {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
