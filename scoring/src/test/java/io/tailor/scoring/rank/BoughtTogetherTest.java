package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class BoughtTogetherTest
{
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);

    @Test
    void shouldListCoPurchasesStrongestFirstWithLiftAboveOne()
    {
        final ItemModel model = model(Fixtures.products());
        final BoughtTogether list = new BoughtTogether(RankingSettings.DEFAULT).select(model, index(model, "p1-2"), 10);

        assertThat(ids(model, list)).containsExactly("p2-8", "p0-3");
        assertThat(list.score(0)).isGreaterThan(list.score(1));
        assertThat(list.lift(0)).isGreaterThan(1f);
        assertThat(list.lift(1)).isGreaterThan(1f);
    }

    @Test
    void shouldLeaveOutBlockedAndOutOfStockProductsAndStopAtK()
    {
        final List<Product> products = new ArrayList<>();
        for (final Product p : Fixtures.products())
        {
            products.add(p.id().equals("p0-3") ? Fixtures.with(p, false, false, p.launchedAtMs()) : p);
        }
        final ItemModel soldOut = model(products);
        assertThat(ids(soldOut, new BoughtTogether(RankingSettings.DEFAULT).select(soldOut, index(soldOut, "p1-2"),
            10))).containsExactly("p2-8");

        final ItemModel model = model(Fixtures.products());
        final RankingSettings blocking = RankingSettings.DEFAULT.withRules(
            new MerchandisingRules(Set.of("p2-8"), Map.of(), Map.of()));
        assertThat(ids(model, new BoughtTogether(blocking).select(model, index(model, "p1-2"), 10)))
            .containsExactly("p0-3");
        assertThat(ids(model, new BoughtTogether(RankingSettings.DEFAULT).select(model, index(model, "p1-2"), 1)))
            .containsExactly("p2-8");
    }

    /** Ten orders of p1-2 with p2-8, three of p1-2 with p0-3, and unrelated orders for the baseline. */
    private ItemModel model(final List<Product> products)
    {
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(products);
        for (int s = 0; s < 10; s++)
        {
            order("a" + s, catalog, crowd, "p1-2", "p2-8");
        }
        for (int s = 0; s < 3; s++)
        {
            order("b" + s, catalog, crowd, "p1-2", "p0-3");
        }
        for (int s = 0; s < 20; s++)
        {
            order("c" + s, catalog, crowd, "p0-" + (5 + s % 3), "p2-" + (1 + s % 4));
        }
        return ItemModel.build(catalog, crowd, NOW, ModelSettings.DEFAULT, 1);
    }

    private void order(final String id, final CatalogSnapshot catalog, final ItemSignalAccumulator crowd,
        final String first, final String second)
    {
        updater.apply(new Profile(Fixtures.D), Fixtures.purchase(id, id, NOW - 86_400_000L,
            new LineItem(first, 1, 20), new LineItem(second, 1, 20)), catalog, crowd);
    }

    private static int index(final ItemModel model, final String id)
    {
        return model.catalog().indexOf(id);
    }

    private static List<String> ids(final ItemModel model, final BoughtTogether list)
    {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.count(); i++)
        {
            ids.add(model.catalog().product(list.item(i)).id());
        }
        return ids;
    }
}
