package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImpressionRecordTest
{
    private static final long NOW = 1_767_225_600_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long WEEK = Duration.ofDays(7).toMillis();

    @Test
    void shouldCountEveryProductOfEveryListOnceAndSurviveEncoding()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("a"), key("b")};

        assertThat(record.apply(key("list-1"), shown, 2, NOW, DAY)).isTrue();
        assertThat(record.apply(key("list-2"), shown, 1, NOW + 1_000, DAY)).isTrue();

        final ImpressionRecord decoded = new ImpressionRecord().decode(record.encode());
        assertThat(decoded.impressions(key("a"), NOW + 2_000, DAY)).isEqualTo(2);
        assertThat(decoded.impressions(key("b"), NOW + 2_000, DAY)).isEqualTo(1);
        assertThat(decoded.impressions(key("c"), NOW + 2_000, DAY)).isZero();
    }

    @Test
    void shouldCountAListDeliveredTwiceOnce()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("a")};
        record.apply(key("list-1"), shown, 1, NOW, DAY);

        final ImpressionRecord again = new ImpressionRecord().decode(record.encode());
        assertThat(again.apply(key("list-1"), shown, 1, NOW + 10, DAY)).isFalse();
        assertThat(again.impressions(key("a"), NOW + 20, DAY)).isEqualTo(1);
    }

    @Test
    void shouldRestartCountingOnceAProductsWindowHasPassed()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("a")};
        record.apply(key("list-1"), shown, 1, NOW, DAY);
        record.apply(key("list-2"), shown, 1, NOW + 1_000, DAY);

        assertThat(record.impressions(key("a"), NOW + DAY, DAY)).as("window over").isZero();
        record.apply(key("list-3"), shown, 1, NOW + DAY + 5_000, DAY);
        assertThat(record.impressions(key("a"), NOW + DAY + 6_000, DAY)).isEqualTo(1);
    }

    @Test
    void shouldStayBoundedByDroppingTheProductWhoseWindowOpenedFirst()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        for (int i = 0; i < ImpressionRecord.MAX_PRODUCTS + 10; i++)
        {
            record.apply(key("list-" + i), new long[] {key("p" + i)}, 1, NOW + i * 1_000L, DAY);
        }

        assertThat(record.productCount()).isEqualTo(ImpressionRecord.MAX_PRODUCTS);
        assertThat(record.impressions(key("p0"), NOW + DAY / 2, DAY)).as("oldest made room").isZero();
        assertThat(record.impressions(key("p" + (ImpressionRecord.MAX_PRODUCTS + 9)), NOW + DAY / 2, DAY))
            .isEqualTo(1);
        assertThat(record.encode().length).isLessThan(600);
    }

    @Test
    void shouldKeepCountingAProductShownOftenWhileManyOthersAreShownOnce()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        for (int i = 0; i < 3; i++)
        {
            record.apply(key("capped-list-" + i), new long[] {key("capped")}, 1, NOW + i, DAY);
        }
        for (int i = 0; i < ImpressionRecord.MAX_PRODUCTS * 2; i++)
        {
            record.apply(key("list-" + i), new long[] {key("p" + i)}, 1, NOW + 1_000L + i * 1_000L, DAY);
        }

        assertThat(record.productCount()).isEqualTo(ImpressionRecord.MAX_PRODUCTS);
        assertThat(record.impressions(key("capped"), NOW + DAY / 2, DAY))
            .as("the product shown three times is not the one that makes room, though its window opened first")
            .isEqualTo(3);
        assertThat(record.impressions(key("p" + (ImpressionRecord.MAX_PRODUCTS * 2 - 1)), NOW + DAY / 2, DAY))
            .isEqualTo(1);
    }

    @Test
    void shouldAddARecordsCountsToTheProfilesOwnForTheFrequencyCap()
    {
        final Profile profile = new Profile(8);
        profile.impressions().record(key("a"), NOW, DAY, 1);
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        record.apply(key("list-1"), new long[] {key("a"), key("b")}, 2, NOW + 1_000, DAY);
        record.apply(key("list-2"), new long[] {key("a")}, 1, NOW + 2_000, DAY);

        ImpressionRecord.overlay(record.encode(), profile, NOW + 3_000, DAY);

        assertThat(profile.impressions().shown(key("a"), NOW + 3_000, DAY)).isEqualTo(3);
        assertThat(profile.impressions().shown(key("b"), NOW + 3_000, DAY)).isEqualTo(1);
        assertThat(profile.impressions().size()).isEqualTo(2);
    }

    @Test
    void shouldSpareAProductTheShopperWentBackToUntilAListShowsItAgain()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
        final Profile profile = new Profile(Fixtures.D);
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("p0-1"), key("p0-2"), key("p0-3")};
        final int tag = ImpressionRecord.tag(1, 0, false);
        for (int list = 0; list < 3; list++)
        {
            record.apply(key("list-" + list), shown, 3, NOW + list * 10_000L, DAY, tag, 0, DAY);
        }
        // p0-1 viewed after the last list that showed it; p0-2 viewed in that list's second; p0-3 never.
        updater.apply(profile, Fixtures.event("v1", EventType.VIEW, "u", "p0-1", NOW + 25_000L), catalog,
            ItemSignalHandler.NONE);
        updater.apply(profile, Fixtures.event("v2", EventType.VIEW, "u", "p0-2", NOW + 20_400L), catalog,
            ItemSignalHandler.NONE);

        final Profile spared = ProfileCodec.decode(ProfileCodec.encode(profile), new Profile(Fixtures.D));
        ImpressionRecord.overlay(record.encode(), spared, NOW + 30_000L, DAY, true);
        final Profile counted = ProfileCodec.decode(ProfileCodec.encode(profile), new Profile(Fixtures.D));
        ImpressionRecord.overlay(record.encode(), counted, NOW + 30_000L, DAY, false);

        assertThat(spared.impressions().shown(key("p0-1"), NOW + 30_000L, DAY)).isZero();
        assertThat(spared.impressions().shown(key("p0-2"), NOW + 30_000L, DAY)).isEqualTo(3);
        assertThat(spared.impressions().shown(key("p0-3"), NOW + 30_000L, DAY)).isEqualTo(3);
        assertThat(counted.impressions().shown(key("p0-1"), NOW + 30_000L, DAY)).isEqualTo(3);

        // Shown again and not gone back to: every impression counts again.
        record.apply(key("list-3"), shown, 1, NOW + 40_000L, DAY, tag, 0, DAY);
        final Profile again = ProfileCodec.decode(ProfileCodec.encode(profile), new Profile(Fixtures.D));
        ImpressionRecord.overlay(record.encode(), again, NOW + 50_000L, DAY, true);
        assertThat(again.impressions().shown(key("p0-1"), NOW + 50_000L, DAY)).isEqualTo(4);
    }

    @Test
    void shouldRestartTheCountOfAProductTheShopperWentBackToAfterAListShowedIt()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final int tag = ImpressionRecord.tag(1, 0, false);
        final long[] shown = {key("a"), key("b")};
        for (int list = 0; list < 3; list++)
        {
            record.apply(key("list-" + list), shown, 2, NOW + list * 10_000L, DAY, tag, 0, DAY);
        }

        // Gone back to a at once; to b in the second of the last list that showed it (not after it).
        final ImpressionRecord stored = new ImpressionRecord().decode(record.encode());
        assertThat(stored.apply(0L, new long[] {key("a")}, 1, NOW + 25_000L, DAY, ImpressionRecord.RETURNED, 0, DAY))
            .isTrue();
        assertThat(stored.returned(new long[] {key("b")}, 1, NOW + 20_500L)).isFalse();

        final ImpressionRecord after = new ImpressionRecord().decode(stored.encode());
        assertThat(after.impressions(key("a"), NOW + 30_000L, DAY)).isZero();
        assertThat(after.impressions(key("b"), NOW + 30_000L, DAY)).isEqualTo(3);
        after.apply(key("list-3"), shown, 2, NOW + 40_000L, DAY, tag, 0, DAY);
        assertThat(after.impressions(key("a"), NOW + 50_000L, DAY)).as("counted from the return on").isEqualTo(1);
        assertThat(after.impressions(key("b"), NOW + 50_000L, DAY)).isEqualTo(4);
    }

    @Test
    void shouldKeepTheCountOfAProductWhoseLastShowingTheRecordNoLongerHolds()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final Profile profile = new Profile(Fixtures.D);
        new ProfileUpdater(ProfileSettings.DEFAULT).apply(profile,
            Fixtures.event("v1", EventType.VIEW, "u", "p0-1", NOW + 25_000L), catalog, ItemSignalHandler.NONE);
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        // Counted only (no tag): no newest list is kept for the product.
        record.apply(key("list-1"), new long[] {key("p0-1")}, 1, NOW, DAY);

        ImpressionRecord.overlay(record.encode(), profile, NOW + 30_000L, DAY, true);

        assertThat(profile.impressions().shown(key("p0-1"), NOW + 30_000L, DAY)).isEqualTo(1);
    }

    @Test
    void shouldLeaveTheProfileAloneWithoutARecord()
    {
        final Profile profile = new Profile(8);

        ImpressionRecord.overlay(null, profile, NOW, DAY);
        ImpressionRecord.overlay(new byte[0], profile, NOW, DAY);

        assertThat(profile.impressions().size()).isZero();
    }

    @Test
    void shouldRememberTheNewestListThatShowedAProductForAttribution()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final int home = ImpressionRecord.tag(0, 1, true);
        final int cart = ImpressionRecord.tag(2, 0, false);
        record.apply(key("list-1"), new long[] {key("a"), key("b")}, 2, NOW, DAY, home, "treatment".hashCode(), WEEK);
        record.apply(key("list-2"), new long[] {key("b")}, 1, NOW + 60_000, DAY, cart, 0, WEEK);

        final ImpressionRecord decoded = new ImpressionRecord().decode(record.encode());
        final ImpressionRecord shownOnly = new ImpressionRecord().decodeShown(record.encode());
        assertThat(shownOnly.shownCount()).isEqualTo(2);
        assertThat(shownOnly.shownTag(shownOnly.shown(key("b"), NOW + DAY, WEEK))).isEqualTo(cart);
        final int a = decoded.shown(key("a"), NOW + DAY, WEEK);
        assertThat(a).isNotNegative();
        assertThat(decoded.shownTag(a)).isEqualTo(home);
        assertThat(ImpressionRecord.placementOf(decoded.shownTag(a))).isZero();
        assertThat(ImpressionRecord.strategyOf(decoded.shownTag(a))).isEqualTo(1);
        assertThat(ImpressionRecord.inArm(decoded.shownTag(a))).isTrue();
        assertThat(decoded.shownArm(a)).isEqualTo("treatment".hashCode());
        assertThat(decoded.shownAtMs(a)).isEqualTo(NOW);
        final int b = decoded.shown(key("b"), NOW + DAY, WEEK);
        assertThat(decoded.shownTag(b)).as("last touch").isEqualTo(cart);
        assertThat(ImpressionRecord.inArm(decoded.shownTag(b))).isFalse();
        assertThat(decoded.shown(key("c"), NOW + DAY, WEEK)).as("never shown").isEqualTo(-1);
    }

    @Test
    void shouldNotCreditAProductShownOutsideTheWindowOrAfterThePurchase()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        record.apply(key("list-1"), new long[] {key("a")}, 1, NOW, DAY, ImpressionRecord.tag(0, 1, false), 0, WEEK);

        assertThat(record.shown(key("a"), NOW + WEEK, WEEK)).isZero();
        assertThat(record.shown(key("a"), NOW + WEEK + 1_000, WEEK)).as("window over").isEqualTo(-1);
        assertThat(record.shown(key("a"), NOW - DAY, WEEK)).as("bought before it was shown").isEqualTo(-1);

        record.apply(key("list-2"), new long[] {key("b")}, 1, NOW + WEEK + 1_000, DAY,
            ImpressionRecord.tag(0, 1, false), 0, WEEK);
        assertThat(record.shownCount()).as("expired entries dropped").isEqualTo(1);
    }

    @Test
    void shouldDropEachProductAndShownEntryOnceItsOwnWindowHasPassedWhateverTheOrder()
    {
        // windows opened an hour apart; each later apply must drop exactly those whose window passed by then,
        // in a record decoded from bytes (as the owner applies it) and in the same scratch across applies
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final int tag = ImpressionRecord.tag(0, 1, false);
        final long hour = Duration.ofHours(1).toMillis();
        for (int i = 0; i < 4; i++)
        {
            record.apply(key("list-" + i), new long[] {key("p" + i)}, 1, NOW + i * hour, DAY, tag, 0, DAY);
        }
        final ImpressionRecord stored = new ImpressionRecord().decode(record.encode());

        stored.apply(key("list-4"), new long[] {key("p4")}, 1, NOW + DAY + hour / 2, DAY, tag, 0, DAY);
        assertThat(stored.productCount()).as("p0 passed, p1..p4 kept").isEqualTo(4);
        assertThat(stored.shownCount()).isEqualTo(4);
        stored.apply(key("list-5"), new long[] {key("p4")}, 1, NOW + DAY + 2 * hour + hour / 2, DAY, tag, 0, DAY);
        assertThat(stored.productCount()).as("p1 and p2 passed too").isEqualTo(2);
        assertThat(stored.shownCount()).isEqualTo(2);
        assertThat(stored.impressions(key("p3"), NOW + DAY + 2 * hour + hour / 2, DAY)).isEqualTo(1);
        assertThat(stored.impressions(key("p4"), NOW + DAY + 2 * hour + hour / 2, DAY)).isEqualTo(2);

        final ImpressionRecord merged = new ImpressionRecord().decode(null);
        merged.merge(new ImpressionRecord().decode(record.encode()), NOW + DAY + hour / 2, DAY, DAY);
        merged.apply(key("list-6"), new long[] {key("p9")}, 1, NOW + DAY + 3 * hour + hour / 2, DAY, tag, 0, DAY);
        assertThat(merged.productCount()).as("of a merged record, p0 dropped at the merge, p1..p3 now").isEqualTo(1);
        assertThat(merged.shownCount()).isEqualTo(1);
    }

    @Test
    void shouldStayBoundedWhenManyListsShowManyProducts()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = new long[10];
        for (int list = 0; list < 40; list++)
        {
            for (int i = 0; i < shown.length; i++)
            {
                shown[i] = key("p" + list + "-" + i);
            }
            record.apply(key("list-" + list), shown, shown.length, NOW + list * 1_000L, DAY,
                ImpressionRecord.tag(0, 1, true), "arm".hashCode(), WEEK);
        }

        assertThat(record.shownCount()).isEqualTo(ImpressionRecord.MAX_SHOWN);
        assertThat(record.shown(key("p0-0"), NOW + 50_000, WEEK)).as("oldest made room").isEqualTo(-1);
        assertThat(record.shown(key("p39-9"), NOW + 50_000, WEEK)).isNotNegative();
        assertThat(record.encode().length).isLessThan(1_500);
    }

    /**
     * The record against a plain model of its contract, over random lists from a small catalog so that records
     * fill, lists repeat products and most lists make room: a product's count and the newest list that showed it
     * must be what the model says after every list, through decode and store. The model keeps entries in slots as
     * the record does: a product that makes room is the one shown least often, of those the one whose window opened
     * first, of those the first slot; a shown entry that makes room is the one shown longest ago, of those the first
     * slot.
     */
    @Test
    void shouldCountAndRememberAsItsContractSaysWhenFullRecordsMakeRoom()
    {
        final SplittableRandom random = new SplittableRandom(7L);
        final long[] catalog = new long[300];
        for (int i = 0; i < catalog.length; i++)
        {
            catalog[i] = key("p" + i);
        }
        byte[] bytes = null;
        final ImpressionRecord record = new ImpressionRecord();
        final RecordModel model = new RecordModel();
        final long[] list = new long[10];
        long atMs = NOW;
        for (int n = 0; n < 400; n++)
        {
            atMs += random.nextInt(3) * 1_000L;
            for (int i = 0; i < list.length; i++)
            {
                list[i] = catalog[random.nextInt(catalog.length)];
            }
            final int count = 1 + random.nextInt(list.length);
            final int tag = ImpressionRecord.tag(n % 4, 1, false);
            record.decode(bytes);
            record.apply(key("list-" + n), list, count, atMs, DAY, tag, 0, WEEK);
            bytes = record.store();
            model.apply(list, count, atMs, tag);

            final ImpressionRecord read = new ImpressionRecord().decode(bytes);
            for (final long product : catalog)
            {
                assertThat(read.impressions(product, atMs, DAY)).as("count of %s after list %s", product, n)
                    .isEqualTo(model.count(product));
                final int entry = read.shown(product, atMs, WEEK);
                final int expected = model.shownSlot(product);
                assertThat(entry >= 0).as("%s remembered after list %s", product, n).isEqualTo(expected >= 0);
                if (entry >= 0)
                {
                    assertThat(read.shownAtMs(entry)).isEqualTo(model.shownAtMs[expected]);
                    assertThat(read.shownTag(entry)).isEqualTo(model.shownTags[expected]);
                }
            }
        }
        assertThat(model.productCount).isEqualTo(ImpressionRecord.MAX_PRODUCTS);
        assertThat(model.shownCount).isEqualTo(ImpressionRecord.MAX_SHOWN);
    }

    /** The contract of {@link ImpressionRecord#apply} within one window, written plainly (see the test above). */
    private static final class RecordModel
    {
        final int[] fingerprints = new int[ImpressionRecord.MAX_PRODUCTS];
        final int[] counts = new int[ImpressionRecord.MAX_PRODUCTS];
        final long[] sinceMs = new long[ImpressionRecord.MAX_PRODUCTS];
        final int[] shownFingerprints = new int[ImpressionRecord.MAX_SHOWN];
        final long[] shownAtMs = new long[ImpressionRecord.MAX_SHOWN];
        final int[] shownTags = new int[ImpressionRecord.MAX_SHOWN];
        int productCount;
        int shownCount;

        void apply(final long[] list, final int count, final long atMs, final int tag)
        {
            final long at = atMs / 1_000L * 1_000L;
            for (int p = 0; p < count; p++)
            {
                final int fingerprint = Profile.impressionFingerprint(list[p]);
                final int found = indexOf(fingerprints, productCount, fingerprint);
                if (found >= 0)
                {
                    counts[found]++;
                    continue;
                }
                int slot = productCount;
                if (slot == ImpressionRecord.MAX_PRODUCTS)
                {
                    slot = 0;
                    for (int i = 1; i < productCount; i++)
                    {
                        if (counts[i] < counts[slot] || counts[i] == counts[slot] && sinceMs[i] < sinceMs[slot])
                        {
                            slot = i;
                        }
                    }
                }
                else
                {
                    productCount++;
                }
                fingerprints[slot] = fingerprint;
                counts[slot] = 1;
                sinceMs[slot] = at;
            }
            for (int p = 0; p < count; p++)
            {
                final int fingerprint = Profile.impressionFingerprint(list[p]);
                int slot = indexOf(shownFingerprints, shownCount, fingerprint);
                if (slot < 0 && shownCount < ImpressionRecord.MAX_SHOWN)
                {
                    slot = shownCount++;
                }
                else if (slot < 0)
                {
                    slot = 0;
                    for (int i = 1; i < shownCount; i++)
                    {
                        if (shownAtMs[i] < shownAtMs[slot])
                        {
                            slot = i;
                        }
                    }
                }
                shownFingerprints[slot] = fingerprint;
                shownAtMs[slot] = at;
                shownTags[slot] = tag;
            }
        }

        int count(final long product)
        {
            final int i = indexOf(fingerprints, productCount, Profile.impressionFingerprint(product));
            return i < 0 ? 0 : counts[i];
        }

        int shownSlot(final long product)
        {
            return indexOf(shownFingerprints, shownCount, Profile.impressionFingerprint(product));
        }

        private static int indexOf(final int[] fingerprints, final int count, final int fingerprint)
        {
            for (int i = 0; i < count; i++)
            {
                if (fingerprints[i] == fingerprint)
                {
                    return i;
                }
            }
            return -1;
        }
    }

    @Test
    void shouldRefuseATruncatedRecordRatherThanReadWhatAnEarlierRecordLeftInItsCopy()
    {
        // 16 products fill their section's room and the shown section's: the record's last byte is a shown entry's
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = new long[16];
        for (int i = 0; i < shown.length; i++)
        {
            shown[i] = key("p" + i);
        }
        record.apply(key("list"), shown, shown.length, NOW, DAY, ImpressionRecord.tag(0, 1, false), 0, WEEK);
        final byte[] whole = record.encode();
        final ImpressionRecord reader = new ImpressionRecord().decode(whole);
        assertThat(reader.productCount()).isEqualTo(16);
        assertThat(reader.shownCount()).isEqualTo(16);

        for (final int length : new int[] {whole.length - 1, whole.length / 2, 20})
        {
            final byte[] truncated = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> reader.decode(truncated)).as("%s of %s bytes", length, whole.length)
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> reader.decodeShown(truncated)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void shouldMergeALinkedIdsRecordKeepingTheNewestListPerProduct()
    {
        final int home = ImpressionRecord.tag(0, 1, true);
        final int email = ImpressionRecord.tag(3, 0, false);
        final ImpressionRecord customer = new ImpressionRecord().decode(null);
        customer.apply(key("list-c"), new long[] {key("a"), key("b")}, 2, NOW + 5_000, DAY, email, 0, WEEK);
        final ImpressionRecord cookie = new ImpressionRecord().decode(null);
        cookie.apply(key("list-x"), new long[] {key("a"), key("c")}, 2, NOW, DAY, home, "arm".hashCode(), WEEK);
        cookie.apply(key("list-old"), new long[] {key("d")}, 1, NOW - 2 * WEEK, DAY, home, "arm".hashCode(), 3 * WEEK);

        customer.merge(new ImpressionRecord().decode(cookie.encode()), NOW + 10_000, DAY, WEEK);

        assertThat(customer.impressions(key("a"), NOW + 10_000, DAY)).as("counts add up").isEqualTo(2);
        assertThat(customer.impressions(key("c"), NOW + 10_000, DAY)).isEqualTo(1);
        assertThat(customer.shownTag(customer.shown(key("a"), NOW + 10_000, WEEK))).as("the newer list")
            .isEqualTo(email);
        final int c = customer.shown(key("c"), NOW + 10_000, WEEK);
        assertThat(customer.shownTag(c)).isEqualTo(home);
        assertThat(customer.shownArm(c)).isEqualTo("arm".hashCode());
        assertThat(customer.shown(key("d"), NOW + 10_000, 3 * WEEK)).as("past the window, dropped").isEqualTo(-1);
        assertThat(customer.apply(key("list-x"), new long[] {key("a")}, 1, NOW + 20_000, DAY))
            .as("the cookie's lists count once").isFalse();
    }

    @Test
    void shouldReadRecordsOfTheEarlierLayoutsWithAndWithoutShownProducts()
    {
        final long list = key("list-1");
        final byte[] countsOnly = fixedLayout(key("a"), 3, list, false);
        final byte[] withShown = fixedLayout(key("a"), 3, list, true);

        final ImpressionRecord decoded = new ImpressionRecord().decode(countsOnly);
        assertThat(decoded.impressions(key("a"), NOW + 1_000, DAY)).isEqualTo(3);
        assertThat(decoded.shownCount()).isZero();
        final ImpressionRecord shown = new ImpressionRecord().decode(withShown);
        assertThat(shown.shown(key("a"), NOW + 1_000, WEEK)).isZero();
        assertThat(new ImpressionRecord().decodeShown(withShown).shown(key("a"), NOW + 1_000, WEEK)).isZero();

        assertThat(shown.apply(list, new long[] {key("a")}, 1, NOW + 2_000, DAY)).as("its list counted").isFalse();
        shown.apply(key("list-2"), new long[] {key("a")}, 1, NOW + 2_000, DAY);
        final byte[] stored = shown.store();
        assertThat(stored).as("never written in place").isNotSameAs(withShown);
        assertThat(new ImpressionRecord().decode(stored).impressions(key("a"), NOW + 3_000, DAY)).isEqualTo(4);
    }

    @Test
    void shouldStoreIntoTheDecodedArrayWhileItHasRoomAndIntoANewOneOnceItHasNot()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final int tag = ImpressionRecord.tag(0, 1, false);
        record.apply(key("list-0"), new long[] {key("p0")}, 1, NOW, DAY, tag, 0, WEEK);
        final byte[] first = record.store();

        final ImpressionRecord owner = new ImpressionRecord().decode(first);
        owner.apply(key("list-1"), new long[] {key("p0"), key("p1")}, 2, NOW + 1_000, DAY, tag, 0, WEEK);
        assertThat(owner.store()).as("room for 16 products and shown entries").isSameAs(first);
        final ImpressionRecord read = new ImpressionRecord().decode(first);
        assertThat(read.impressions(key("p0"), NOW + 2_000, DAY)).isEqualTo(2);
        assertThat(read.shown(key("p1"), NOW + 2_000, WEEK)).isNotNegative();

        final long[] many = new long[20];
        for (int i = 0; i < many.length; i++)
        {
            many[i] = key("q" + i);
        }
        owner.apply(key("list-2"), many, many.length, NOW + 3_000, DAY, tag, 0, WEEK);
        final byte[] grown = owner.store();
        assertThat(grown).as("22 products need more room").isNotSameAs(first);
        assertThat(new ImpressionRecord().decode(grown).productCount()).isEqualTo(22);
        owner.apply(key("list-3"), new long[] {key("q0")}, 1, NOW + 4_000, DAY, tag, 0, WEEK);
        assertThat(owner.store()).as("the grown array is the one written in place next").isSameAs(grown);
    }

    @Test
    void shouldLetAnotherThreadReadOnlyWholeRecordsWhileTheOwnerWritesInPlace() throws Exception
    {
        // Every list shows the same product twice over two fields: a reader that saw half a list would find the
        // counts of "a" and "b" apart. The frequency cap reads records this way from the event loops.
        final ImpressionRecord owner = new ImpressionRecord().decode(null);
        owner.apply(key("list-0"), new long[] {key("a"), key("b")}, 2, NOW, DAY);
        final byte[] stored = owner.store();
        owner.decode(stored);
        final int lists = 20_000;
        final AtomicInteger torn = new AtomicInteger();
        final AtomicBoolean done = new AtomicBoolean();
        final Thread reader = new Thread(() ->
        {
            final ImpressionRecord scratch = new ImpressionRecord();
            while (!done.get())
            {
                scratch.decode(stored);
                final long now = NOW + DAY / 2;
                if (scratch.impressions(key("a"), now, DAY) != scratch.impressions(key("b"), now, DAY))
                {
                    torn.incrementAndGet();
                }
            }
        });
        reader.start();
        for (int i = 1; i <= lists; i++)
        {
            owner.apply(key("list-" + i), new long[] {key("a"), key("b")}, 2, NOW + i, DAY);
            assertThat(owner.store()).isSameAs(stored);
        }
        done.set(true);
        reader.join(10_000);

        assertThat(torn.get()).isZero();
        assertThat(new ImpressionRecord().decode(stored).impressions(key("b"), NOW + DAY / 2, DAY))
            .isEqualTo(Math.min(0xFFFF, lists + 1));
    }

    /** A record as written before sections had room and a version ('I'), optionally with its shown section. */
    private static byte[] fixedLayout(final long product, final int count, final long list, final boolean shown)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte)'I').put((byte)1).putInt(Profile.impressionFingerprint(product)).putShort((short)count)
            .putInt(ProfileCodec.toSeconds(NOW)).put((byte)1).putLong(list);
        if (shown)
        {
            buffer.put((byte)1).putInt(Profile.impressionFingerprint(product)).putInt(ProfileCodec.toSeconds(NOW))
                .put((byte)ImpressionRecord.tag(0, 1, false)).putInt(0);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static long key(final String id)
    {
        return Hashing.key(id);
    }
}
