package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LibRecPeerTest
{
    private static final int USERS = 40;
    private static final int ITEMS = 120;

    private final ItemIndex index;
    private final TrainingData data;

    LibRecPeerTest()
    {
        final List<Product> products = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++)
        {
            products.add(new Product(String.format("i%02d", i), "", "c" + i % 3, "", 1.0, Map.of(), true,
                Product.UNKNOWN_LAUNCH, false, null));
        }
        index = new ItemIndex(products);
        final Random random = new Random(5);
        final List<Event> events = new ArrayList<>();
        for (int u = 0; u < USERS; u++)
        {
            // Some users own far more items than the 50 neighbours ItemKNN keeps, so the top-k cut matters.
            final boolean heavy = u % 5 == 0;
            final int owned = heavy ? 90 : 3 + random.nextInt(12);
            for (int n = 0; n < owned; n++)
            {
                final int item = heavy ? random.nextInt(ITEMS) :
                    (u % 3 + 3 * random.nextInt(ITEMS / 3) + (random.nextInt(4) == 0 ? 1 : 0)) % ITEMS;
                events.add(new Event("e" + events.size(), EventType.VIEW, "u" + u, null, String.format("i%02d", item),
                    List.of(), Double.NaN, events.size(), Channel.WEB, null, null));
            }
        }
        data = new TrainingData(products, index, events);
    }

    @Test
    void shouldScoreItemKnnExactlyAsLibRecsOwnItemKnnRecommender() throws Exception
    {
        final TieBreak tieBreak = new TieBreak(1);
        final LibRecPeer fast = new LibRecPeer(LibRecPeer.Algorithm.ITEMKNN, Map.of(), tieBreak, 1);
        final LibRecPeer libRec = new LibRecPeer(LibRecPeer.Algorithm.ITEMKNN, Map.of(LibRecPeer.NATIVE, "true"),
            tieBreak, 1);
        fast.train(data);
        libRec.train(data);

        final double[] fastScores = new double[ITEMS];
        final double[] libRecScores = new double[ITEMS];
        int nonZero = 0;
        int cut = 0;
        for (int u = 0; u < data.userCount(); u++)
        {
            final EvalCase c = new EvalCase(data.user(u), u, 0, 0L, data.userItems(u));
            fast.scoreAll(c, fastScores);
            libRec.scoreAll(c, libRecScores);
            for (int i = 0; i < ITEMS; i++)
            {
                if (!c.trained(i))
                {
                    assertThat(fastScores[i]).as("user %d item %d", u, i).isEqualTo(libRec.predict(u, i));
                    assertThat(libRecScores[i]).isEqualTo(libRec.predict(u, i));
                    nonZero += fastScores[i] > 0 ? 1 : 0;
                    cut += contributions(c, i) > 50 ? 1 : 0;
                }
            }
        }
        assertThat(nonZero).as("the comparison is not vacuous").isGreaterThan(500);
        assertThat(cut).as("scores where only the 50 nearest of more owned neighbours count").isGreaterThan(100);
        assertThat(fast.settings()).containsKey("scoring");
        assertThat(libRec.settings()).doesNotContainKey("scoring");
    }

    /** How many of the user's items co-occur with an item, i.e. how many similarities compete for the k places. */
    private int contributions(final EvalCase c, final int item)
    {
        int n = 0;
        for (final int owned : c.trainItems())
        {
            for (int u = 0; u < data.userCount(); u++)
            {
                final int[] row = data.userItems(u);
                if (Arrays.binarySearch(row, owned) >= 0 && Arrays.binarySearch(row, item) >= 0)
                {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void shouldTrainBprDeterministicallyForASeedAndNeverRecommendTrainingItems() throws Exception
    {
        final Map<String, String> quick = Map.of("rec.iterator.maximum", "20");
        final LibRecPeer a = new LibRecPeer(LibRecPeer.Algorithm.BPR, quick, new TieBreak(3), 3);
        final LibRecPeer b = new LibRecPeer(LibRecPeer.Algorithm.BPR, quick, new TieBreak(3), 3);
        a.train(data);
        b.train(data);

        final EvalCase c = new EvalCase(data.user(7), 7, 0, 0L, data.userItems(7));
        final int[] listA = new int[10];
        final int[] listB = new int[10];
        assertThat(a.recommend(c, 10, listA)).isEqualTo(10);
        b.recommend(c, 10, listB);

        assertThat(listA).containsExactly(listB);
        for (final int item : listA)
        {
            assertThat(c.trained(item)).isFalse();
        }
        assertThat(a.predict(7, 3)).isEqualTo(b.predict(7, 3)).isFinite();
        assertThat(a.settings()).containsEntry("rec.iterator.maximum", "20").containsEntry("rec.factor.number", "10");
    }
}
