package io.tailor.scoring.segment;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.util.Hashing;

import java.util.List;

/**
 * A segment (audience) ready to evaluate: its rule bound to a catalog, its purpose, and what its members'
 * recommendations do differently (products pinned first, products never shown).
 * <p>
 * Membership needs personalization consent, and for a marketing segment marketing consent too; then the
 * rule decides, at the time asked.
 */
public final class Segment
{
    private final String id;
    private final Purpose purpose;
    private final SegmentRule rule;
    private final long[] pinnedKeys;
    private final long[] blockedKeys;

    /**
     * A segment.
     *
     * @param id      segment id.
     * @param purpose its purpose.
     * @param rule    its rule, bound to the catalog in use.
     * @param pinned  product ids shown first to members (when no other rule rejects them).
     * @param blocked product ids never shown to members.
     */
    public Segment(final String id, final Purpose purpose, final SegmentRule rule, final List<String> pinned,
        final List<String> blocked)
    {
        this.id = id;
        this.purpose = purpose;
        this.rule = rule;
        this.pinnedKeys = keys(pinned);
        this.blockedKeys = keys(blocked);
    }

    private Segment(final Segment other, final SegmentRule rule)
    {
        this.id = other.id;
        this.purpose = other.purpose;
        this.rule = rule;
        this.pinnedKeys = other.pinnedKeys;
        this.blockedKeys = other.blockedKeys;
    }

    private static long[] keys(final List<String> ids)
    {
        final long[] keys = new long[ids.size()];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = Hashing.key(ids.get(i));
        }
        return keys;
    }

    /**
     * Whether a shopper is a member now.
     *
     * @param profile the shopper's profile, or {@code null} for none.
     * @param nowMs   the present.
     * @return true for a member.
     */
    public boolean member(final Profile profile, final long nowMs)
    {
        if (profile == null)
        {
            return false;
        }
        final int flags = profile.flags();
        if (!ProfileFlags.personalization(flags) || (purpose == Purpose.MARKETING && !ProfileFlags.marketing(flags)))
        {
            return false;
        }
        return rule.matches(profile, nowMs);
    }

    /**
     * This segment with its rule bound to another catalog.
     *
     * @param catalog the catalog.
     * @return the rebound segment.
     */
    public Segment bind(final CatalogSnapshot catalog)
    {
        return new Segment(this, rule.bind(catalog));
    }

    /**
     * Segment id.
     *
     * @return the id.
     */
    public String id()
    {
        return id;
    }

    /**
     * Purpose.
     *
     * @return the purpose.
     */
    public Purpose purpose()
    {
        return purpose;
    }

    /**
     * The rule.
     *
     * @return the rule.
     */
    public SegmentRule rule()
    {
        return rule;
    }

    /**
     * Whether members' recommendations differ.
     *
     * @return true with pinned or blocked products.
     */
    public boolean treats()
    {
        return pinnedKeys.length > 0 || blockedKeys.length > 0;
    }

    /**
     * Keys of products pinned for members, in order. Read only.
     *
     * @return the keys.
     */
    public long[] pinnedKeys()
    {
        return pinnedKeys;
    }

    /**
     * Keys of products never shown to members. Read only.
     *
     * @return the keys.
     */
    public long[] blockedKeys()
    {
        return blockedKeys;
    }
}
