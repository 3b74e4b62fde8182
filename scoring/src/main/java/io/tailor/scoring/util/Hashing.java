package io.tailor.scoring.util;

/**
 * Stable 64-bit hashes of identifiers, the same on every JVM and every run.
 * <p>
 * Profiles and item-model maps refer to products, categories and brands by these keys rather than by
 * strings, so that a profile stays small and a key means the same thing on every node without a
 * cluster-wide index. With 64 bits, a collision among a million products has a probability of about
 * 3e-8. The value {@link #NONE} is reserved as the "no key" sentinel and is never returned.
 */
public final class Hashing
{
    /** Sentinel meaning "no key"; {@link #key(CharSequence)} never returns it. */
    public static final long NONE = 0L;

    private Hashing()
    {
    }

    /**
     * Key of an identifier: a 64-bit hash of its UTF-16 characters, never {@link #NONE}.
     *
     * @param id product id, category path, brand name or event id.
     * @return its key.
     */
    public static long key(final CharSequence id)
    {
        final int length = id.length();
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        for (int i = 0; i < length; i++)
        {
            h = (h ^ id.charAt(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        final long mixed = mix(h);
        return mixed == NONE ? 1L : mixed;
    }

    /**
     * {@link #key(CharSequence)} of the characters {@code chars[offset, offset + length)}, the same key, without a
     * string: a parser's buffer hashed where it lies.
     *
     * @param chars  the characters.
     * @param offset first of them.
     * @param length how many.
     * @return their key.
     */
    public static long key(final char[] chars, final int offset, final int length)
    {
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        for (int i = offset, end = offset + length; i < end; i++)
        {
            h = (h ^ chars[i]) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        final long mixed = mix(h);
        return mixed == NONE ? 1L : mixed;
    }

    /**
     * Key of a namespaced feature, as {@code key(namespace + ":" + value)} but without building the string.
     *
     * @param namespace feature family, e.g. "brand".
     * @param value     feature value.
     * @return its key.
     */
    public static long key(final String namespace, final CharSequence value)
    {
        final int length = namespace.length() + 1 + value.length();
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        for (int i = 0; i < namespace.length(); i++)
        {
            h = (h ^ namespace.charAt(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        h = (h ^ ':') * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        for (int i = 0; i < value.length(); i++)
        {
            h = (h ^ value.charAt(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        final long mixed = mix(h);
        return mixed == NONE ? 1L : mixed;
    }

    /**
     * SplitMix64 finaliser: spreads every input bit over every output bit.
     *
     * @param z value to mix.
     * @return mixed value.
     */
    public static long mix(final long z)
    {
        long x = z;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }
}
