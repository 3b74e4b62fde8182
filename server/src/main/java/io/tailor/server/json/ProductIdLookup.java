package io.tailor.server.json;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.StatedPreferences;

import java.util.Map;

/**
 * How the product keys a profile holds are shown: the id from the catalog snapshot, else the id remembered for a
 * product outside the catalog (see {@code ProductIds} in the grid), else {@code #} and the key's hex.
 *
 * @param catalog the catalog snapshot, also for category paths and brand names.
 * @param outside ids of products the catalog does not hold, by key.
 */
public record ProductIdLookup(CatalogSnapshot catalog, Map<Long, String> outside)
{
    /**
     * Through the catalog only.
     *
     * @param catalog the catalog snapshot.
     * @return the lookup.
     */
    public static ProductIdLookup catalogOnly(final CatalogSnapshot catalog)
    {
        return new ProductIdLookup(catalog, Map.of());
    }

    /**
     * The id to show for a product key.
     *
     * @param key product key.
     * @return the product's id, or {@code #} and the key's hex when it is known nowhere.
     */
    public String id(final long key)
    {
        final int item = catalog.indexOf(key);
        if (item != CatalogSnapshot.MISSING)
        {
            return catalog.product(item).id();
        }
        final String id = outside.get(key);
        return id != null ? id : "#" + Long.toHexString(key);
    }

    /**
     * The product keys of a profile (recently touched, owned, disliked) the catalog does not hold.
     *
     * @param profile decoded profile.
     * @param catalog the catalog snapshot.
     * @return the keys, each once.
     */
    public static long[] outsideCatalog(final Profile profile, final CatalogSnapshot catalog)
    {
        final StatedPreferences preferences = profile.preferences();
        final long[] keys = new long[profile.recentCount() + profile.ownedCount() + preferences.dislikedCount()];
        int count = 0;
        for (int i = 0; i < profile.recentCount(); i++)
        {
            count = addIfOutside(keys, count, profile.recentKey(i), catalog);
        }
        for (int i = 0; i < profile.ownedCount(); i++)
        {
            count = addIfOutside(keys, count, profile.ownedKey(i), catalog);
        }
        for (int i = 0; i < preferences.dislikedCount(); i++)
        {
            count = addIfOutside(keys, count, preferences.dislikedKey(i), catalog);
        }
        return java.util.Arrays.copyOf(keys, count);
    }

    private static int addIfOutside(final long[] keys, final int count, final long key, final CatalogSnapshot catalog)
    {
        if (catalog.indexOf(key) != CatalogSnapshot.MISSING)
        {
            return count;
        }
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == key)
            {
                return count;
            }
        }
        keys[count] = key;
        return count + 1;
    }
}
