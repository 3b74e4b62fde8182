package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.util.Hashing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tailor.scoring.Fixtures.NOW;

/**
 * What the stage tests share: a recommender with the default settings, a shopper's profile and the updater that
 * applies events to it, popularity counts per product, and the product ids of a list.
 */
abstract class RecommenderFixture
{
    final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    final Recommender recommender = new Recommender(RankingSettings.DEFAULT);
    final Map<Long, ItemStats> stats = new HashMap<>();
    final Profile profile = new Profile(Fixtures.D);
    final RecommendationRequest request = new RecommendationRequest();
    final Recommendation out = new Recommendation();

    /** Counts {@code count} views of a product for the next {@link #model}. */
    void views(final String product, final int count)
    {
        stats.computeIfAbsent(Hashing.key(product), k -> new ItemStats())
            .add(PopularityKind.VIEW, count, NOW - 1000, ModelSettings.DEFAULT.popularityHalfLifeMs());
    }

    /** The item model of the products with the views counted so far. */
    ItemModel model(final List<Product> products)
    {
        return ItemModel.build(Fixtures.snapshot(products), stats::get, NOW, ModelSettings.DEFAULT, 1);
    }

    static ItemStats merged(final ItemSignalAccumulator accumulator, final long key)
    {
        return accumulator.stats(key);
    }

    static List<String> ids(final CatalogSnapshot catalog, final int[] items)
    {
        final List<String> ids = new ArrayList<>();
        for (final int item : items)
        {
            ids.add(catalog.product(item).id());
        }
        return ids;
    }

    static List<String> ids(final ItemModel model, final Recommendation out)
    {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < out.count(); i++)
        {
            ids.add(model.catalog().product(out.item(i)).id());
        }
        return ids;
    }
}
