package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;
import io.tailor.scoring.vector.VectorMath;

import java.util.Arrays;

/**
 * Stage 1 (with {@link ShopperInterests}), the shopper's taste in the collaborative space: the unit sum of the
 * factor vectors of the page's products, the session (by session weight) and the latest purchases, weighted as
 * for co-occurrence. Built per request from what the profile lists, never stored, so a refactorisation, whose
 * axes are new, needs no migration of profiles. It steers the vector top-K candidate source and is a scoring
 * term ({@link #collaborative}).
 * <p>
 * Scratch arrays grow with the candidate list and are reused: no allocation once grown.
 */
final class CollaborativeTaste
{
    /** Scores taste . factor rows for all candidates in one pass; the same bits as {@link VectorMath#dot}. */
    private static final DotKernel KERNEL = DotKernels.best();

    private ItemFactors factors = ItemFactors.NONE;
    private boolean active;
    private float[] taste = new float[0];
    private float[] candidateTaste = new float[2048];
    private int[] tasteRows = new int[2048];
    private int[] tasteSlots = new int[2048];
    private float[] tasteDots = new float[2048];

    /**
     * Builds the taste for this request.
     *
     * @param model                    item model with its factors.
     * @param profile                  the consented profile, or {@code null}.
     * @param request                  the request.
     * @param interests                the session, collected.
     * @param allowedSensitiveCategory see {@link Exclusions#allowedSensitiveCategory()}.
     * @param weight                   the placement's collaborative weight; 0 turns the taste off.
     * @return whether there is a taste to score by.
     */
    boolean build(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final ShopperInterests interests, final int allowedSensitiveCategory, final float weight)
    {
        active = false;
        final CatalogSnapshot catalog = model.catalog();
        factors = model.factors();
        if (!factors.indexes(catalog) || weight == 0f)
        {
            return false;
        }
        final int rank = factors.rank();
        if (taste.length != rank)
        {
            taste = new float[rank];
        }
        Arrays.fill(taste, 0f);
        boolean any = false;
        for (int c = 0; c < request.contextCount(); c++)
        {
            any |= addTaste(request.contextAt(c), CooccurrenceSignal.CONTEXT_WEIGHT);
        }
        for (int s = 0, sessions = interests.sessionCount(); s < sessions; s++)
        {
            any |= addTaste(interests.sessionItem(s), interests.sessionWeight(s));
        }
        if (profile != null)
        {
            int sources = 0;
            for (int i = profile.ownedCount() - 1; i >= 0 && sources < CooccurrenceSignal.OWNED_SOURCES; i--)
            {
                final int item = catalog.indexOf(profile.ownedKey(i));
                if (item != CatalogSnapshot.MISSING &&
                    Exclusions.signalAllowed(catalog, item, allowedSensitiveCategory))
                {
                    any |= addTaste(item, CooccurrenceSignal.OWNED_WEIGHT);
                    sources++;
                }
            }
        }
        active = any && VectorMath.normalize(taste, rank);
        return active;
    }

    /** Whether the last {@link #build} found a taste. */
    boolean active()
    {
        return active;
    }

    /** The factors of the request's model. */
    ItemFactors factors()
    {
        return factors;
    }

    /** The unit taste vector, of the factors' rank. */
    float[] vector()
    {
        return taste;
    }

    /**
     * The shopper's unit taste . a product's collaborative vector: a cosine scaled by the evidence behind the
     * product's vector (see {@link ItemFactors}); 0 when it has none.
     *
     * @param item product index.
     * @return the dot product.
     */
    float collaborative(final int item)
    {
        final int row = factors.row(item);
        return row < 0 ? 0f : VectorMath.dot(taste, 0, factors.rows(), row, factors.rank());
    }

    /**
     * The taste dot products of all candidates, read back by {@link #candidateDot}, in one batch over the
     * candidates that have a collaborative vector: the rows are scattered over the table, and gathering them in
     * one loop lets the CPU overlap the cache misses that scoring them one by one would take in turn.
     *
     * @param candidates product indices.
     * @param count      how many of them.
     */
    void dotCandidates(final int[] candidates, final int count)
    {
        if (candidateTaste.length < count)
        {
            candidateTaste = new float[candidates.length];
            tasteRows = new int[candidates.length];
            tasteSlots = new int[candidates.length];
            tasteDots = new float[candidates.length];
        }
        final int rank = factors.rank();
        int withVector = 0;
        for (int n = 0; n < count; n++)
        {
            candidateTaste[n] = 0f;
            final int row = factors.row(candidates[n]);
            if (row >= 0)
            {
                tasteRows[withVector] = row / rank;
                tasteSlots[withVector++] = n;
            }
        }
        KERNEL.dotRows(taste, factors.rows(), tasteRows, withVector, rank, tasteDots);
        for (int t = 0; t < withVector; t++)
        {
            candidateTaste[tasteSlots[t]] = tasteDots[t];
        }
    }

    /** The {@link #dotCandidates} result of the n-th candidate. */
    float candidateDot(final int n)
    {
        return candidateTaste[n];
    }

    /**
     * The dot product of two products' collaborative vectors; 0 when either has none.
     *
     * @param item      product index.
     * @param targetRow the other product's row offset ({@link ItemFactors#row}).
     * @return the dot product.
     */
    float factorDot(final int item, final int targetRow)
    {
        final int row = factors.row(item);
        return row < 0 || targetRow < 0 ? 0f :
            VectorMath.dot(factors.rows(), row, factors.rows(), targetRow, factors.rank());
    }

    private boolean addTaste(final int item, final float weight)
    {
        final int row = factors.row(item);
        if (row < 0 || !(weight > 0f))
        {
            return false;
        }
        VectorMath.addScaled(taste, factors.rows(), row, weight, factors.rank());
        return true;
    }
}
