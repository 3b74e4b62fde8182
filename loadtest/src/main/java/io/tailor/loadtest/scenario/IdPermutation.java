package io.tailor.loadtest.scenario;

/**
 * A fixed shuffle of 0..n-1, {@code i -> (i × a + b) mod n} with {@code a} coprime to n, so that popularity
 * ranks land on ids spread over the whole range rather than on the lowest ones.
 */
public final class IdPermutation
{
    private final long n;
    private final long multiplier;
    private final long offset;

    /**
     * A shuffle.
     *
     * @param n    size, 1 to 2^31.
     * @param seed chooses the offset.
     */
    public IdPermutation(final long n, final long seed)
    {
        if (n < 1 || n > (1L << 31))
        {
            throw new IllegalArgumentException("size must be in 1..2^31: " + n);
        }
        this.n = n;
        long a = 2_654_435_761L % n;
        while (a == 0 || gcd(a, n) != 1)
        {
            a = (a + 1) % n;
            if (n == 1)
            {
                a = 1;
                break;
            }
        }
        this.multiplier = a;
        this.offset = Math.floorMod(seed, n);
    }

    /**
     * The id at a position.
     *
     * @param index position in 0..n-1.
     * @return the id in 0..n-1.
     */
    public long apply(final long index)
    {
        return (index * multiplier + offset) % n;
    }

    private static long gcd(final long x, final long y)
    {
        long a = x;
        long b = y;
        while (b != 0)
        {
            final long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
