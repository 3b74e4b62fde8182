package io.tailor.benchmarks.eval;

import io.tailor.scoring.util.Hashing;
import org.agrona.collections.IntHashSet;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws, once per run, the items each held-out item is ranked against in the sampled protocol: uniformly,
 * without replacement, among the items the shopper has not interacted with (neither training items nor
 * the target). Every method ranks the same negatives.
 */
public final class NegativeSampler
{
    private NegativeSampler()
    {
    }

    /**
     * Samples negatives for every case.
     *
     * @param cases     the cases.
     * @param itemCount number of items.
     * @param negatives negatives per case (100 in NCF); fewer when fewer items are eligible.
     * @param seed      run seed.
     * @return per case, the target followed by its negatives.
     */
    public static int[][] sample(final List<EvalCase> cases, final int itemCount, final int negatives,
        final long seed)
    {
        final int[][] samples = new int[cases.size()][];
        for (int c = 0; c < samples.length; c++)
        {
            final EvalCase evalCase = cases.get(c);
            final int eligible = itemCount - evalCase.trainItems().length - 1;
            final int n = Math.max(0, Math.min(negatives, eligible));
            final int[] items = new int[n + 1];
            items[0] = evalCase.target();
            final SplittableRandom random = new SplittableRandom(Hashing.mix(seed + 31L * c) ^ evalCase.target());
            final IntHashSet taken = new IntHashSet(Math.max(8, n * 2));
            int filled = 1;
            if (n > eligible / 2)
            {
                // Dense: walk the eligible items and keep each with the right probability (selection sampling).
                int remaining = eligible;
                for (int item = 0; item < itemCount && filled <= n; item++)
                {
                    if (item == evalCase.target() || evalCase.trained(item))
                    {
                        continue;
                    }
                    if (random.nextInt(remaining) < n - (filled - 1))
                    {
                        items[filled++] = item;
                    }
                    remaining--;
                }
            }
            else
            {
                while (filled <= n)
                {
                    final int item = random.nextInt(itemCount);
                    if (item != evalCase.target() && !evalCase.trained(item) && taken.add(item))
                    {
                        items[filled++] = item;
                    }
                }
            }
            samples[c] = items;
        }
        return samples;
    }
}
