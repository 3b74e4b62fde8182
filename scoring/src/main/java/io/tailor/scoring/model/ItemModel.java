package io.tailor.scoring.model;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.util.Decay;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A picture of what the interaction stream has taught about products, over one
 * {@link CatalogSnapshot}: popularity, the most popular products overall and per category, and for each
 * product its nearest neighbours by co-occurrence ("seen together") and by co-purchase ("bought
 * together", with lift).
 * <p>
 * Neighbour scores are co-occurrence cosines, {@code c(a,b) / sqrt(t(a) t(b))} with {@code t} the row
 * totals, shrunk by support ({@code c / (c + 1)}): a universally popular product does not become everyone's
 * neighbour, and one chance pair does not outrank a repeated one.
 * <p>
 * Indices are the catalog snapshot's. The recommender reads one {@code ItemModel} per request and takes
 * the catalog from it, so the two always agree. Immutable but for the exposure counts, which the model thread adds
 * the newest impressions and clicks to between rebuilds ({@link #withExposureAdded}).
 */
public final class ItemModel
{
    private static final int[] NONE = new int[0];
    private static final float[] NO_SCORES = new float[0];

    private final CatalogSnapshot catalog;
    private final long version;
    private final long builtAtMs;
    private final float[] popularity;
    private final int[] globalTop;
    private final int[][] categoryTop;
    private final int[][] neighbors;
    private final float[][] neighborScores;
    private final int[][] boughtTogether;
    private final float[][] boughtScores;
    private final float[][] boughtLift;
    private final int[][] followers;
    private final float[][] followerScores;
    private final ItemFactors factors;
    /** Impressions and clicks in about the last day per product, or {@code null} when nothing was shown. */
    private final float[] shownLately;
    private final float[] clickedLately;
    /**
     * The same per placement, at {@code item * Exposure.PLACEMENTS + placement}: one array read on the served path
     * like the pooled ones; {@code null} when no placement is known for any product.
     */
    private final float[] shownByPlacement;
    private final float[] clickedByPlacement;
    /**
     * Rows of the per-product arrays that models over them use, shared by those models: the arrays may have room
     * past the catalog's size, and a patch that launches products takes the next rows of that room when its base is
     * the newest model over the arrays (a compare-and-set from the base's size), instead of copying every array
     * ({@link #overPatched}). Rows in the room hold no evidence until a model claims them.
     */
    private final AtomicInteger rowsClaimed;

    private ItemModel(final CatalogSnapshot catalog, final long version, final long builtAtMs,
        final float[] popularity, final int[] globalTop, final int[][] categoryTop, final NeighborLists lists,
        final float[][] exposure)
    {
        this.shownLately = exposure == null ? null : exposure[0];
        this.clickedLately = exposure == null ? null : exposure[1];
        this.shownByPlacement = exposure == null ? null : exposure[2];
        this.clickedByPlacement = exposure == null ? null : exposure[3];
        this.catalog = catalog;
        this.version = version;
        this.builtAtMs = builtAtMs;
        this.popularity = popularity;
        this.globalTop = globalTop;
        this.categoryTop = categoryTop;
        this.neighbors = lists.together;
        this.neighborScores = lists.togetherScores;
        this.boughtTogether = lists.bought;
        this.boughtScores = lists.boughtScores;
        this.boughtLift = lists.boughtLift;
        this.followers = lists.followers;
        this.followerScores = lists.followerScores;
        this.factors = ItemFactors.NONE;
        this.rowsClaimed = new AtomicInteger(catalog.size());
    }

    private ItemModel(final ItemModel model, final ItemFactors factors)
    {
        this(model, model.shownLately, model.clickedLately, model.shownByPlacement, model.clickedByPlacement,
            factors);
    }

    /** A copy with other exposure counts and factors; everything else shared. */
    private ItemModel(final ItemModel model, final float[] shown, final float[] clicked, final float[] shownBy,
        final float[] clickedBy, final ItemFactors factors)
    {
        this.shownLately = shown;
        this.clickedLately = clicked;
        this.shownByPlacement = shownBy;
        this.clickedByPlacement = clickedBy;
        this.catalog = model.catalog;
        this.version = model.version;
        this.builtAtMs = model.builtAtMs;
        this.popularity = model.popularity;
        this.globalTop = model.globalTop;
        this.categoryTop = model.categoryTop;
        this.neighbors = model.neighbors;
        this.neighborScores = model.neighborScores;
        this.boughtTogether = model.boughtTogether;
        this.boughtScores = model.boughtScores;
        this.boughtLift = model.boughtLift;
        this.followers = model.followers;
        this.followerScores = model.followerScores;
        this.factors = factors;
        this.rowsClaimed = model.rowsClaimed;
    }

    /**
     * A model over a patched catalog: the added products without evidence. The arrays are shared when they have room
     * for the added products and this is the newest model over them (it claims the room); else copied with room.
     */
    private ItemModel(final ItemModel model, final CatalogSnapshot patched, final long version)
    {
        final int size = patched.size();
        final int rows = model.catalog.size();
        this.catalog = patched;
        this.version = version;
        this.builtAtMs = model.builtAtMs;
        this.globalTop = model.globalTop;
        this.categoryTop = model.categoryTop;
        this.factors = model.factors.rank() == 0 ? model.factors : model.factors.over(patched);
        if (model.hasRoomFor(size) && model.rowsClaimed.compareAndSet(rows, size))
        {
            this.popularity = model.popularity;
            this.neighbors = model.neighbors;
            this.neighborScores = model.neighborScores;
            this.boughtTogether = model.boughtTogether;
            this.boughtScores = model.boughtScores;
            this.boughtLift = model.boughtLift;
            this.followers = model.followers;
            this.followerScores = model.followerScores;
            this.shownLately = model.shownLately;
            this.clickedLately = model.clickedLately;
            this.shownByPlacement = model.shownByPlacement;
            this.clickedByPlacement = model.clickedByPlacement;
            this.rowsClaimed = model.rowsClaimed;
            return;
        }
        // Only the base's own rows are copied: rows past them may hold another branch's launches' exposure.
        final int room = CatalogSnapshot.withRoom(size);
        this.popularity = copied(model.popularity, rows, room, 1);
        this.neighbors = grown(model.neighbors, rows, room, NONE);
        this.neighborScores = grown(model.neighborScores, rows, room, NO_SCORES);
        this.boughtTogether = grown(model.boughtTogether, rows, room, NONE);
        this.boughtScores = grown(model.boughtScores, rows, room, NO_SCORES);
        this.boughtLift = grown(model.boughtLift, rows, room, NO_SCORES);
        this.followers = grown(model.followers, rows, room, NONE);
        this.followerScores = grown(model.followerScores, rows, room, NO_SCORES);
        this.shownLately = copied(model.shownLately, rows, room, 1);
        this.clickedLately = copied(model.clickedLately, rows, room, 1);
        this.shownByPlacement = copied(model.shownByPlacement, rows, room, Exposure.PLACEMENTS);
        this.clickedByPlacement = copied(model.clickedByPlacement, rows, room, Exposure.PLACEMENTS);
        this.rowsClaimed = new AtomicInteger(size);
    }

    /** Whether every per-product array has rows for a catalog of this size. */
    private boolean hasRoomFor(final int size)
    {
        return popularity.length >= size && neighbors.length >= size && neighborScores.length >= size &&
            boughtTogether.length >= size && boughtScores.length >= size && boughtLift.length >= size &&
            followers.length >= size && followerScores.length >= size &&
            (shownLately == null || shownLately.length >= size && clickedLately.length >= size) &&
            (shownByPlacement == null || shownByPlacement.length >= size * Exposure.PLACEMENTS &&
                clickedByPlacement.length >= size * Exposure.PLACEMENTS);
    }

    /** The first {@code rows} rows of a column ({@code width} values per row) in an array of {@code room} rows. */
    private static float[] copied(final float[] column, final int rows, final int room, final int width)
    {
        if (column == null)
        {
            return null;
        }
        final float[] copy = new float[room * width];
        System.arraycopy(column, 0, copy, 0, rows * width);
        return copy;
    }

    /**
     * This model over a catalog patched from its own ({@link CatalogSnapshot#patched}): the same popularity,
     * neighbours and exposure for the products it had, at the same indices; products added since have none yet
     * (they are reached through their content vectors and the new-arrival lists until the next full build), and
     * the factors move onto the patched catalog. The per-product arrays are shared when they have room for the
     * patched catalog's products (a stock or price change adds none) and this is the newest model over them;
     * else copied, with room for launches to come (a model built in full has room too). So a catalog change is
     * served without waiting for a paced rebuild, and a launch copies nothing the size of the catalog.
     *
     * @param patched a snapshot {@link CatalogSnapshot#patched} from this model's catalog.
     * @param newVersion the version of the new model.
     * @return the model over {@code patched}.
     * @throws IllegalArgumentException when {@code patched} has fewer products than this model's catalog.
     */
    public ItemModel overPatched(final CatalogSnapshot patched, final long newVersion)
    {
        if (patched.size() < catalog.size())
        {
            throw new IllegalArgumentException("a patched catalog only adds products: " + patched.size() + " < " +
                catalog.size());
        }
        return new ItemModel(this, patched, newVersion);
    }

    /**
     * This model with impressions and clicks that arrived since it was built added to its exposure counts, without a
     * rebuild: what lets a click on a new arrival reach the exploration slot's draws within a second, where the
     * rebuild path (flush to the grid, the mirror's event, a paced rebuild) took up to 0.9 s on an idle machine.
     * <p>
     * The one exception to this class's immutability: the counts are added in place, so a patch costs a few array
     * writes and no copy of arrays as long as the catalog (at 100,000 products, 2 MB a patch of a copy). Request
     * threads read them without a lock; a float is written whole, so a reader sees a count before or after an
     * addition, never a torn one, and a request that reads a count twice may see it move by a click, which changes
     * nothing it relies on. The returned model shares every array with this one (new ones only where this model had
     * none); the caller publishes it, and readers that take it see every addition. Only the thread that builds and
     * publishes models may call this.
     *
     * @param deltas exposure to add by product key (other parts of the stats are ignored); products this model's
     *               catalog lacks are skipped.
     * @param nowMs  time the decayed sums are read at.
     * @return the model to publish: this one when nothing was added.
     */
    public ItemModel withExposureAdded(final Long2ObjectHashMap<ItemStats> deltas, final long nowMs)
    {
        final ExposureColumns columns = new ExposureColumns(this);
        for (final Long2ObjectHashMap<ItemStats>.EntryIterator it = deltas.entrySet().iterator(); it.hasNext(); )
        {
            it.next();
            final Exposure e = it.getValue().exposure();
            final int item = e == null ? CatalogSnapshot.MISSING : catalog.indexOf(it.getLongKey());
            if (item != CatalogSnapshot.MISSING)
            {
                columns.add(item, e, nowMs);
            }
        }
        return columns.model(this);
    }

    /**
     * This model with the exposure counts of some products replaced by what a rebuild at {@code nowMs} would give
     * them: the counts of {@code evidence} plus those of {@code pending}, as {@link #build} followed by
     * {@link #withExposureAdded} computes them, to the bit. For stats changes that touched nothing but exposure
     * (impressions and clicks merged into the grid, this node's or another's): everything else a rebuild computes
     * (popularity, the top lists, neighbours) would come out the same, so the model thread patches the rows instead of
     * rebuilding the model. The same in-place writes, reader guarantees and single-thread rule as
     * {@link #withExposureAdded}.
     *
     * @param productKeys products whose exposure changed; those this model's catalog lacks are skipped.
     * @param evidence    the stats a rebuild would read (the grid's, as mirrored).
     * @param pending     exposure a rebuild would add on top (drained on this node, not merged into the grid yet).
     * @param nowMs       time the decayed sums are read at.
     * @return the model to publish: this one when nothing was set.
     */
    public ItemModel withExposureOf(final LongHashSet productKeys, final ItemEvidence evidence,
        final Long2ObjectHashMap<ItemStats> pending, final long nowMs)
    {
        final ExposureColumns columns = new ExposureColumns(this);
        for (final LongHashSet.LongIterator it = productKeys.iterator(); it.hasNext(); )
        {
            final long key = it.nextValue();
            final int item = catalog.indexOf(key);
            if (item != CatalogSnapshot.MISSING)
            {
                final ItemStats stats = evidence.stats(key);
                final ItemStats added = pending.get(key);
                columns.set(item, stats == null ? null : stats.exposure(), added == null ? null : added.exposure(),
                    nowMs);
            }
        }
        return columns.model(this);
    }

    /**
     * A model's four exposure columns while a patch writes them: the model's own arrays, written in place, or new
     * ones with as many rows as the model's other arrays (room included, so that a launch can still share them)
     * where the model had none.
     */
    private static final class ExposureColumns
    {
        private final int rows;
        private float[] shown;
        private float[] clicked;
        private float[] shownBy;
        private float[] clickedBy;
        private boolean written;

        ExposureColumns(final ItemModel model)
        {
            this.rows = model.popularity.length;
            this.shown = model.shownLately;
            this.clicked = model.clickedLately;
            this.shownBy = model.shownByPlacement;
            this.clickedBy = model.clickedByPlacement;
        }

        /** Adds one product's exposure to its row. */
        void add(final int item, final Exposure e, final long nowMs)
        {
            pooled();
            shown[item] += (float)e.shownAt(nowMs);
            clicked[item] += (float)e.clickedAt(nowMs);
            if (e.hasPlacements())
            {
                placements();
                for (int p = 0; p < Exposure.PLACEMENTS; p++)
                {
                    shownBy[item * Exposure.PLACEMENTS + p] += (float)e.shownAt(p, nowMs);
                    clickedBy[item * Exposure.PLACEMENTS + p] += (float)e.clickedAt(p, nowMs);
                }
            }
        }

        /**
         * Sets one product's row to {@code base} (or nothing) plus {@code added} (or nothing), in the order and
         * precision of a build: each sum rounded to a float, then the two added.
         */
        void set(final int item, final Exposure base, final Exposure added, final long nowMs)
        {
            if (base == null && added == null && shown == null)
            {
                return;
            }
            pooled();
            shown[item] = base == null ? 0f : (float)base.shownAt(nowMs);
            clicked[item] = base == null ? 0f : (float)base.clickedAt(nowMs);
            if (shownBy != null || base != null && base.hasPlacements() || added != null && added.hasPlacements())
            {
                placements();
                for (int p = 0; p < Exposure.PLACEMENTS; p++)
                {
                    // An exposure without per-placement sums reads 0 on every placement, as a build leaves the row.
                    shownBy[item * Exposure.PLACEMENTS + p] = base == null ? 0f : (float)base.shownAt(p, nowMs);
                    clickedBy[item * Exposure.PLACEMENTS + p] = base == null ? 0f : (float)base.clickedAt(p, nowMs);
                }
            }
            if (added != null)
            {
                add(item, added, nowMs);
            }
        }

        private void pooled()
        {
            written = true;
            if (shown == null)
            {
                shown = new float[rows];
                clicked = new float[rows];
            }
        }

        private void placements()
        {
            if (shownBy == null)
            {
                shownBy = new float[rows * Exposure.PLACEMENTS];
                clickedBy = new float[rows * Exposure.PLACEMENTS];
            }
        }

        /** The model to publish: {@code base} when nothing was written, else a copy over these columns. */
        ItemModel model(final ItemModel base)
        {
            return written ? new ItemModel(base, shown, clicked, shownBy, clickedBy, base.factors) : base;
        }
    }

    /** The first {@code count} rows of a table in an array of {@code room}, the rest empty. */
    private static <T> T[] grown(final T[] rows, final int count, final int room, final T empty)
    {
        final T[] copy = Arrays.copyOf(rows, room);
        Arrays.fill(copy, count, room, empty);
        return copy;
    }

    /**
     * Builds the model of a catalog from per-product stats.
     *
     * @param catalog  the catalog snapshot.
     * @param evidence what the interaction stream taught about products.
     * @param nowMs    time the popularity is computed for.
     * @param settings model settings.
     * @param version  a number that grows with every rebuild.
     * @return the model.
     */
    public static ItemModel build(
        final CatalogSnapshot catalog,
        final ItemEvidence evidence,
        final long nowMs,
        final ModelSettings settings,
        final long version)
    {
        final int size = catalog.size();
        // Every per-product array has room past the catalog, as a patch's copy has, so that the first launch after a
        // rebuild claims rows instead of copying every array (on an idle node at 100,000 products, 4.7 MB allocated
        // per launch before, 2.3 MB after: benchmarks/RESULTS.md "Per page view", fourteenth slice). The room's rows
        // hold no evidence.
        final int room = CatalogSnapshot.withRoom(size);
        final double[] raw = new double[size];
        double max = 0;
        final long halfLifeMs = settings.popularityHalfLifeMs();
        float[][] exposure = null;
        for (int i = 0; i < size; i++)
        {
            final ItemStats s = evidence.stats(catalog.key(i));
            if (s != null)
            {
                raw[i] = Math.max(0.0, s.popularity(nowMs, halfLifeMs, settings.popularityWeights()));
                max = Math.max(max, raw[i]);
                final Exposure e = s.exposure();
                if (e != null)
                {
                    if (exposure == null)
                    {
                        exposure = new float[][] {new float[room], new float[room], null, null};
                    }
                    exposure[0][i] = (float)e.shownAt(nowMs);
                    exposure[1][i] = (float)e.clickedAt(nowMs);
                    if (e.hasPlacements())
                    {
                        if (exposure[2] == null)
                        {
                            exposure[2] = new float[room * Exposure.PLACEMENTS];
                            exposure[3] = new float[room * Exposure.PLACEMENTS];
                        }
                        for (int p = 0; p < Exposure.PLACEMENTS; p++)
                        {
                            exposure[2][i * Exposure.PLACEMENTS + p] = (float)e.shownAt(p, nowMs);
                            exposure[3][i * Exposure.PLACEMENTS + p] = (float)e.clickedAt(p, nowMs);
                        }
                    }
                }
            }
        }

        final float[] popularity = new float[room];
        // Log scale of the share of the most popular: the ratio of two decayed sums does not depend on when it
        // is computed, so nodes building at different moments agree.
        final double logScale = Math.log1p(1000.0);
        for (int i = 0; i < size; i++)
        {
            popularity[i] = max > 0 ? (float)(Math.log1p(1000.0 * raw[i] / max) / logScale) : 0f;
        }

        // Most popular first; among equals, the newest first, then by index, so lists are stable.
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (l, r) ->
        {
            final int byPopularity = Double.compare(raw[r], raw[l]);
            if (byPopularity != 0)
            {
                return byPopularity;
            }
            final int byLaunch = Long.compare(catalog.launchedAt(r), catalog.launchedAt(l));
            return byLaunch != 0 ? byLaunch : Integer.compare(l, r);
        });

        final int globalCount = Math.min(size, settings.topGlobal());
        final int[] globalTop = new int[globalCount];
        final int categories = catalog.categoryCount();
        final int[][] categoryTop = new int[categories][];
        final int[] counts = new int[categories];
        final int limit = settings.topPerCategory();
        for (int c = 0; c < categories; c++)
        {
            categoryTop[c] = NONE;
        }
        for (int n = 0; n < size; n++)
        {
            final int item = order[n];
            if (n < globalCount)
            {
                globalTop[n] = item;
            }
            for (int c = catalog.categoryOf(item); c != CatalogSnapshot.MISSING; c = catalog.categoryParent(c))
            {
                if (counts[c] < limit)
                {
                    if (categoryTop[c] == NONE)
                    {
                        categoryTop[c] = new int[Math.min(limit, 16)];
                    }
                    else if (counts[c] == categoryTop[c].length)
                    {
                        categoryTop[c] = Arrays.copyOf(categoryTop[c], Math.min(limit, counts[c] * 2));
                    }
                    categoryTop[c][counts[c]++] = item;
                }
            }
        }
        for (int c = 0; c < categories; c++)
        {
            if (counts[c] != categoryTop[c].length)
            {
                categoryTop[c] = Arrays.copyOf(categoryTop[c], counts[c]);
            }
        }
        return new ItemModel(catalog, version, nowMs, popularity, globalTop, categoryTop,
            NeighborLists.build(catalog, evidence, nowMs, settings, room), exposure);
    }

    /** Neighbour lists of every product, built once per model. */
    private static final class NeighborLists
    {
        int[][] together;
        float[][] togetherScores;
        int[][] bought;
        float[][] boughtScores;
        float[][] boughtLift;
        int[][] followers;
        float[][] followerScores;

        static NeighborLists build(final CatalogSnapshot catalog, final ItemEvidence evidence, final long nowMs,
            final ModelSettings settings, final int room)
        {
            final int size = catalog.size();
            final long halfLifeMs = settings.cooccurrenceHalfLifeMs();
            final Neighbors[] rows = new Neighbors[size];
            final Neighbors[] followerRows = new Neighbors[size];
            final double[] togetherTotal = new double[size];
            final double[] boughtTotal = new double[size];
            final double[] decay = new double[size];
            double allBought = 0;
            for (int i = 0; i < size; i++)
            {
                final ItemStats stats = evidence.stats(catalog.key(i));
                followerRows[i] = stats == null ? null : stats.followers();
                if (stats != null && stats.neighbors() != null)
                {
                    rows[i] = stats.neighbors();
                    decay[i] = Decay.factor(nowMs - rows[i].atMs(), halfLifeMs);
                    togetherTotal[i] = rows[i].togetherTotal() * decay[i];
                    boughtTotal[i] = rows[i].boughtTotal() * decay[i];
                    allBought += boughtTotal[i];
                }
            }

            final NeighborLists lists = new NeighborLists();
            lists.together = empty(new int[room][], size, NONE);
            lists.togetherScores = empty(new float[room][], size, NO_SCORES);
            lists.bought = empty(new int[room][], size, NONE);
            lists.boughtScores = empty(new float[room][], size, NO_SCORES);
            lists.boughtLift = empty(new float[room][], size, NO_SCORES);
            final int kept = settings.neighborsKept();
            final int[] items = new int[settings.neighborCapacity()];
            final float[] scores = new float[settings.neighborCapacity()];
            // Scratch for every row, copied out at the kept length: per-row arrays were three allocations of a
            // full row per product per rebuild.
            final int[] boughtItems = new int[settings.neighborCapacity()];
            final float[] boughtScore = new float[settings.neighborCapacity()];
            final float[] boughtLiftValues = new float[settings.neighborCapacity()];
            for (int i = 0; i < size; i++)
            {
                final Neighbors row = rows[i];
                if (row == null)
                {
                    lists.together[i] = NONE;
                    lists.togetherScores[i] = NO_SCORES;
                    lists.bought[i] = NONE;
                    lists.boughtScores[i] = NO_SCORES;
                    lists.boughtLift[i] = NO_SCORES;
                    continue;
                }
                int count = 0;
                int boughtCount = 0;
                // A row from a node with a larger capacity is read up to this node's.
                for (int n = 0, entries = Math.min(row.count(), items.length); n < entries; n++)
                {
                    final int j = catalog.indexOf(row.key(n));
                    if (j == CatalogSnapshot.MISSING || j == i)
                    {
                        continue;
                    }
                    final double together = row.together(n) * decay[i];
                    if (together > 0 && togetherTotal[i] > 0 && togetherTotal[j] > 0)
                    {
                        items[count] = j;
                        scores[count] = (float)(together / Math.sqrt(togetherTotal[i] * togetherTotal[j]) *
                            together / (together + 1.0));
                        count++;
                    }
                    final double bought = row.bought(n) * decay[i];
                    if (bought > 0 && boughtTotal[i] > 0 && boughtTotal[j] > 0)
                    {
                        boughtItems[boughtCount] = j;
                        boughtScore[boughtCount] = (float)(bought / Math.sqrt(boughtTotal[i] * boughtTotal[j]) *
                            bought / (bought + 1.0));
                        boughtLiftValues[boughtCount] = (float)(bought * allBought / (boughtTotal[i] * boughtTotal[j]));
                        boughtCount++;
                    }
                }
                final int keep = sortByScore(items, scores, null, count, kept);
                lists.together[i] = keep == 0 ? NONE : Arrays.copyOf(items, keep);
                lists.togetherScores[i] = keep == 0 ? NO_SCORES : Arrays.copyOf(scores, keep);
                final int keepBought = sortByScore(boughtItems, boughtScore, boughtLiftValues, boughtCount, kept);
                lists.bought[i] = keepBought == 0 ? NONE : Arrays.copyOf(boughtItems, keepBought);
                lists.boughtScores[i] = keepBought == 0 ? NO_SCORES : Arrays.copyOf(boughtScore, keepBought);
                lists.boughtLift[i] = keepBought == 0 ? NO_SCORES : Arrays.copyOf(boughtLiftValues, keepBought);
            }
            buildFollowers(catalog, followerRows, nowMs, settings, lists, items, scores, room);
            return lists;
        }

        /**
         * The products viewed next after each product, best first: each scored by the share of the product's
         * transitions that went to it, {@code w(i -> j) / (total(i) + 1)} (decayed; the 1 keeps a product seen
         * once from claiming certainty), the {@code neighborsKept} strongest.
         */
        private static void buildFollowers(final CatalogSnapshot catalog, final Neighbors[] rows,
            final long nowMs, final ModelSettings settings, final NeighborLists lists, final int[] items,
            final float[] scores, final int room)
        {
            final int size = catalog.size();
            final long halfLifeMs = settings.cooccurrenceHalfLifeMs();
            final int kept = settings.neighborsKept();
            lists.followers = empty(new int[room][], size, NONE);
            lists.followerScores = empty(new float[room][], size, NO_SCORES);
            for (int i = 0; i < size; i++)
            {
                final Neighbors row = rows[i];
                if (row == null)
                {
                    lists.followers[i] = NONE;
                    lists.followerScores[i] = NO_SCORES;
                    continue;
                }
                final double decay = Decay.factor(nowMs - row.atMs(), halfLifeMs);
                final double total = row.togetherTotal() * decay;
                int count = 0;
                for (int n = 0, entries = Math.min(row.count(), items.length); n < entries; n++)
                {
                    final int j = catalog.indexOf(row.key(n));
                    final double weight = row.together(n) * decay;
                    if (j != CatalogSnapshot.MISSING && j != i && weight > 0)
                    {
                        items[count] = j;
                        scores[count] = (float)(weight / (total + 1.0));
                        count++;
                    }
                }
                final int keep = sortByScore(items, scores, null, count, kept);
                lists.followers[i] = keep == 0 ? NONE : Arrays.copyOf(items, keep);
                lists.followerScores[i] = keep == 0 ? NO_SCORES : Arrays.copyOf(scores, keep);
            }
        }

        /** A table whose rows from {@code from} on (the room past the catalog) are the empty row. */
        private static <T> T[] empty(final T[] table, final int from, final T empty)
        {
            Arrays.fill(table, from, table.length, empty);
            return table;
        }

        /** Sorts the first {@code count} entries by score, best first (insertion sort: rows are short). */
        private static int sortByScore(final int[] items, final float[] scores, final float[] extra, final int count,
            final int keep)
        {
            for (int a = 1; a < count; a++)
            {
                final int item = items[a];
                final float score = scores[a];
                final float e = extra == null ? 0f : extra[a];
                int b = a - 1;
                while (b >= 0 && scores[b] < score)
                {
                    items[b + 1] = items[b];
                    scores[b + 1] = scores[b];
                    if (extra != null)
                    {
                        extra[b + 1] = extra[b];
                    }
                    b--;
                }
                items[b + 1] = item;
                scores[b + 1] = score;
                if (extra != null)
                {
                    extra[b + 1] = e;
                }
            }
            return Math.min(count, keep);
        }
    }

    /**
     * The catalog this model describes.
     *
     * @return the catalog snapshot.
     */
    public CatalogSnapshot catalog()
    {
        return catalog;
    }

    /**
     * Build number.
     *
     * @return the version given when built.
     */
    public long version()
    {
        return version;
    }

    /**
     * When the popularity was computed.
     *
     * @return epoch milliseconds.
     */
    public long builtAtMs()
    {
        return builtAtMs;
    }

    /**
     * Popularity of a product on a log scale, the most popular being 1.
     *
     * @param item product index.
     * @return a value in [0, 1].
     */
    public float popularity(final int item)
    {
        return popularity[item];
    }

    /**
     * How often served lists showed a product in about the last day (cluster-wide, as of the model's build; a new
     * arrival's impressions also as patched in since, an established product's as merged on their slower cadence,
     * which only the product's stats read: exploration reads these counts for new arrivals alone).
     *
     * @param item product index.
     * @return the decayed impression count, 0 when never shown.
     */
    public float shownLately(final int item)
    {
        return shownLately == null ? 0f : shownLately[item];
    }

    /**
     * How often shoppers clicked a product in about the last day (cluster-wide, as of the model's build).
     *
     * @param item product index.
     * @return the decayed click count, 0 when never clicked.
     */
    public float clickedLately(final int item)
    {
        return clickedLately == null ? 0f : clickedLately[item];
    }

    /**
     * How often served lists of one placement showed a product in about the last day (as {@link #shownLately(int)}).
     *
     * @param item      product index.
     * @param placement placement ordinal, below {@link Exposure#PLACEMENTS}.
     * @return the decayed impression count, 0 when never shown there (or shown before placements were kept).
     */
    public float shownLately(final int item, final int placement)
    {
        return shownByPlacement == null ? 0f : shownByPlacement[item * Exposure.PLACEMENTS + placement];
    }

    /**
     * How often shoppers clicked a product on one placement in about the last day (as {@link #clickedLately(int)},
     * which also holds clicks whose placement is not known).
     *
     * @param item      product index.
     * @param placement placement ordinal, below {@link Exposure#PLACEMENTS}.
     * @return the decayed click count, 0 when never clicked there.
     */
    public float clickedLately(final int item, final int placement)
    {
        return clickedByPlacement == null ? 0f : clickedByPlacement[item * Exposure.PLACEMENTS + placement];
    }

    /**
     * The most popular products, most popular first.
     *
     * @return product indices; do not modify.
     */
    public int[] globalTop()
    {
        return globalTop;
    }

    /**
     * The most popular products of a category and its subcategories, most popular first.
     *
     * @param category category index.
     * @return product indices; do not modify.
     */
    public int[] categoryTop(final int category)
    {
        return categoryTop[category];
    }

    /**
     * Products most often seen together with a product, best first.
     *
     * @param item product index.
     * @return neighbour indices; do not modify.
     */
    public int[] neighbors(final int item)
    {
        return neighbors[item];
    }

    /**
     * Scores of {@link #neighbors(int)}, in (0, 1].
     *
     * @param item product index.
     * @return scores, aligned with the neighbours; do not modify.
     */
    public float[] neighborScores(final int item)
    {
        return neighborScores[item];
    }

    /**
     * Products most often bought together with a product (same order, or carted and bought close in time),
     * best first.
     *
     * @param item product index.
     * @return product indices; do not modify.
     */
    public int[] boughtTogether(final int item)
    {
        return boughtTogether[item];
    }

    /**
     * The products shoppers viewed next after a product in a session, the strongest first (at most
     * {@link ModelSettings#neighborsKept()}).
     *
     * @param item product index.
     * @return product indices, possibly empty.
     */
    public int[] followers(final int item)
    {
        return followers[item];
    }

    /**
     * Scores of {@link #followers(int)}: the share of the product's transitions that went to each, in (0, 1).
     *
     * @param item product index.
     * @return the scores, aligned with {@link #followers(int)}.
     */
    public float[] followerScores(final int item)
    {
        return followerScores[item];
    }

    /**
     * Scores of {@link #boughtTogether(int)}.
     *
     * @param item product index.
     * @return scores, aligned; do not modify.
     */
    public float[] boughtTogetherScores(final int item)
    {
        return boughtScores[item];
    }

    /**
     * Lift of each of {@link #boughtTogether(int)}: how many times more often the two are bought together
     * than if purchases were independent.
     *
     * @param item product index.
     * @return lifts, aligned; do not modify.
     */
    public float[] boughtTogetherLift(final int item)
    {
        return boughtLift[item];
    }

    /**
     * This model with collaborative factors, moved onto this model's catalog when they were learnt from an
     * older one.
     *
     * @param learnt factors learnt from this model or an earlier one.
     * @return a model that shares everything with this one but the factors.
     */
    public ItemModel withFactors(final ItemFactors learnt)
    {
        return new ItemModel(this, learnt.over(catalog));
    }

    /**
     * The collaborative part of item vectors, indexed by this model's catalog.
     *
     * @return the factors, {@link ItemFactors#NONE} when none were learnt.
     */
    public ItemFactors factors()
    {
        return factors;
    }

    /**
     * Item vectors used for scoring, packed as in {@link CatalogSnapshot#vectors()}.
     *
     * @return the shared array.
     */
    public float[] vectors()
    {
        return catalog.vectors();
    }
}
