package io.tailor.scoring.util;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BestFirstTest
{
    @Test
    void shouldKeepTheBestEntriesSortedAndBounded()
    {
        final int[] ids = new int[3];
        final float[] scores = new float[3];
        int count = 0;
        final float[] offered = {0.2f, 0.9f, 0.1f, 0.5f, 0.7f, 0.3f};
        for (int i = 0; i < offered.length; i++)
        {
            count = BestFirst.offer(ids, scores, count, 3, i, offered[i]);
        }

        assertThat(count).isEqualTo(3);
        assertThat(ids).containsExactly(1, 4, 3);
        assertThat(scores).containsExactly(0.9f, 0.7f, 0.5f);
    }

    @Test
    void shouldKeepTheEarlierOfEqualScoresFirstAndRefuseATieWithTheLastOfAFullList()
    {
        final int[] ids = new int[2];
        final float[] scores = new float[2];
        int count = BestFirst.offer(ids, scores, 0, 2, 10, 0.5f);
        count = BestFirst.offer(ids, scores, count, 2, 11, 0.5f);
        count = BestFirst.offer(ids, scores, count, 2, 12, 0.5f);

        assertThat(count).isEqualTo(2);
        assertThat(ids).containsExactly(10, 11);
    }

    @Test
    void shouldGrowAListThatIsNotFull()
    {
        final int[] ids = new int[8];
        final float[] scores = new float[8];
        Arrays.fill(scores, Float.NaN);

        final int count = BestFirst.offer(ids, scores, 0, 8, 7, -1f);

        assertThat(count).isEqualTo(1);
        assertThat(ids[0]).isEqualTo(7);
        assertThat(scores[0]).isEqualTo(-1f);
    }
}
