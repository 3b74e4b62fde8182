package io.tailor.benchmarks.customer;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.segment.Comparison;
import io.tailor.scoring.segment.Measure;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentRule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What customer data costs per profile: one view applied to a busy shopper's stored profile (decode, apply
 * with the activity log kept within 2 KiB, encode), and a segment evaluated against a stored profile, as a
 * segment count or member page does for every profile on a member.
 * <p>
 * {@code decode} is the baseline of the scan: a scan costs about {@code decodeAndMatch*} per profile and
 * member, divided over the partition threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CustomerDataBenchmark
{
    private static final long NOW = 1_793_491_200_000L;
    private static final long MINUTE = 60_000L;

    private CatalogSnapshot catalog;
    private ProfileUpdater updater;
    private Profile scratch;
    private byte[] stored;
    private Event[] views;
    private int next;
    private Segment bigSpenders;
    private Segment categoryBrowsers;

    /** Builds a catalog of 2,000 products in 40 categories and a busy shopper's profile. */
    @Setup
    public void setUp()
    {
        final List<Product> products = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
        {
            products.add(new Product("p" + i, "Product " + i, "dept-" + (i % 8) + "/cat-" + (i % 40),
                "Brand" + (i % 25), 10 + i % 300, Map.of("style", List.of("s" + (i % 7))), true,
                NOW - 90 * 86_400_000L, false, null));
        }
        catalog = CatalogSnapshot.build(products, null, new ContentVectorizer(64), 1);
        updater = new ProfileUpdater(ProfileSettings.DEFAULT);
        final Profile profile = new Profile(64);
        for (int i = 0; i < 400; i++)
        {
            final long at = NOW - 3 * 86_400_000L + i * 10 * MINUTE;
            updater.apply(profile, view("h" + i, "p" + (i * 37 % 2_000), at), catalog, ItemSignalHandler.NONE);
            if (i % 20 == 0)
            {
                final List<LineItem> lines = List.of(new LineItem("p" + (i * 11 % 2_000), 1, 250.0),
                    new LineItem("p" + (i * 13 % 2_000), 2, 40.0));
                updater.apply(profile, new Event("o" + i, EventType.PURCHASE, "u", null, null, lines, Double.NaN, at,
                    Channel.WEB, null, null), catalog, ItemSignalHandler.NONE);
            }
        }
        stored = ProfileCodec.encode(profile);
        scratch = new Profile(64);
        views = new Event[4_096];
        for (int i = 0; i < views.length; i++)
        {
            views[i] = view("v" + i, "p" + (i * 7 % 2_000), NOW + i * 20_000L);
        }
        bigSpenders = new Segment("big", Purpose.PERSONALIZATION, new SegmentRule.And(List.of(
            new SegmentRule.Window(Measure.SUM, EventType.PURCHASE, null, null, 2 * 86_400_000L, Comparison.GTE,
                100_000),
            new SegmentRule.Not(new SegmentRule.Window(Measure.COUNT, EventType.SERVICE, null, null,
                2 * 86_400_000L, Comparison.GTE, 1)))), List.of(), List.of());
        categoryBrowsers = new Segment("dept", Purpose.PERSONALIZATION, new SegmentRule.Window(Measure.COUNT,
            EventType.VIEW, null, "dept-3", 7 * 86_400_000L, Comparison.GTE, 3), List.of(), List.of())
            .bind(catalog);
    }

    private static Event view(final String id, final String product, final long at)
    {
        return new Event(id, EventType.VIEW, "u", null, product, List.of(), Double.NaN, at, Channel.WEB, null, null);
    }

    /**
     * Baseline: decode a stored profile.
     *
     * @return the profile's version.
     */
    @Benchmark
    public long decode()
    {
        return ProfileCodec.decode(stored, scratch).version();
    }

    /**
     * One view on the owner: decode, apply, encode (what the events entry processor does per shopper).
     *
     * @return the new binary form.
     */
    @Benchmark
    public byte[] decodeApplyEncode()
    {
        ProfileCodec.decode(stored, scratch);
        updater.apply(scratch, views[next++ & (views.length - 1)], catalog, ItemSignalHandler.NONE);
        return ProfileCodec.encode(scratch);
    }

    /**
     * The brief's segment ("at least 100,000 in 2 days, no service contact") against a stored profile.
     *
     * @return membership.
     */
    @Benchmark
    public boolean decodeAndMatchBigSpenders()
    {
        return bigSpenders.member(ProfileCodec.decode(stored, scratch), NOW);
    }

    /**
     * A category window ("3 views in dept-3 within 7 days", 250 products) against a stored profile.
     *
     * @return membership.
     */
    @Benchmark
    public boolean decodeAndMatchCategoryWindow()
    {
        return categoryBrowsers.member(ProfileCodec.decode(stored, scratch), NOW);
    }
}
