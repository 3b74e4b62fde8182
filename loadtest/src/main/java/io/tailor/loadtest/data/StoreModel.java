package io.tailor.loadtest.data;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic store that {@code generate} loads and {@code run} shops in: products with categories, brands,
 * marketing attributes, prices and launch dates, and latent taste clusters that shoppers belong to.
 * <p>
 * Everything follows from the seed and the sizes, so {@code generate} and a later {@code run} with the same
 * flags agree on every id, and product {@code p42} is the same product on every machine. A shopper's cluster
 * is a hash of the seed and the shopper's number, so no per-shopper table is held.
 * <p>
 * Taste: a cluster prefers three leaf categories (55/30/15 %), one style and two brands; a shopper takes
 * 85 % of its products from its cluster (the most popular of the leaf favoured, the cluster's style and
 * brands preferred among near-equals) and 15 % from the store's overall popularity. Recommendations that
 * land in the shopper's taste categories far more often than those categories' share of the catalog show
 * that personalisation works ({@link #inTaste}, {@link #tasteShare}).
 * <p>
 * Ids: products {@code p<n>}, customers {@code u<n>}, anonymous shoppers {@code a<n>} (n from 0).
 */
public final class StoreModel
{
    /** Default number of taste clusters. */
    public static final int DEFAULT_CLUSTERS = 40;
    /** Default skew of product popularity within a category. */
    public static final double DEFAULT_PRODUCT_SKEW = 0.9;
    /** Share of a shopper's products drawn from its taste cluster. */
    public static final double CLUSTER_LOYALTY = 0.85;

    private static final double[] CLUSTER_LEAF_WEIGHTS = {0.55, 0.30, 0.15};
    private static final int CANDIDATES_PER_DRAW = 3;

    private static final byte[] ID_P = Ascii.bytes("{\"id\":\"p");
    private static final byte[] TITLE = Ascii.bytes(",\"title\":\"");
    private static final byte[] CATEGORY = Ascii.bytes("\",\"category\":\"");
    private static final byte[] BRAND = Ascii.bytes("\",\"brand\":\"");
    private static final byte[] PRICE = Ascii.bytes("\",\"price\":");
    private static final byte[] STYLE = Ascii.bytes(",\"attributes\":{\"style\":\"");
    private static final byte[] SEASON = Ascii.bytes("\",\"season\":\"");
    private static final byte[] FUNCTION = Ascii.bytes("\",\"function\":[\"");
    private static final byte[] QUOTE_COMMA_QUOTE = Ascii.bytes("\",\"");
    private static final byte[] COLOUR = Ascii.bytes("\"],\"colour\":\"");
    private static final byte[] IN_STOCK_TRUE = Ascii.bytes("\"},\"inStock\":true,\"launchedAt\":");
    private static final byte[] IN_STOCK_FALSE = Ascii.bytes("\"},\"inStock\":false,\"launchedAt\":");
    private static final byte[] SENSITIVE = Ascii.bytes(",\"sensitive\":true");
    private static final byte[][] STYLE_BYTES = asciiAll(CategoryTree.STYLES);
    private static final byte[][] SEASON_BYTES = asciiAll(CategoryTree.SEASONS);
    private static final byte[][] FUNCTION_BYTES = asciiAll(CategoryTree.FUNCTIONS);
    private static final byte[][] COLOUR_BYTES = asciiAll(CategoryTree.COLOURS);
    private static final byte[][] ADJECTIVE_BYTES = asciiAll(CategoryTree.ADJECTIVES);
    private static final byte[][] NOUN_BYTES = nouns();

    private final long seed;
    private final int products;
    private final short[] leaf;
    private final short[] brand;
    private final byte[] style;
    private final byte[] season;
    private final byte[] function1;
    private final byte[] function2;
    private final byte[] colour;
    private final byte[] adjective;
    private final int[] priceCents;
    private final int[] ageMinutes;
    private final boolean[] inStock;
    private final int[][] leafProducts;
    private final ZipfSampler[] leafSamplers;
    private final double[] leafCumulative;
    private final int[] brandDepartment;
    private final byte[][] brandBytes;
    private final byte[][] leafPathBytes;

    private final int clusters;
    private final int[][] clusterLeaves;
    private final byte[] clusterStyle;
    private final int[][] clusterBrands;
    private final double[] clusterCumulative;

    /**
     * Builds the store.
     *
     * @param seed        random seed.
     * @param products    number of products, at least 1.
     * @param clusters    number of taste clusters, at least 1.
     * @param productSkew Zipf exponent of product popularity within a category, at least 0.
     */
    public StoreModel(final long seed, final int products, final int clusters, final double productSkew)
    {
        if (products < 1)
        {
            throw new IllegalArgumentException("products must be at least 1: " + products);
        }
        if (clusters < 1)
        {
            throw new IllegalArgumentException("clusters must be at least 1: " + clusters);
        }
        this.seed = seed;
        this.products = products;
        this.clusters = clusters;

        final List<CategoryTree.Leaf> leaves = CategoryTree.LEAVES;
        final int leafCount = leaves.size();
        int brands = 0;
        for (final CategoryTree.Department department : CategoryTree.DEPARTMENTS)
        {
            brands += department.brands().size();
        }
        brandDepartment = new int[brands];
        brandBytes = new byte[brands][];
        final int[] firstBrand = new int[CategoryTree.DEPARTMENTS.size()];
        int b = 0;
        for (int d = 0; d < CategoryTree.DEPARTMENTS.size(); d++)
        {
            firstBrand[d] = b;
            for (final String name : CategoryTree.DEPARTMENTS.get(d).brands())
            {
                brandDepartment[b] = d;
                brandBytes[b++] = Ascii.bytes(name);
            }
        }
        leafPathBytes = new byte[leafCount][];
        final double[] leafWeightCumulative = new double[leafCount];
        double total = 0;
        for (int l = 0; l < leafCount; l++)
        {
            leafPathBytes[l] = Ascii.bytes(leaves.get(l).path());
            total += leaves.get(l).weight();
            leafWeightCumulative[l] = total;
        }

        leaf = new short[products];
        brand = new short[products];
        style = new byte[products];
        season = new byte[products];
        function1 = new byte[products];
        function2 = new byte[products];
        colour = new byte[products];
        adjective = new byte[products];
        priceCents = new int[products];
        ageMinutes = new int[products];
        inStock = new boolean[products];
        final int[] leafSizes = new int[leafCount];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int p = 0; p < products; p++)
        {
            // The first products go round the leaves so that every leaf has one; the rest follow the weights.
            final int l = p < leafCount ? p : pick(leafWeightCumulative, random.nextDouble() * total);
            final CategoryTree.Leaf spec = leaves.get(l);
            final int department = spec.department();
            final int departmentBrands = CategoryTree.DEPARTMENTS.get(department).brands().size();
            leaf[p] = (short)l;
            leafSizes[l]++;
            brand[p] = (short)(firstBrand[department] + random.nextInt(departmentBrands));
            style[p] = (byte)random.nextInt(CategoryTree.STYLES.size());
            season[p] = (byte)random.nextInt(CategoryTree.SEASONS.size());
            function1[p] = (byte)random.nextInt(CategoryTree.FUNCTIONS.size());
            function2[p] = (byte)random.nextInt(CategoryTree.FUNCTIONS.size());
            colour[p] = (byte)random.nextInt(CategoryTree.COLOURS.size());
            adjective[p] = (byte)random.nextInt(CategoryTree.ADJECTIVES.size());
            final double median = CategoryTree.DEPARTMENTS.get(department).medianPrice() * spec.priceFactor();
            final double price = median * Math.exp(0.4 * gaussian(random));
            priceCents[p] = (int)Math.max(99, Math.min(10_000_000, Math.round(price * 100)));
            final boolean fresh = random.nextInt(100) < 5;
            final long ageDays = fresh ? random.nextInt(14) : 30 + random.nextInt(670);
            ageMinutes[p] = (int)(ageDays * 1440 + random.nextInt(1440));
            inStock[p] = random.nextInt(100) >= 4;
        }

        leafProducts = new int[leafCount][];
        leafSamplers = new ZipfSampler[leafCount];
        leafCumulative = new double[leafCount];
        final int[] filled = new int[leafCount];
        for (int l = 0; l < leafCount; l++)
        {
            leafProducts[l] = new int[leafSizes[l]];
            leafSamplers[l] = leafSizes[l] > 0 ? new ZipfSampler(leafSizes[l], productSkew) : null;
        }
        for (int p = 0; p < products; p++)
        {
            leafProducts[leaf[p]][filled[leaf[p]]++] = p;
        }
        double share = 0;
        for (int l = 0; l < leafCount; l++)
        {
            share += leafSizes[l];
            leafCumulative[l] = share / products;
        }

        clusterLeaves = new int[clusters][];
        clusterStyle = new byte[clusters];
        clusterBrands = new int[clusters][];
        clusterCumulative = new double[clusters];
        final SplittableRandom clusterRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double clusterTotal = 0;
        for (int c = 0; c < clusters; c++)
        {
            final int department = clusterRandom.nextInt(CategoryTree.DEPARTMENTS.size());
            final int[] own = usableLeaves(department, leafSizes);
            final int[] any = usableLeaves(-1, leafSizes);
            final int first = own.length > 0 ? own[clusterRandom.nextInt(own.length)] :
                any[clusterRandom.nextInt(any.length)];
            int second = own.length > 1 ? own[clusterRandom.nextInt(own.length)] :
                any[clusterRandom.nextInt(any.length)];
            for (int attempt = 0; attempt < 8 && second == first && own.length > 1; attempt++)
            {
                second = own[clusterRandom.nextInt(own.length)];
            }
            final int third = any[clusterRandom.nextInt(any.length)];
            clusterLeaves[c] = new int[] {first, second, third};
            clusterStyle[c] = (byte)clusterRandom.nextInt(CategoryTree.STYLES.size());
            final int departmentBrands = CategoryTree.DEPARTMENTS.get(department).brands().size();
            clusterBrands[c] = new int[] {firstBrand[department] + clusterRandom.nextInt(departmentBrands),
                firstBrand[department] + clusterRandom.nextInt(departmentBrands)};
            // Some tastes are common, some rare.
            clusterTotal += 1.0 / Math.sqrt(c + 1.0);
            clusterCumulative[c] = clusterTotal;
        }
        for (int c = 0; c < clusters; c++)
        {
            clusterCumulative[c] /= clusterTotal;
        }
    }

    /**
     * Number of products.
     *
     * @return product count.
     */
    public int products()
    {
        return products;
    }

    /**
     * Number of taste clusters.
     *
     * @return cluster count.
     */
    public int clusters()
    {
        return clusters;
    }

    /**
     * The taste cluster of a shopper: a hash of the seed and the shopper's number, common tastes more likely.
     *
     * @param shopper   shopper number.
     * @param anonymous whether the number is of an anonymous shopper ({@code a<n>}) rather than a customer.
     * @return cluster index.
     */
    public int clusterOf(final long shopper, final boolean anonymous)
    {
        final long hash = mix64(seed * 0x9E3779B97F4A7C15L + shopper * 2 + (anonymous ? 1 : 0));
        final double u = (hash >>> 11) * 0x1.0p-53;
        return Math.min(clusters - 1, pick(clusterCumulative, u));
    }

    /**
     * A product a shopper of this cluster looks at: 85 % from its taste, else from overall popularity.
     *
     * @param cluster taste cluster.
     * @param random  random source.
     * @return product index.
     */
    public int drawProduct(final int cluster, final SplittableRandom random)
    {
        if (random.nextDouble() >= CLUSTER_LOYALTY)
        {
            return drawPopularProduct(random);
        }
        final int[] leaves = clusterLeaves[cluster];
        final double u = random.nextDouble();
        double cumulative = 0;
        int l = leaves[leaves.length - 1];
        for (int i = 0; i < leaves.length; i++)
        {
            cumulative += CLUSTER_LEAF_WEIGHTS[i];
            if (u < cumulative)
            {
                l = leaves[i];
                break;
            }
        }
        final int[] shelf = leafProducts[l];
        if (shelf.length == 0)
        {
            return drawPopularProduct(random);
        }
        final ZipfSampler sampler = leafSamplers[l];
        final int preferredStyle = clusterStyle[cluster];
        final int[] preferredBrands = clusterBrands[cluster];
        int best = -1;
        int bestScore = -1;
        for (int c = 0; c < CANDIDATES_PER_DRAW; c++)
        {
            final int p = shelf[sampler.sampleIndex(random)];
            final int score = (style[p] == preferredStyle ? 2 : 0) +
                (brand[p] == preferredBrands[0] || brand[p] == preferredBrands[1] ? 1 : 0);
            if (score > bestScore)
            {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * A product by overall popularity: a category by its share of the catalog, then Zipf within it.
     *
     * @param random random source.
     * @return product index.
     */
    public int drawPopularProduct(final SplittableRandom random)
    {
        final int l = pick(leafCumulative, random.nextDouble());
        final int[] shelf = leafProducts[l];
        return shelf[leafSamplers[l].sampleIndex(random)];
    }

    /**
     * Whether a product is in one of the cluster's taste categories.
     *
     * @param cluster taste cluster.
     * @param product product index.
     * @return true when its leaf category is one the cluster prefers.
     */
    public boolean inTaste(final int cluster, final int product)
    {
        final int l = leaf[product];
        for (final int preferred : clusterLeaves[cluster])
        {
            if (preferred == l)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Share of the catalog in the cluster's taste categories: what a random list would hit.
     *
     * @param cluster taste cluster.
     * @return a share in 0..1.
     */
    public double tasteShare(final int cluster)
    {
        final int[] distinct = Arrays.stream(clusterLeaves[cluster]).distinct().toArray();
        double share = 0;
        for (final int l : distinct)
        {
            share += (double)leafProducts[l].length / products;
        }
        return share;
    }

    /**
     * Price of a product.
     *
     * @param product product index.
     * @return price in hundredths.
     */
    public int priceCents(final int product)
    {
        return priceCents[product];
    }

    /**
     * Leaf category of a product.
     *
     * @param product product index.
     * @return index into {@link CategoryTree#LEAVES}.
     */
    public int leafOf(final int product)
    {
        return leaf[product];
    }

    /**
     * Writes product {@code index} as one JSON object (no line end) with id {@code p<index>}.
     *
     * @param out     target.
     * @param index   product index.
     * @param nowMs   the present, for the launch date.
     */
    public void writeProductJson(final ByteBuf out, final int index, final long nowMs)
    {
        out.writeBytes(ID_P);
        Ascii.writeLong(out, index);
        out.writeByte('"');
        writeProductFields(out, index, index, nowMs - ageMinutes[index] * 60_000L, inStock[index]);
    }

    /**
     * Writes a product launched now as one JSON object (no line end): the attributes of catalog product
     * {@code template}, under a new id that the caller has already written after {@code {"id":"} and closed.
     *
     * @param out        target, positioned after the id's closing quote.
     * @param template   catalog product whose category, brand and attributes the new product takes.
     * @param modelNo    model number for the title.
     * @param launchedAt launch time, epoch milliseconds.
     */
    public void writeLaunchedProductFields(final ByteBuf out, final int template, final long modelNo,
        final long launchedAt)
    {
        writeProductFields(out, template, modelNo, launchedAt, true);
    }

    private void writeProductFields(final ByteBuf out, final int p, final long modelNo, final long launchedAt,
        final boolean stocked)
    {
        final int l = leaf[p];
        final CategoryTree.Leaf spec = CategoryTree.LEAVES.get(l);
        out.writeBytes(TITLE);
        out.writeBytes(brandBytes[brand[p]]);
        out.writeByte(' ');
        out.writeBytes(ADJECTIVE_BYTES[adjective[p]]);
        out.writeByte(' ');
        out.writeBytes(NOUN_BYTES[l]);
        out.writeByte(' ');
        Ascii.writeLong(out, 100 + modelNo % 900);
        out.writeBytes(CATEGORY);
        out.writeBytes(leafPathBytes[l]);
        out.writeBytes(BRAND);
        out.writeBytes(brandBytes[brand[p]]);
        out.writeBytes(PRICE);
        Ascii.writeCents(out, priceCents[p]);
        out.writeBytes(STYLE);
        out.writeBytes(STYLE_BYTES[style[p]]);
        out.writeBytes(SEASON);
        out.writeBytes(SEASON_BYTES[season[p]]);
        out.writeBytes(FUNCTION);
        out.writeBytes(FUNCTION_BYTES[function1[p]]);
        if (function2[p] != function1[p])
        {
            out.writeBytes(QUOTE_COMMA_QUOTE);
            out.writeBytes(FUNCTION_BYTES[function2[p]]);
        }
        out.writeBytes(COLOUR);
        out.writeBytes(COLOUR_BYTES[colour[p]]);
        out.writeBytes(stocked ? IN_STOCK_TRUE : IN_STOCK_FALSE);
        Ascii.writeLong(out, launchedAt);
        if (spec.sensitive())
        {
            out.writeBytes(SENSITIVE);
        }
        out.writeByte('}');
    }

    /** The "splitmix64" finaliser: a well-mixed 64-bit hash of a 64-bit value. */
    static long mix64(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Index of the first cumulative weight above {@code u} (binary search). */
    private static int pick(final double[] cumulative, final double u)
    {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cumulative[mid] > u)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }

    private static int[] usableLeaves(final int department, final int[] leafSizes)
    {
        final List<CategoryTree.Leaf> leaves = CategoryTree.LEAVES;
        int count = 0;
        final int[] found = new int[leaves.size()];
        for (int l = 0; l < leaves.size(); l++)
        {
            final CategoryTree.Leaf spec = leaves.get(l);
            if (!spec.sensitive() && leafSizes[l] > 0 && (department < 0 || spec.department() == department))
            {
                found[count++] = l;
            }
        }
        if (count == 0 && department < 0)
        {
            // Tiny catalogs: fall back to any leaf that has products.
            for (int l = 0; l < leaves.size(); l++)
            {
                if (leafSizes[l] > 0)
                {
                    found[count++] = l;
                }
            }
        }
        return Arrays.copyOf(found, count);
    }

    private static double gaussian(final SplittableRandom random)
    {
        double u = 0;
        for (int i = 0; i < 12; i++)
        {
            u += random.nextDouble();
        }
        return u - 6.0;
    }

    private static byte[][] asciiAll(final List<String> values)
    {
        final byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = Ascii.bytes(values.get(i));
        }
        return bytes;
    }

    private static byte[][] nouns()
    {
        final byte[][] bytes = new byte[CategoryTree.LEAVES.size()][];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = Ascii.bytes(CategoryTree.LEAVES.get(i).noun());
        }
        return bytes;
    }
}
