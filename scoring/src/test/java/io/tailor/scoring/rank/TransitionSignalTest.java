package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ItemStatsCodec;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.Neighbors;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stage 1, viewed next: what shoppers look at after a product, learnt from the stream, bounded, decayed, merged. */
class TransitionSignalTest extends RecommenderFixture
{
    private static final ModelSettings FOUR_FOLLOWERS = new ModelSettings(ModelSettings.DEFAULT.popularityHalfLife(),
        ModelSettings.DEFAULT.popularityWeights(), 256, 1024, ModelSettings.DEFAULT.cooccurrenceHalfLife(),
        ModelSettings.DEFAULT.cooccurrenceWeights(), 4, 4, ModelSettings.DEFAULT.factors());

    @Test
    void shouldRecommendWhatShoppersViewNextAfterThePageAndSayWhy()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        for (int s = 0; s < 20; s++)
        {
            // Shoppers look at the running shoe p0-4, then at the book p2-3: always in this order.
            final Profile other = new Profile(Fixtures.D);
            updater.apply(other, event("x" + s, EventType.VIEW, "o" + s, "p0-4", NOW - 3_600_000L), catalog, crowd);
            updater.apply(other, event("y" + s, EventType.VIEW, "o" + s, "p2-3", NOW - 3_500_000L), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, crowd, NOW, ModelSettings.DEFAULT, 1);
        assertThat(ids(catalog, model.followers(catalog.indexOf("p0-4")))).containsExactly("p2-3");
        assertThat(model.followers(catalog.indexOf("p2-3"))).as("a transition has a direction").isEmpty();

        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), catalog,
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).placement(Placement.PRODUCT)
            .contextItem(catalog.indexOf("p0-4")).k(5).explain(true), out);

        final int at = ids(model, out).indexOf("p2-3");
        assertThat(at).as("the product shoppers view next is in the list").isNotNegative();
        assertThat(out.reasons(at)).anyMatch(r -> r.code().equals("viewed_next") &&
            r.text().equals("shoppers often look at this next after Title p0-4") && "p0-4".equals(r.product()));
    }

    @Test
    void shouldLearnFromTheLastFewViewsTheNearestCountingMostAndNotFromAReload()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final List<String> seen = new ArrayList<>();
        final ItemSignalHandler record = new ItemSignalHandler()
        {
            @Override
            public void onPopularity(final long productKey, final io.tailor.scoring.model.PopularityKind kind,
                final double weight, final long atMs)
            {
            }

            @Override
            public void onTransition(final long fromKey, final long toKey, final int steps, final long atMs)
            {
                seen.add(fromKey + ">" + toKey + "@" + steps);
            }
        };
        final String[] path = {"p0-1", "p0-2", "p0-3", "p0-4", "p0-5", "p0-5"};
        for (int i = 0; i < path.length; i++)
        {
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", path[i], NOW + i * 5_000L), catalog, record);
        }

        assertThat(seen).as("p0-5 follows the three views before it; its reload follows nothing").endsWith(
            Hashing.key("p0-4") + ">" + Hashing.key("p0-5") + "@1",
            Hashing.key("p0-3") + ">" + Hashing.key("p0-5") + "@2",
            Hashing.key("p0-2") + ">" + Hashing.key("p0-5") + "@3");
        assertThat(seen).hasSize(1 + 2 + 3 + 3);
    }

    @Test
    void shouldKeepABoundedRowOfFollowersPerProductWithTheTotalOfAll()
    {
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(FOUR_FOLLOWERS);
        for (int next = 1; next <= 10; next++)
        {
            signals.onTransition(100L, next, 1, NOW);
        }
        signals.onTransition(100L, 3L, 1, NOW);

        final Neighbors row = signals.stats(100L).followers();
        assertThat(row.count()).isEqualTo(4);
        assertThat(row.capacity()).isEqualTo(4);
        assertThat(row.togetherTotal()).as("every transition counts in the total").isEqualTo(11.0, within(1e-9));
        assertThat(signals.stats(3L)).as("the follower learns nothing of its own").isNull();
    }

    @Test
    void shouldDecayTransitionsWithTheCooccurrenceHalfLifeAndWeighOlderStepsLess()
    {
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final long halfLife = ModelSettings.DEFAULT.cooccurrenceHalfLifeMs();
        signals.onTransition(100L, 1L, 1, NOW);
        signals.onTransition(100L, 2L, 2, NOW + halfLife);

        final Neighbors row = signals.stats(100L).followers();
        assertThat(row.atMs()).isEqualTo(NOW + halfLife);
        assertThat(weightOf(row, 1L)).as("a half-life old").isEqualTo(0.5f, within(1e-4f));
        assertThat(weightOf(row, 2L)).as("two steps back").isEqualTo(0.5f, within(1e-4f));
        assertThat(row.togetherTotal()).isEqualTo(1.0, within(1e-4));
    }

    @Test
    void shouldMergeDeltasFromAnyNodeInAnyOrderAndTravelInTheItemStatsRecord()
    {
        final long halfLife = ModelSettings.DEFAULT.cooccurrenceHalfLifeMs();
        final ItemStats a = new ItemStats().addTransition(1L, 1.0, NOW, halfLife, 8)
            .addTransition(2L, 1.0, NOW, halfLife, 8);
        final ItemStats b = new ItemStats().addTransition(2L, 1.0, NOW + DAY, halfLife, 8);

        final ItemStats ab = a.copy().merge(b, DAY, halfLife);
        final ItemStats ba = b.copy().merge(a, DAY, halfLife);
        final ItemStats stored = ItemStatsCodec.decode(ItemStatsCodec.encode(a)).merge(b, DAY, halfLife);

        for (final ItemStats merged : List.of(ab, ba, stored))
        {
            assertThat(merged.followers().atMs()).isEqualTo(NOW + DAY);
            assertThat(weightOf(merged.followers(), 2L)).isEqualTo(weightOf(ab.followers(), 2L), within(1e-6f));
            assertThat(merged.followers().togetherTotal()).isEqualTo(ab.followers().togetherTotal(), within(1e-9));
        }
        assertThat(weightOf(a.followers(), 2L)).as("the stored value is unchanged").isEqualTo(1f);

        final ItemStats back = ItemStatsCodec.decode(ItemStatsCodec.encode(ab));
        assertThat(ItemStatsCodec.encode(back)).isEqualTo(ItemStatsCodec.encode(ab));
        assertThat(back.followers().count()).isEqualTo(2);

        // format 4: the record before the followers (no flag at its end) is still read, without followers
        final byte[] withoutFollowers = ItemStatsCodec.encode(new ItemStats().addShown(2, NOW));
        final byte[] format4 = Arrays.copyOf(withoutFollowers, withoutFollowers.length - 1);
        format4[0] = 4;
        final ItemStats old = ItemStatsCodec.decode(format4);
        assertThat(old.followers()).isNull();
        assertThat(old.exposure().shownAt(NOW)).isEqualTo(2.0);
    }

    private static float weightOf(final Neighbors row, final long key)
    {
        for (int i = 0; i < row.count(); i++)
        {
            if (row.key(i) == key)
            {
                return row.together(i);
            }
        }
        return 0f;
    }
}
