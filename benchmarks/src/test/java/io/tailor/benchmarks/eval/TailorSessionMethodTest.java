package io.tailor.benchmarks.eval;

import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.rank.Placement;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session evaluation end to end on a tiny dataset: Tailor through {@link SessionEvaluation#run}, with the
 * default settings of each placement.
 */
class TailorSessionMethodTest
{
    /** Shoppers who view i0, then i1, then i2, and some who go back from i1 to i0. */
    private static final String TRAIN = "i0 i1 i2\n".repeat(20) + "i3 i4\n".repeat(10) + "i0 i1 i0\n".repeat(5);
    /** A shopper who viewed i0 then i1 and goes back to i0: a repeat case. */
    private static final String TEST = "i0 i1\ti0\n";

    @Test
    void shouldHitARepeatCaseOnTheProductPageAndMissItOnAHomePageThatDoesNotReshow() throws Exception
    {
        final SessionData data = SessionsReader.read("tiny", TRAIN, TEST);
        final SessionEvaluation evaluation = SessionEvaluation.test(data, 0, 42L, 20);
        assertThat(evaluation.cases().get(0).targetNew()).isFalse();
        final TailorSessionMethod product = method(Placement.PRODUCT, false);
        final TailorSessionMethod home = method(Placement.HOME, false);
        assertThat(TailorSettings.DEFAULT.ranking().reshowViewedFor(Placement.HOME)).isZero();

        final SessionMetrics onProduct = evaluation.run(product, null).metrics();
        final SessionMetrics onHome = evaluation.run(home, null).metrics();

        assertThat(onProduct.cases()).isEqualTo(1);
        assertThat(onProduct.precision()).isEqualTo(1.0);
        assertThat(onProduct.mrr()).isPositive();
        assertThat(onHome.precision()).isZero();
        assertThat(onHome.mrr()).isZero();
        assertThat(onHome.newItemCases()).isZero();
    }

    @Test
    void shouldNotLetTheCasesFeedTheModel() throws Exception
    {
        final SessionData data = SessionsReader.read("tiny", TRAIN, TEST + "i3\ti4\ni0\ti1\n".repeat(30));
        final SessionEvaluation evaluation = SessionEvaluation.test(data, 0, 42L, 20);
        final TailorSessionMethod method = method(Placement.PRODUCT, false);
        method.train(data.itemCount(), evaluation.training());
        final ItemModel model = method.model();
        final long views = method.recentSessions().views();
        final int[] before = new int[20];
        final int count = method.recommend(evaluation.cases().get(0).prefix(), 20, before);

        for (final SessionCase c : evaluation.cases())
        {
            method.recommend(c.prefix(), 20, new int[20]);
        }
        final int[] after = new int[20];

        assertThat(method.recommend(evaluation.cases().get(0).prefix(), 20, after)).isEqualTo(count);
        assertThat(Arrays.copyOf(after, count)).containsExactly(Arrays.copyOf(before, count));
        assertThat(method.model()).isSameAs(model);
        assertThat(method.recentSessions().views()).isEqualTo(views);
    }

    @Test
    void shouldAnswerTheSameOnEveryPageAsOnceWhenNoListReachesTheFrequencyCap() throws Exception
    {
        final SessionData data = SessionsReader.read("tiny", TRAIN, "i0 i1\ti0\ni3\ti4\ni0 i1 i2\ti0\n");
        final SessionEvaluation evaluation = SessionEvaluation.test(data, 0, 42L, 20);
        final TailorSessionMethod once = method(Placement.PRODUCT, false);
        final TailorSessionMethod everyPage = method(Placement.PRODUCT, true);
        once.train(data.itemCount(), evaluation.training());
        everyPage.train(data.itemCount(), evaluation.training());

        for (final SessionCase c : evaluation.cases())
        {
            final int[] a = new int[20];
            final int[] b = new int[20];
            final int n = once.recommend(c.prefix(), 20, a);
            assertThat(everyPage.recommend(c.prefix(), 20, b)).isEqualTo(n);
            assertThat(Arrays.copyOf(b, n)).containsExactly(Arrays.copyOf(a, n));
        }
    }

    @Test
    void shouldLeaveOutOfTheLastListWhatEarlierPagesShowedAsOftenAsTheCapAllows() throws Exception
    {
        // Five pages of products that are not the one the shopper goes back to: the products every list showed
        // reach the cap (three a day) after the third page, and the fifth page's list has nothing left to show.
        final SessionData data = SessionsReader.read("tiny", TRAIN, "i3 i3 i3 i3 i3\ti4\n");
        final SessionEvaluation evaluation = SessionEvaluation.test(data, 0, 42L, 20);
        final TailorSessionMethod once = method(Placement.PRODUCT, false);
        final TailorSessionMethod everyPage = method(Placement.PRODUCT, true);
        once.train(data.itemCount(), evaluation.training());
        everyPage.train(data.itemCount(), evaluation.training());
        final int[] prefix = evaluation.cases().get(0).prefix();
        final int[] a = new int[20];
        final int[] b = new int[20];

        final int n = once.recommend(prefix, 20, a);
        final int m = everyPage.recommend(prefix, 20, b);

        assertThat(n).isPositive();
        assertThat(m).isZero();
    }

    @Test
    void shouldNameTheWayListsWereAskedForInTheSettings()
    {
        assertThat(method(Placement.HOME, true).settings().get("lists")).contains("every page");
        assertThat(method(Placement.HOME, false).settings().get("lists")).contains("one per case");
    }

    private static TailorSessionMethod method(final Placement placement, final boolean everyPage)
    {
        return new TailorSessionMethod(placement.wireName(), TailorSettings.DEFAULT.withPlacement(placement),
            placement, new RecentSessionIndex(), 1, everyPage, true);
    }
}
