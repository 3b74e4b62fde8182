package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stage 5: the blended score. */
class ScorerTest extends RecommenderFixture
{
    @Test
    void shouldScoreGivenItemsExactlyAsTheRankingDoes()
    {
        views("p2-7", 50);
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        final int[] items = new int[out.count()];
        for (int i = 0; i < items.length; i++)
        {
            items[i] = out.item(i);
        }
        final float[] scores = new float[items.length];
        recommender.score(model, profile, request.reset(NOW).k(5), items, items.length, scores);

        for (int i = 0; i < items.length; i++)
        {
            assertThat(scores[i]).isEqualTo(out.score(i));
        }
    }

    @Test
    void shouldBoostAndExplainANewArrival()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("fresh", "apparel/shirts", "Nova", 30), true, false, NOW - DAY));
        views("p2-7", 3);
        final ItemModel model = model(products);

        recommender.recommend(model, null, request.reset(NOW).k(2).explain(true), out);

        assertThat(ids(model, out)).as("ahead of every older product as little known as it").containsExactly("p2-7",
            "fresh");
        assertThat(out.reasons(1)).anyMatch(r -> r.code().equals("new_arrival") &&
            r.text().equals("new arrival in apparel/shirts"));
    }

    @Test
    void shouldFitAPriceBestAtTheShoppersUsualLevelAndNotAtAllWithoutAPrice()
    {
        final float usual = (float)Math.log(40.0);

        assertThat(priceFit(40f, usual)).isEqualTo(1f);
        assertThat(priceFit(80f, usual)).isLessThan(priceFit(50f, usual)).isPositive();
        assertThat(priceFit(20f, usual)).isLessThan(1f);
        assertThat(priceFit(0f, usual)).isZero();
    }

    /** The fit of a price as the scorer reads it: through the catalog's log-price column. */
    private static float priceFit(final float price, final float logMean)
    {
        return Scorer.priceFitOfLog(CatalogSnapshot.logPrice(price), logMean);
    }

    @Test
    void shouldTableThePriceFitWithinAFewFloatRoundingsOfTheGaussian()
    {
        final float usual = (float)Math.log(40.0);
        double worst = 0;
        for (int i = -60_000; i <= 60_000; i++)
        {
            final float logPrice = usual + i * 1e-4f;
            final double z = (logPrice - usual) / 0.7;
            final double exact = Math.exp(-0.5 * z * z);
            worst = Math.max(worst, Math.abs(Scorer.priceFitOfLog(logPrice, usual) - exact));
        }
        assertThat(worst).as("largest difference from exp(-z*z/2) over +-6 in log price").isLessThan(3e-7);
        assertThat(Scorer.priceFitOfLog(usual + 4.6f, usual)).isZero();
        assertThat(Scorer.priceFitOfLog(Float.NaN, usual)).isZero();
        assertThat(Scorer.priceFitOfLog(usual, Float.NaN)).isZero();
    }

    @Test
    void shouldCountFreshnessOnlyWithinTheNewArrivalWindow()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("today", "apparel/shirts", "Nova", 30), true, false, NOW));
        products.add(Fixtures.with(Fixtures.product("week", "apparel/shirts", "Nova", 30), true, false, NOW - 7 * DAY));
        products.add(Fixtures.with(Fixtures.product("later", "apparel/shirts", "Nova", 30), true, false, NOW + DAY));
        final CatalogSnapshot catalog = Fixtures.snapshot(products);
        final ShopperInterests interests = new ShopperInterests(RankingSettings.DEFAULT);
        final Scorer scorer = new Scorer(RankingSettings.DEFAULT, interests, new CooccurrenceSignal(),
            new TransitionSignal(), new SessionNeighbourSignal(), new CollaborativeTaste());

        scorer.prepare(catalog, request.reset(NOW));

        assertThat(scorer.freshness(catalog, catalog.indexOf("today"))).isEqualTo(1f);
        assertThat(scorer.freshness(catalog, catalog.indexOf("week"))).as("one half-life").isCloseTo(0.5f,
            within(1e-6f));
        assertThat(scorer.freshness(catalog, catalog.indexOf("later"))).isZero();
        assertThat(scorer.freshness(catalog, catalog.indexOf("p0-0"))).as("a year old").isZero();
    }
}
