package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailorMethodTest
{
    @TempDir
    Path dir;

    @Test
    void shouldNeverListATrainingItemAndScoreAsTheServersRecommenderDoes() throws Exception
    {
        final Dataset dataset = MovieLensReader.read(TinyDatasets.movieLens(dir, 20, 80, 70, 11));
        final ItemIndex items = new ItemIndex(dataset.products());
        final Split split = LeaveLastOutSplitter.split(dataset.events(), items, 2);
        final TrainingData data = new TrainingData(dataset.products(), items, split.train());
        final TailorMethod tailor = new TailorMethod("tailor", TailorSettings.DEFAULT, false);
        tailor.train(data);

        // The same replay, done by hand with the scoring module, for one shopper.
        final EvalCase c = split.cases().get(3);
        final CatalogSnapshot catalog = CatalogSnapshot.build(dataset.products(), null, new ContentVectorizer(64), 1);
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(TailorSettings.DEFAULT.model());
        final ProfileUpdater updater = new ProfileUpdater(TailorSettings.DEFAULT.profile());
        final java.util.Map<String, Profile> profiles = new java.util.HashMap<>();
        split.train().forEach(e -> updater.apply(profiles.computeIfAbsent(e.shopper(), k -> new Profile(64)), e,
            catalog, signals));
        final Profile profile = profiles.get(c.user());
        final ItemModel built = ItemModel.build(catalog, signals, data.endMs(), TailorSettings.DEFAULT.model(), 1);
        final ItemModel model = built.withFactors(ItemFactors.learn(built, TailorSettings.DEFAULT.model().factors()));

        final int[] sample = {c.target(), 0, 1, 2};
        final double[] viaEval = new double[4];
        tailor.score(c, sample, 4, viaEval);
        final float[] direct = new float[4];
        final int[] catalogItems = new int[4];
        for (int i = 0; i < 4; i++)
        {
            catalogItems[i] = catalog.indexOf(items.id(sample[i]));
        }
        new Recommender(TailorSettings.DEFAULT.ranking()).score(model, profile,
            new RecommendationRequest().reset(c.atMs()), catalogItems, 4, direct);
        for (int i = 0; i < 4; i++)
        {
            assertThat(viaEval[i]).isEqualTo(direct[i]);
        }

        final int[] list = new int[10];
        for (final EvalCase each : split.cases())
        {
            final int n = tailor.recommend(each, 10, list);
            assertThat(n).isEqualTo(10);
            for (int i = 0; i < n; i++)
            {
                assertThat(each.trained(list[i])).as("%s got training item %d", each.user(), list[i]).isFalse();
            }
            assertThat(List.of(list[0], list[1])).doesNotHaveDuplicates();
        }
        assertThat(tailor.diagnostics()).containsKeys("meanCandidatesScored", "trainingItemsInPlainTop10PerCase");
    }
}
