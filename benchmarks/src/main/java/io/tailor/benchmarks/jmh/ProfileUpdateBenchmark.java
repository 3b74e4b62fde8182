package io.tailor.benchmarks.jmh;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.CooccurrenceKind;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileUpdater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One view event applied to a realistic profile (issue 3: at most 5 us per event).
 * <p>
 * {@code apply}: {@link ProfileUpdater#apply} on a live profile. {@code decodeApplyEncode}: what the grid's
 * {@code ApplyEventsProcessor} does per shopper for a batch of one event: decode the stored bytes into a
 * scratch profile, apply, encode the new bytes. Not included: Hazelcast's entry-processor machinery, the
 * backup and the item-signal aggregator's ring buffer (the signals go to a handler that only sums them).
 * <p>
 * The profile is the most active shopper's of a {@link SyntheticStore} (recent ring, owned items, categories,
 * brands and event ids all filled); the events view products of that shopper's categories 20 seconds apart,
 * each with a new id, so every one is applied and every one emits co-view pairs, as in a browsing session.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ProfileUpdateBenchmark
{
    private static final int EVENT_IDS = 4096;
    private static final long EVENT_SPACING_MS = 20_000L;

    @Param("100000")
    int products;

    @Param("20000")
    int shoppers;

    private CatalogSnapshot catalog;
    private ProfileUpdater updater;
    private Profile profile;
    private Profile scratch;
    private byte[] stored;
    private String shopper;
    private final String[] eventIds = new String[EVENT_IDS];
    private final String[] viewed = new String[EVENT_IDS];
    private long atMs;
    private int next;
    private final SummingSignalHandler signals = new SummingSignalHandler();

    /** Picks the fullest profile of a generated store and the products its events will view. */
    @Setup
    public void setUp()
    {
        final SyntheticStore store = SyntheticStore.generate(products, shoppers, 42L);
        catalog = store.catalog;
        updater = new ProfileUpdater(store.profileSettings);
        Profile fullest = store.profiles.get(0);
        for (final Profile candidate : store.profiles)
        {
            if (ProfileCodec.encodedLength(candidate) > ProfileCodec.encodedLength(fullest))
            {
                fullest = candidate;
            }
        }
        profile = new Profile(SyntheticStore.DIMENSIONS).copyFrom(fullest);
        scratch = new Profile(SyntheticStore.DIMENSIONS);
        stored = ProfileCodec.encode(profile);
        shopper = "benchmark-shopper";
        final SplittableRandom random = new SplittableRandom(7L);
        for (int i = 0; i < EVENT_IDS; i++)
        {
            eventIds[i] = "view-" + i;
            final int recent = random.nextInt(profile.recentCount());
            final int leafProduct = catalog.indexOf(profile.recentKey(recent));
            viewed[i] = catalog.product(neighbourInCategory(store, leafProduct, random)).id();
        }
        atMs = Math.max(SyntheticStore.NOW_MS, profile.updatedAtMs());
    }

    /**
     * Applies the next view to the live profile.
     *
     * @return the outcome, applied every time.
     */
    @Benchmark
    public ProfileUpdater.Outcome apply()
    {
        return updater.apply(profile, nextView(), catalog, signals);
    }

    /**
     * Decodes the stored profile, applies the next view and encodes it again, as the grid does per event.
     *
     * @return the new stored form.
     */
    @Benchmark
    public byte[] decodeApplyEncode()
    {
        final Profile current = ProfileCodec.decode(stored, scratch);
        updater.apply(current, nextView(), catalog, signals);
        stored = ProfileCodec.encode(current);
        return stored;
    }

    /**
     * The live profile, for tests.
     *
     * @return the profile {@link #apply} changes.
     */
    Profile profile()
    {
        return profile;
    }

    private Event nextView()
    {
        final int i = next;
        next = (i + 1) & (EVENT_IDS - 1);
        atMs += EVENT_SPACING_MS;
        return new Event(eventIds[i], EventType.VIEW, shopper, null, viewed[i], List.of(), Double.NaN, atMs,
            Channel.WEB, null, null);
    }

    private static int neighbourInCategory(final SyntheticStore store, final int item, final SplittableRandom random)
    {
        final String category = store.catalog.categoryPath(store.catalog.categoryOf(item));
        for (final int[] leaf : store.leafProducts)
        {
            if (leaf.length > 0 && store.catalog.categoryPath(store.catalog.categoryOf(leaf[0])).equals(category))
            {
                return leaf[random.nextInt(Math.min(leaf.length, 20))];
            }
        }
        return item;
    }

    /** Sums what it is told, so the updater's signal calls cannot be optimised away. */
    static final class SummingSignalHandler implements ItemSignalHandler
    {
        double sum;
        long pairs;

        @Override
        public void onPopularity(final long productKey, final PopularityKind kind, final double weight,
            final long atMs)
        {
            sum += weight;
        }

        @Override
        public void onCooccurrence(final long productKey, final long otherKey, final CooccurrenceKind kind,
            final long atMs)
        {
            pairs++;
        }
    }
}
