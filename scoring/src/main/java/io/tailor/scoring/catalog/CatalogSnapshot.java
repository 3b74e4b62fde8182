package io.tailor.scoring.catalog;

import io.tailor.scoring.util.Hashing;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable, columnar picture of the whole catalog, read on the hot path without locks.
 * <p>
 * Each product has a dense index valid in this snapshot only; columns are arrays indexed by it, and item
 * vectors are packed row after row in one {@code float[]} so that scoring streams through memory.
 * Products, categories and brands are found by their {@link Hashing#key(CharSequence) keys}. A new
 * snapshot is built off the hot path whenever the catalog changes and swapped in atomically.
 * <pre>
 *   index:     0        1        2      ...
 *   keys:     [k0]     [k1]     [k2]          product key -> index: {@link #indexOf(long)}
 *   category: [c0]     [c1]     [c2]          leaf category index into the category table
 *   vectors:  [d floats][d floats][d floats]  unit length; row i starts at i * d (then room for launches)
 * </pre>
 * Every per-product array (the columns and the vectors) has room past the last row, into which a patch that launches
 * products appends their rows: the snapshots that share the arrays each read only the rows below their own size, and
 * rows already in use are never written (a changed product goes to copies).
 */
public final class CatalogSnapshot
{
    /** Index returned for an unknown key. */
    public static final int MISSING = -1;

    /** Most new arrivals kept per category, newest first. */
    public static final int NEW_ARRIVALS_PER_CATEGORY = 64;

    private static final byte IN_STOCK = 1;
    private static final byte SENSITIVE = 2;

    private final int size;
    private final int dimensions;
    private final long version;
    private final Product[] products;
    private final long[] keys;
    private final Long2LongHashMap indexByKey;
    /**
     * Products appended by patches since {@link #indexByKey} was made, by key; {@code null} when none. A launch then
     * copies this small table instead of the index of the whole catalog (at 100,000 products a table of 4 MB or
     * more, copied on every launch: benchmarks/RESULTS.md, "Per page view", thirteenth slice); once it holds
     * {@link #launchedIndexLimit} products, the next patch makes one index of both again.
     */
    private final Long2LongHashMap launchedByKey;
    private final int[] categoryOf;
    private final int[] brandOf;
    private final float[] prices;
    private final float[] logPrices;
    private final long[] launchedAt;
    private final byte[] flags;
    private final float[] vectors;
    /**
     * Rows of {@link #vectors} some snapshot over the same array has written, shared by those snapshots: a patch that
     * only appends products writes their rows into the array's spare room, and only the snapshot whose size this
     * equals may claim that room ({@link Builder#Builder(CatalogSnapshot, int, long, boolean)}).
     */
    private final AtomicInteger vectorRowsWritten;
    /** The same for the per-product columns from {@link #products} to {@link #flags}, which have room alike. */
    private final AtomicInteger rowsWritten;

    private final String[] categoryPaths;
    private final long[] categoryKeys;
    private final int[] categoryParents;
    private final Long2LongHashMap categoryByKey;
    private final int[][] categoryNewArrivals;
    private final int[][] brandNewArrivals;

    private final String[] brandNames;
    private final long[] brandKeys;
    private final Long2LongHashMap brandByKey;

    private final int[] newArrivals;

    private CatalogSnapshot(final Builder b)
    {
        this.size = b.size;
        this.dimensions = b.dimensions;
        this.version = b.version;
        this.products = b.products;
        this.keys = b.keys;
        this.indexByKey = b.indexByKey;
        this.launchedByKey = b.launchedByKey;
        this.categoryOf = b.categoryOf;
        this.brandOf = b.brandOf;
        this.prices = b.prices;
        this.logPrices = b.logPrices;
        this.launchedAt = b.launchedAt;
        this.flags = b.flags;
        this.vectors = b.vectors;
        this.vectorRowsWritten = b.vectorRowsWritten;
        this.rowsWritten = b.rowsWritten;
        this.categoryPaths = b.categoryPaths;
        this.categoryKeys = b.categoryKeys;
        this.categoryParents = b.categoryParents;
        this.categoryByKey = b.categoryByKey;
        this.categoryNewArrivals = b.categoryNewArrivals;
        this.brandNewArrivals = b.brandNewArrivals;
        this.brandNames = b.brandNames;
        this.brandKeys = b.brandKeys;
        this.brandByKey = b.brandByKey;
        this.newArrivals = b.newArrivals;
    }

    /**
     * An empty catalog.
     *
     * @param dimensions item vector dimension.
     * @return a snapshot with no products.
     */
    public static CatalogSnapshot empty(final int dimensions)
    {
        return build(List.of(), null, new ContentVectorizer(dimensions), 0L);
    }

    /**
     * Builds a snapshot of the given products.
     * <p>
     * Content vectors are reused from {@code previous} for products that are the same object as there,
     * so a rebuild after a small change does not re-hash the whole catalog.
     *
     * @param products   every product, in any order, ids unique.
     * @param previous   the snapshot this one replaces, or {@code null}.
     * @param vectorizer makes content vectors.
     * @param version    a number that grows with every rebuild, for observers.
     * @return the new snapshot.
     */
    public static CatalogSnapshot build(
        final Collection<Product> products,
        final CatalogSnapshot previous,
        final ContentVectorizer vectorizer,
        final long version)
    {
        final Builder b = new Builder(products.size(), vectorizer.dimensions(), version);
        final Product[] sorted = products.toArray(new Product[0]);
        Arrays.sort(sorted, (l, r) -> l.id().compareTo(r.id()));

        // Names are collected in hash maps and sorted once: a tree map per product made a third of a rebuild's
        // time at 100,000 products (ItemModelRebuildBenchmark). Indices follow the names' sorted order, so
        // every node numbers them alike.
        final HashMap<String, Integer> categoryIndex = new HashMap<>();
        final HashMap<String, Integer> brandIndex = new HashMap<>();
        for (final Product product : sorted)
        {
            final String category = product.category();
            if (categoryIndex.putIfAbsent(category, 0) == null)
            {
                // A path seen before brought its ancestors already.
                int end = category.indexOf(Product.CATEGORY_SEPARATOR);
                while (end >= 0)
                {
                    categoryIndex.putIfAbsent(category.substring(0, end), 0);
                    end = category.indexOf(Product.CATEGORY_SEPARATOR, end + 1);
                }
            }
            if (!product.brand().isEmpty())
            {
                brandIndex.putIfAbsent(product.brand(), 0);
            }
        }
        final TreeMap<String, Integer> categories = new TreeMap<>(categoryIndex);
        final TreeMap<String, Integer> brands = new TreeMap<>(brandIndex);
        b.categories(categories);
        b.brands(brands);
        categoryIndex.putAll(categories);
        brandIndex.putAll(brands);

        final int d = b.dimensions;
        for (int i = 0; i < sorted.length; i++)
        {
            final Product product = sorted[i];
            final long key = Hashing.key(product.id());
            b.products[i] = product;
            b.keys[i] = key;
            b.indexByKey.put(key, i);
            b.categoryOf[i] = categoryIndex.get(product.category());
            b.brandOf[i] = product.brand().isEmpty() ? MISSING : brandIndex.get(product.brand());
            b.prices[i] = (float)product.price();
            b.logPrices[i] = logPrice(b.prices[i]);
            b.launchedAt[i] = product.launchedAtMs();
            b.flags[i] = (byte)((product.inStock() ? IN_STOCK : 0) | (product.sensitive() ? SENSITIVE : 0));

            final int previousIndex = previous == null ? MISSING : previous.indexOf(key);
            if (previousIndex != MISSING && previous.products[previousIndex] == product && previous.dimensions == d)
            {
                System.arraycopy(previous.vectors, previousIndex * d, b.vectors, i * d, d);
            }
            else if (product.vector() != null && product.vector().length == d)
            {
                System.arraycopy(product.vector(), 0, b.vectors, i * d, d);
                ContentVectorizer.normalize(b.vectors, i * d, d);
            }
            else
            {
                vectorizer.vectorize(product, b.vectors, i * d);
            }
        }
        b.newArrivals();
        return new CatalogSnapshot(b);
    }

    /**
     * This snapshot with a few products changed or added, in the time of a few array copies instead of a whole
     * build's sorting, hashing and vectorising: what makes a launched product or a stock change servable within
     * a second at 100,000 products while full rebuilds are paced (benchmarks/RESULTS.md).
     * <p>
     * Products already here keep their index; new ones are appended after the last, so indices are no longer in
     * the order of ids until the next full {@link #build} (which nothing relies on but tie-breaks between equal
     * scores). A new arrival joins the new-arrival lists of its categories and the global one in launch order.
     * Returns {@code null}, and the caller builds in full, when a change does not fit: a product whose category,
     * brand or launch time changed (they place it in lists), a category or a brand not in this snapshot, or an
     * id given twice.
     *
     * @param changed    products upserted since this snapshot was built (their newest versions).
     * @param vectorizer makes content vectors, as for {@link #build}.
     * @param newVersion the version of the patched snapshot.
     * @return the patched snapshot, or {@code null} when only a full build can apply the change.
     */
    public CatalogSnapshot patched(final Collection<Product> changed, final ContentVectorizer vectorizer,
        final long newVersion)
    {
        if (vectorizer.dimensions() != dimensions)
        {
            return null;
        }
        final List<Product> added = new ArrayList<>();
        final Long2LongHashMap seen = new Long2LongHashMap(MISSING);
        boolean appendOnly = true;
        for (final Product product : changed)
        {
            final long key = Hashing.key(product.id());
            if (seen.put(key, 0) != MISSING)
            {
                return null;
            }
            final int index = indexOf(key);
            if (index == MISSING)
            {
                if (categoryIndexOf(Hashing.key(product.category())) == MISSING ||
                    !product.brand().isEmpty() && brandIndexOf(Hashing.key(product.brand())) == MISSING)
                {
                    return null;
                }
                added.add(product);
            }
            else
            {
                final Product old = products[index];
                if (!old.category().equals(product.category()) || !old.brand().equals(product.brand()) ||
                    old.launchedAtMs() != product.launchedAtMs())
                {
                    return null;
                }
                appendOnly &= old == product;
            }
        }
        final Builder b = new Builder(this, size + added.size(), newVersion, appendOnly);
        final float[] row = new float[dimensions];
        boolean vectorsCopied = b.vectors != vectors;
        for (final Product product : changed)
        {
            final int index = indexOf(product.id());
            if (index == MISSING || products[index] == product)
            {
                continue;
            }
            b.set(index, product, categoryOf[index], brandOf[index]);
            vectorOf(product, vectorizer, row);
            if (!Arrays.equals(row, 0, dimensions, vectors, index * dimensions, (index + 1) * dimensions))
            {
                if (!vectorsCopied)
                {
                    // A changed row is written to a copy: the snapshots sharing the array keep what they read.
                    b.vectors = b.vectors.clone();
                    b.vectorRowsWritten = new AtomicInteger(b.size);
                    vectorsCopied = true;
                }
                System.arraycopy(row, 0, b.vectors, index * dimensions, dimensions);
            }
        }
        for (int n = 0; n < added.size(); n++)
        {
            final Product product = added.get(n);
            final int index = size + n;
            final int brand = product.brand().isEmpty() ? MISSING : brandIndexOf(Hashing.key(product.brand()));
            b.set(index, product, categoryIndexOf(Hashing.key(product.category())), brand);
            b.index(b.keys[index], index);
            vectorOf(product, vectorizer, row);
            System.arraycopy(row, 0, b.vectors, index * dimensions, dimensions);
            b.addNewArrival(index);
        }
        return new CatalogSnapshot(b);
    }

    /**
     * Rows to allocate for the per-product arrays of a catalog of a size: room for launches to be appended without a
     * copy (at 100,000 products a copy of the vectors is 25.6 MB and of the other columns 3.7 MB, and the storefront
     * mix launches about three products a second; benchmarks/RESULTS.md, "Per page view", twelfth slice).
     *
     * @param size a catalog size.
     * @return rows to allocate, at least {@code size}.
     */
    public static int withRoom(final int size)
    {
        return size + Math.max(256, size / 16);
    }

    /**
     * Most products the table of launched products holds before a patch makes one index of everything again: a
     * 16th of the catalog, at least 1,024. Each launch copies the table, so at 100,000 products the copies stay
     * under a tenth of the whole index's, and a merge comes every 6,250 launches.
     */
    private static int launchedIndexLimit(final int size)
    {
        return Math.max(1024, size / 16);
    }

    /** A product's content vector, exactly as {@link #build} makes it. */
    private static void vectorOf(final Product product, final ContentVectorizer vectorizer, final float[] out)
    {
        final int d = out.length;
        if (product.vector() != null && product.vector().length == d)
        {
            System.arraycopy(product.vector(), 0, out, 0, d);
            ContentVectorizer.normalize(out, 0, d);
        }
        else
        {
            vectorizer.vectorize(product, out, 0);
        }
    }

    /**
     * Number of products.
     *
     * @return the size.
     */
    public int size()
    {
        return size;
    }

    /**
     * Item vector dimension.
     *
     * @return d.
     */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * Build number of this snapshot.
     *
     * @return the version given when it was built.
     */
    public long version()
    {
        return version;
    }

    /**
     * Index of a product by key.
     *
     * @param productKey {@link Hashing#key(CharSequence)} of the product id.
     * @return its index, or {@link #MISSING}.
     */
    public int indexOf(final long productKey)
    {
        final long index = indexByKey.get(productKey);
        return (int)(index != MISSING || launchedByKey == null ? index : launchedByKey.get(productKey));
    }

    /**
     * Index of a product by id.
     *
     * @param productId product id.
     * @return its index, or {@link #MISSING}.
     */
    public int indexOf(final String productId)
    {
        return indexOf(Hashing.key(productId));
    }

    /**
     * The product at an index.
     *
     * @param index product index.
     * @return the product.
     */
    public Product product(final int index)
    {
        return products[index];
    }

    /**
     * Key of the product at an index.
     *
     * @param index product index.
     * @return its key.
     */
    public long key(final int index)
    {
        return keys[index];
    }

    /**
     * Leaf category of a product.
     *
     * @param index product index.
     * @return category index.
     */
    public int categoryOf(final int index)
    {
        return categoryOf[index];
    }

    /**
     * Brand of a product.
     *
     * @param index product index.
     * @return brand index, or {@link #MISSING} when it has none.
     */
    public int brandOf(final int index)
    {
        return brandOf[index];
    }

    /**
     * Price of a product.
     *
     * @param index product index.
     * @return its price.
     */
    public float price(final int index)
    {
        return prices[index];
    }

    /**
     * Natural log of a product's price, tabled once so the served path's price fit pays no {@code Math.log} per
     * candidate.
     *
     * @param index product index.
     * @return {@link #logPrice(float)} of its price: NaN when it has none.
     */
    public float logPrice(final int index)
    {
        return logPrices[index];
    }

    /**
     * The log-price column's value for a price.
     *
     * @param price a price.
     * @return {@code (float)Math.log(price)}, NaN for a price of zero or less (or NaN: no price).
     */
    public static float logPrice(final float price)
    {
        return price > 0f ? (float)Math.log(price) : Float.NaN;
    }

    /**
     * Launch time of a product.
     *
     * @param index product index.
     * @return epoch milliseconds, or {@link Product#UNKNOWN_LAUNCH}.
     */
    public long launchedAt(final int index)
    {
        return launchedAt[index];
    }

    /**
     * Whether a product can be bought now.
     *
     * @param index product index.
     * @return true when in stock.
     */
    public boolean inStock(final int index)
    {
        return (flags[index] & IN_STOCK) != 0;
    }

    /**
     * Whether a product is sensitive.
     *
     * @param index product index.
     * @return true when sensitive.
     */
    public boolean sensitive(final int index)
    {
        return (flags[index] & SENSITIVE) != 0;
    }

    /**
     * The packed item vectors: row {@code i} is {@code vectors()[i * d .. i * d + d)}. Read only.
     *
     * @return the shared array.
     */
    public float[] vectors()
    {
        return vectors;
    }

    /**
     * Number of categories, counting every prefix of every path.
     *
     * @return the category count.
     */
    public int categoryCount()
    {
        return categoryPaths.length;
    }

    /**
     * Path of a category.
     *
     * @param category category index.
     * @return its path, e.g. {@code apparel/shoes/running}.
     */
    public String categoryPath(final int category)
    {
        return categoryPaths[category];
    }

    /**
     * Key of a category.
     *
     * @param category category index.
     * @return {@link Hashing#key(CharSequence)} of its path.
     */
    public long categoryKey(final int category)
    {
        return categoryKeys[category];
    }

    /**
     * Parent of a category.
     *
     * @param category category index.
     * @return the parent's index, or {@link #MISSING} for a top-level category.
     */
    public int categoryParent(final int category)
    {
        return categoryParents[category];
    }

    /**
     * Category by key.
     *
     * @param categoryKey key of a category path.
     * @return its index, or {@link #MISSING}.
     */
    public int categoryIndexOf(final long categoryKey)
    {
        return (int)categoryByKey.get(categoryKey);
    }

    /**
     * Whether {@code category} is {@code ancestor} or lies below it.
     *
     * @param category a category index.
     * @param ancestor another category index.
     * @return true when within.
     */
    public boolean categoryWithin(final int category, final int ancestor)
    {
        int c = category;
        while (c != MISSING)
        {
            if (c == ancestor)
            {
                return true;
            }
            c = categoryParents[c];
        }
        return false;
    }

    /**
     * Newest products of a category and its subcategories, newest first; only those with a known launch.
     *
     * @param category category index.
     * @return product indices; do not modify.
     */
    public int[] categoryNewArrivals(final int category)
    {
        return categoryNewArrivals[category];
    }

    /**
     * Newest products of a brand, newest first; only those with a known launch; at most
     * {@link #NEW_ARRIVALS_PER_CATEGORY}.
     *
     * @param brand brand index.
     * @return product indices; do not modify.
     */
    public int[] brandNewArrivals(final int brand)
    {
        return brandNewArrivals[brand];
    }

    /**
     * Newest products of the whole catalog, newest first.
     *
     * @return product indices; do not modify.
     */
    public int[] newArrivals()
    {
        return newArrivals;
    }

    /**
     * Name of a brand.
     *
     * @param brand brand index.
     * @return the name.
     */
    public String brandName(final int brand)
    {
        return brandNames[brand];
    }

    /**
     * Number of brands.
     *
     * @return the count.
     */
    public int brandCount()
    {
        return brandNames.length;
    }

    /**
     * Key of a brand.
     *
     * @param brand brand index.
     * @return {@link Hashing#key(CharSequence)} of its name.
     */
    public long brandKey(final int brand)
    {
        return brandKeys[brand];
    }

    /**
     * Brand by key.
     *
     * @param brandKey key of a brand name.
     * @return its index, or {@link #MISSING}.
     */
    public int brandIndexOf(final long brandKey)
    {
        return (int)brandByKey.get(brandKey);
    }

    private static final class Builder
    {
        final int size;
        final int dimensions;
        final long version;
        final Product[] products;
        final long[] keys;
        final Long2LongHashMap indexByKey;
        final Long2LongHashMap launchedByKey;
        final int[] categoryOf;
        final int[] brandOf;
        final float[] prices;
        final float[] logPrices;
        final long[] launchedAt;
        final byte[] flags;
        float[] vectors;
        AtomicInteger vectorRowsWritten;
        final AtomicInteger rowsWritten;
        String[] categoryPaths;
        long[] categoryKeys;
        int[] categoryParents;
        final Long2LongHashMap categoryByKey;
        int[][] categoryNewArrivals;
        int[][] brandNewArrivals;
        String[] brandNames;
        long[] brandKeys;
        final Long2LongHashMap brandByKey;
        int[] newArrivals;

        Builder(final int size, final int dimensions, final long version)
        {
            this.size = size;
            this.dimensions = dimensions;
            this.version = version;
            final int room = withRoom(size);
            products = new Product[room];
            keys = new long[room];
            indexByKey = new Long2LongHashMap(MISSING);
            launchedByKey = null;
            categoryOf = new int[room];
            brandOf = new int[room];
            prices = new float[room];
            logPrices = new float[room];
            launchedAt = new long[room];
            flags = new byte[room];
            rowsWritten = new AtomicInteger(size);
            vectors = new float[room * dimensions];
            vectorRowsWritten = new AtomicInteger(size);
            categoryByKey = new Long2LongHashMap(MISSING);
            brandByKey = new Long2LongHashMap(MISSING);
        }

        /**
         * A builder starting from a snapshot, for {@link #patched}: the per-product columns shared when the patch only
         * appends and the base is the newest snapshot over them (appended rows go into their room), else copied
         * with room; the category and brand tables shared, the index by key shared with the products launched since it
         * was made in a small table of their own (copied when products are added, merged into a copy of the index
         * when it is full), the vectors shared until a row changes (the caller copies them then) or grown.
         */
        Builder(final CatalogSnapshot base, final int size, final long version, final boolean appendOnly)
        {
            this.size = size;
            this.dimensions = base.dimensions;
            this.version = version;
            final int launched = base.launchedByKey == null ? 0 : base.launchedByKey.size();
            if (size == base.size)
            {
                indexByKey = base.indexByKey;
                launchedByKey = base.launchedByKey;
            }
            else if (launched + size - base.size <= launchedIndexLimit(size))
            {
                // The catalog's index shared; the few launched since copied, and this patch's added to them.
                indexByKey = base.indexByKey;
                launchedByKey = base.launchedByKey == null ? new Long2LongHashMap(MISSING) :
                    new Long2LongHashMap(base.launchedByKey);
            }
            else
            {
                indexByKey = new Long2LongHashMap(base.indexByKey);
                if (base.launchedByKey != null)
                {
                    // Not its entry set: that iterator is cached in the map, which other snapshots share.
                    base.launchedByKey.forEachLong(indexByKey::put);
                }
                launchedByKey = null;
            }
            if (appendOnly && base.products.length >= size && base.rowsWritten.compareAndSet(base.size, size))
            {
                // As the vectors below: a launch writes only rows past every older snapshot's size.
                products = base.products;
                keys = base.keys;
                categoryOf = base.categoryOf;
                brandOf = base.brandOf;
                prices = base.prices;
                logPrices = base.logPrices;
                launchedAt = base.launchedAt;
                flags = base.flags;
                rowsWritten = base.rowsWritten;
            }
            else
            {
                // Rows a product changes in are written to copies; the copies have room again.
                final int room = withRoom(size);
                products = Arrays.copyOf(base.products, room);
                // Past the base's rows the room may hold another branch's launches (a patch never shrinks the
                // catalog, so room > base.size): not kept alive by this copy.
                Arrays.fill(products, base.size, room, null);
                keys = Arrays.copyOf(base.keys, room);
                categoryOf = Arrays.copyOf(base.categoryOf, room);
                brandOf = Arrays.copyOf(base.brandOf, room);
                prices = Arrays.copyOf(base.prices, room);
                logPrices = Arrays.copyOf(base.logPrices, room);
                launchedAt = Arrays.copyOf(base.launchedAt, room);
                flags = Arrays.copyOf(base.flags, room);
                rowsWritten = new AtomicInteger(size);
            }
            if (size == base.size ||
                base.vectors.length >= size * dimensions && base.vectorRowsWritten.compareAndSet(base.size, size))
            {
                // Appended rows go into room no snapshot reads (each reads rows below its own size), claimed by the
                // newest snapshot over this array only: a launch does not copy every product's vector.
                vectors = base.vectors;
                vectorRowsWritten = base.vectorRowsWritten;
            }
            else
            {
                vectors = Arrays.copyOf(base.vectors, withRoom(size) * dimensions);
                vectorRowsWritten = new AtomicInteger(size);
            }
            categoryPaths = base.categoryPaths;
            categoryKeys = base.categoryKeys;
            categoryParents = base.categoryParents;
            categoryByKey = base.categoryByKey;
            categoryNewArrivals = base.categoryNewArrivals;
            brandNewArrivals = base.brandNewArrivals;
            brandNames = base.brandNames;
            brandKeys = base.brandKeys;
            brandByKey = base.brandByKey;
            newArrivals = base.newArrivals;
        }

        /** Indexes a product this builder adds: among the launched when there is such a table, else in the index. */
        void index(final long key, final int index)
        {
            (launchedByKey != null ? launchedByKey : indexByKey).put(key, index);
        }

        /** Fills a product's columns, all but its vector. */
        void set(final int index, final Product product, final int category, final int brand)
        {
            products[index] = product;
            keys[index] = Hashing.key(product.id());
            categoryOf[index] = category;
            brandOf[index] = brand;
            prices[index] = (float)product.price();
            logPrices[index] = logPrice(prices[index]);
            launchedAt[index] = product.launchedAtMs();
            flags[index] = (byte)((product.inStock() ? IN_STOCK : 0) | (product.sensitive() ? SENSITIVE : 0));
        }

        /**
         * Puts an added product into the new-arrival lists of its categories and the global one, newest first
         * (after the products launched at the same time), as {@link #newArrivals()} would; the lists are
         * copied, never changed in place: the base snapshot shares them.
         */
        void addNewArrival(final int item)
        {
            if (launchedAt[item] == Product.UNKNOWN_LAUNCH)
            {
                return;
            }
            newArrivals = inserted(newArrivals, item, NEW_ARRIVALS_PER_CATEGORY * 4);
            if (categoryNewArrivals.length > 0)
            {
                categoryNewArrivals = categoryNewArrivals.clone();
            }
            for (int c = categoryOf[item]; c != MISSING; c = categoryParents[c])
            {
                categoryNewArrivals[c] = inserted(categoryNewArrivals[c], item, NEW_ARRIVALS_PER_CATEGORY);
            }
            final int brand = brandOf[item];
            if (brand != MISSING)
            {
                brandNewArrivals = brandNewArrivals.clone();
                brandNewArrivals[brand] = inserted(brandNewArrivals[brand], item, NEW_ARRIVALS_PER_CATEGORY);
            }
        }

        /** A copy of a newest-first list with the item in its place, at most {@code limit} long. */
        private int[] inserted(final int[] list, final int item, final int limit)
        {
            int position = 0;
            while (position < list.length && launchedAt[list[position]] >= launchedAt[item])
            {
                position++;
            }
            if (position >= limit)
            {
                return list;
            }
            final int length = Math.min(limit, list.length + 1);
            final int[] copy = new int[length];
            System.arraycopy(list, 0, copy, 0, position);
            copy[position] = item;
            System.arraycopy(list, position, copy, position + 1, length - position - 1);
            return copy;
        }

        void categories(final TreeMap<String, Integer> categories)
        {
            final int count = categories.size();
            categoryPaths = new String[count];
            categoryKeys = new long[count];
            categoryParents = new int[count];
            int index = 0;
            for (final var entry : categories.entrySet())
            {
                entry.setValue(index);
                categoryPaths[index] = entry.getKey();
                categoryKeys[index] = Hashing.key(entry.getKey());
                categoryByKey.put(categoryKeys[index], index);
                index++;
            }
            for (int c = 0; c < count; c++)
            {
                final String path = categoryPaths[c];
                final int cut = path.lastIndexOf(Product.CATEGORY_SEPARATOR);
                categoryParents[c] = cut < 0 ? MISSING : categories.get(path.substring(0, cut));
            }
        }

        void brands(final TreeMap<String, Integer> brands)
        {
            final int count = brands.size();
            brandNames = new String[count];
            brandKeys = new long[count];
            int index = 0;
            for (final var entry : brands.entrySet())
            {
                entry.setValue(index);
                brandNames[index] = entry.getKey();
                brandKeys[index] = Hashing.key(entry.getKey());
                brandByKey.put(brandKeys[index], index);
                index++;
            }
        }

        void newArrivals()
        {
            final Integer[] byLaunch = new Integer[size];
            int known = 0;
            for (int i = 0; i < size; i++)
            {
                if (launchedAt[i] != Product.UNKNOWN_LAUNCH)
                {
                    byLaunch[known++] = i;
                }
            }
            Arrays.sort(byLaunch, 0, known, (l, r) -> Long.compare(launchedAt[r], launchedAt[l]));

            final int categoryCount = categoryPaths.length;
            final List<List<Integer>> perCategory = new ArrayList<>(categoryCount);
            for (int c = 0; c < categoryCount; c++)
            {
                perCategory.add(new ArrayList<>());
            }
            // per brand: counted first, so a catalog of many small brands does not allocate 64 places for each
            final int brandCount = brandNames.length;
            final int[] brandFill = new int[brandCount];
            for (int n = 0; n < known; n++)
            {
                final int brand = brandOf[byLaunch[n]];
                if (brand != MISSING && brandFill[brand] < NEW_ARRIVALS_PER_CATEGORY)
                {
                    brandFill[brand]++;
                }
            }
            brandNewArrivals = new int[brandCount][];
            for (int brand = 0; brand < brandCount; brand++)
            {
                brandNewArrivals[brand] = new int[brandFill[brand]];
                brandFill[brand] = 0;
            }
            final int globalLimit = NEW_ARRIVALS_PER_CATEGORY * 4;
            final int[] global = new int[Math.min(known, globalLimit)];
            for (int n = 0; n < known; n++)
            {
                final int item = byLaunch[n];
                if (n < global.length)
                {
                    global[n] = item;
                }
                final int brand = brandOf[item];
                if (brand != MISSING && brandFill[brand] < brandNewArrivals[brand].length)
                {
                    brandNewArrivals[brand][brandFill[brand]++] = item;
                }
                for (int c = categoryOf[item]; c != MISSING; c = categoryParents[c])
                {
                    final List<Integer> list = perCategory.get(c);
                    if (list.size() < NEW_ARRIVALS_PER_CATEGORY)
                    {
                        list.add(item);
                    }
                }
            }
            categoryNewArrivals = new int[categoryCount][];
            for (int c = 0; c < categoryCount; c++)
            {
                categoryNewArrivals[c] = perCategory.get(c).stream().mapToInt(Integer::intValue).toArray();
            }
            newArrivals = global;
        }
    }
}
