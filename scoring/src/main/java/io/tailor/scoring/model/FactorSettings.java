package io.tailor.scoring.model;

/**
 * Settings of the collaborative item factors ({@link ItemFactors}), validated on construction.
 *
 * @param rank       dimensions of the collaborative part of an item vector; 0 turns it off, else 4 to 128.
 * @param iterations power iterations of the randomised eigen-solver, 1 to 16: more sharpen the leading
 *                   directions, each costs one pass over the co-occurrence rows.
 */
public record FactorSettings(int rank, int iterations)
{
    /**
     * Defaults: 32 dimensions, 4 iterations. Chosen on MovieLens-latest-small with {@code ./tailor eval} (see
     * benchmarks/RESULTS.md); at 100,000 products a refresh costs about a second of one core.
     */
    public static final FactorSettings DEFAULT = new FactorSettings(32, 4);

    /** No collaborative part: item vectors are content only. */
    public static final FactorSettings OFF = new FactorSettings(0, 1);

    /**
     * Validates.
     *
     * @param rank       dimensions, 0 or 4 to 128.
     * @param iterations power iterations, 1 to 16.
     */
    public FactorSettings
    {
        if (rank != 0 && (rank < 4 || rank > 128))
        {
            throw new IllegalArgumentException("factor rank must be 0 (off) or in 4..128: " + rank);
        }
        if (iterations < 1 || iterations > 16)
        {
            throw new IllegalArgumentException("factor iterations must be in 1..16: " + iterations);
        }
    }

    /**
     * Whether collaborative factors are learnt at all.
     *
     * @return {@code rank > 0}.
     */
    public boolean enabled()
    {
        return rank > 0;
    }
}
