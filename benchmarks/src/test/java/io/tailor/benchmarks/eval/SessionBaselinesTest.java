package io.tailor.benchmarks.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionBaselinesTest
{
    // item 0 is the most clicked; sessions: {0,1}, {0,2}, {0,3}, {1,4}, {1,4}, {0,5}
    private static final List<int[]> TRAINING = List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3},
        new int[] {1, 4}, new int[] {1, 4}, new int[] {0, 5});

    @Test
    void popularityShouldRankByTrainingClicksWhateverTheSession()
    {
        final SessionPopularityMethod pop = new SessionPopularityMethod(false);
        pop.train(6, TRAINING);
        final int[] out = new int[3];

        assertThat(pop.recommend(new int[] {5}, 3, out)).isEqualTo(3);
        assertThat(out).containsExactly(0, 1, 4);
    }

    @Test
    void sessionPopularityShouldPutTheSessionsItemsFirstMostClickedInTheSessionFirst()
    {
        final SessionPopularityMethod spop = new SessionPopularityMethod(true);
        spop.train(6, TRAINING);
        final int[] out = new int[4];

        assertThat(spop.recommend(new int[] {3, 5, 3}, 4, out)).isEqualTo(4);
        assertThat(out).containsExactly(3, 5, 0, 1);
    }

    @Test
    void sessionKnnShouldVoteWithTheNeighboursThatShareAnItem()
    {
        final SessionKnnMethod sknn = new SessionKnnMethod(false, 100, 500);
        sknn.train(6, TRAINING);
        final int[] out = new int[2];

        // neighbours of {4}: the two sessions {1,4}, cosine 1/sqrt(2) each; items 1 and 4 each get 2/sqrt(2);
        // ties by training popularity: 1 (3 clicks) before 4 (2 clicks)
        assertThat(sknn.recommend(new int[] {4}, 2, out)).isEqualTo(2);
        assertThat(out).containsExactly(1, 4);
    }

    @Test
    void vectorKnnShouldWeightTheLatestItemOfTheSessionMost()
    {
        final SessionKnnMethod vsknn = new SessionKnnMethod(true, 1, 500);
        vsknn.train(6, TRAINING);
        final int[] out = new int[1];

        // session 2 then 4: with one neighbour, the most similar one shares the latest item (4, weight 1) rather
        // than the earlier one (2, weight 1/2), so it is {1,4} whose most popular item is 1
        vsknn.recommend(new int[] {2, 4}, 1, out);
        assertThat(out[0]).isEqualTo(1);

        vsknn.recommend(new int[] {4, 2}, 1, out);
        assertThat(out[0]).isEqualTo(0);
    }
}
