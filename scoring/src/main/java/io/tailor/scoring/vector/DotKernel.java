package io.tailor.scoring.vector;

/**
 * Dot products of one query vector with rows of a packed vector table: the inner loop of scoring.
 * <p>
 * Every implementation sums in the same order, the order of {@link VectorMath#dot}, so all of them return
 * bit-identical results: a ranking never depends on which kernel the JVM could load. Rows are {@code d}
 * floats long and row {@code r} of a table starts at {@code r * d}, as in
 * {@link io.tailor.scoring.catalog.CatalogSnapshot#vectors()}.
 */
public interface DotKernel
{
    /**
     * Dot product of {@code a[aOffset..aOffset+d)} and {@code b[bOffset..bOffset+d)}.
     *
     * @param a       first array.
     * @param aOffset start of the first vector.
     * @param b       second array.
     * @param bOffset start of the second vector.
     * @param d       dimension.
     * @return the dot product, equal to {@link VectorMath#dot} bit for bit.
     */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int d);

    /**
     * Dot products of {@code query[0..d)} with the rows {@code rows[0..count)} of a table, gathered by index.
     *
     * @param query the query vector.
     * @param table the packed table.
     * @param rows  row indices in {@code table}.
     * @param count how many of {@code rows} to score.
     * @param d     dimension.
     * @param out   receives {@code out[n]} = query . row {@code rows[n]}.
     */
    void dotRows(float[] query, float[] table, int[] rows, int count, int d, float[] out);

    /**
     * Dot products of {@code query[0..d)} with the first {@code count} rows of a packed table.
     *
     * @param query  the query vector.
     * @param packed rows, one after the other.
     * @param count  how many rows to score.
     * @param d      dimension.
     * @param out    receives {@code out[n]} = query . row {@code n}.
     */
    void dotPacked(float[] query, float[] packed, int count, int d, float[] out);

    /**
     * What the kernel runs on, for logs and benchmark reports.
     *
     * @return a short name.
     */
    String name();
}
