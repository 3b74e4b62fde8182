package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 4: where candidates come from. */
class CandidateSourcesTest extends RecommenderFixture
{
    @Test
    void shouldRecommendSimilarProductsOnAProductPageWithoutTheProductItself()
    {
        views("p2-7", 50);
        final ItemModel model = model(Fixtures.products());
        final int context = model.catalog().indexOf("p0-4");

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(context).k(5),
            out);

        assertThat(out.strategy()).isEqualTo(Strategy.SIMILAR);
        assertThat(ids(model, out)).doesNotContain("p0-4").allMatch(id -> id.startsWith("p0-"));
    }

    @Test
    void shouldFindCandidatesNearTheShoppersTasteAmongAllProducts()
    {
        // Two books from the category asked for, its newest books and one popular product: the books of p0-0's
        // crowd are candidates only through the factor index.
        final List<String> crowdBooks = List.of("p2-5", "p2-2", "p2-9");
        final RankingSettings narrow = new RankingSettings(Map.of(), Duration.ofMinutes(30), Duration.ofDays(7),
            Duration.ofDays(30), 1, 1, Map.of(), Duration.ofHours(1), FrequencyCap.DEFAULT, MerchandisingRules.NONE);
        final Recommender narrowRecommender = new Recommender(narrow);
        // Twenty newer books take every new-arrival slot of the category.
        final List<Product> products = new ArrayList<>(Fixtures.products());
        for (int i = 0; i < 20; i++)
        {
            products.add(Fixtures.with(Fixtures.product("newer-" + i, "media/books/fiction", "Quill", 25), true, false,
                NOW - 100 * DAY));
        }
        final ItemModel plain = Fixtures.ringModel(products);
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-0", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);

        final int media = model.catalog().categoryIndexOf(Hashing.key("media"));
        narrowRecommender.recommend(plain, profile, request.reset(NOW).k(3).categoryFilter(media), out);
        assertThat(ids(plain, out)).as("without factors").doesNotContainAnyElementsOf(crowdBooks);
        final int without = out.candidates();

        narrowRecommender.recommend(model, profile, request.reset(NOW).k(3).categoryFilter(media), out);
        assertThat(ids(model, out)).containsAnyElementsOf(crowdBooks);
        assertThat(out.candidates()).isGreaterThan(without);
    }

    @Test
    void shouldOfferAProductOnlyOncePerRequest()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final CandidateSources sources = new CandidateSources(RankingSettings.DEFAULT,
            new Exclusions(RankingSettings.DEFAULT, SegmentSource.NONE));

        sources.prepare(catalog);
        assertThat(sources.markSeen(3)).isTrue();
        assertThat(sources.markSeen(3)).isFalse();

        sources.prepare(catalog);
        assertThat(sources.markSeen(3)).as("a new request").isTrue();
    }

    @Test
    void shouldCountACandidateEveryRuleRejectsAndNotScoreIt()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.replaceAll(p -> p.id().equals("p2-7") ? Fixtures.with(p, false, false, p.launchedAtMs()) : p);
        views("p2-7", 100);
        final ItemModel model = model(products);

        recommender.recommend(model, null, request.reset(NOW).k(3), out);

        assertThat(out.excluded(RuleKind.OUT_OF_STOCK)).isEqualTo(1);
        assertThat(out.candidates()).isEqualTo(29);
    }
}
