package io.tailor.scoring.profile;

/**
 * Bits of {@link Profile#flags()}: the shopper's consent, and the bucket that assigns the shopper to experiment arms.
 * <p>
 * Each consent has a "given" bit and a value bit. A shopper who never said anything gets the defaults:
 * personalization on (the store's legitimate interest in showing relevant products, until the shopper
 * objects) and marketing off (marketing is opt-in).
 * <pre>
 *   bit 0  personalization stated     bit 1  personalization allowed
 *   bit 2  marketing stated           bit 3  marketing allowed
 *   bit 4  assignment bucket set      bits 16..31  assignment bucket (0..65535)
 *   bit 5  marketing refused by a Global Privacy Control signal
 * </pre>
 * A Global Privacy Control signal ({@code Sec-GPC: 1}, or {@code "gpc": true} on an event, which tailor.js sends
 * when {@code navigator.globalPrivacyControl} is on) refuses marketing whatever else was stated, and the refusal
 * survives a merge from either side: a browser that asked not to be marketed to is not marketed to once its
 * cookie is linked to a customer. Only the shopper's own later opt-in ({@code "marketing": true} through the
 * consent endpoint) lifts it.
 * The assignment bucket is taken from the hash of the profile's key when the profile is first stored, and a merge
 * keeps the older profile's: a shopper keeps the experiment arms they first saw when their cookie is linked to a
 * customer id, and a shopper without a profile is assigned by the same hash of their key.
 */
public final class ProfileFlags
{
    /** The shopper stated a personalization choice. */
    public static final int PERSONALIZATION_STATED = 1;
    /** Personalization allowed (meaningful when stated). */
    public static final int PERSONALIZATION = 1 << 1;
    /** The shopper stated a marketing choice. */
    public static final int MARKETING_STATED = 1 << 2;
    /** Marketing allowed (meaningful when stated). */
    public static final int MARKETING = 1 << 3;

    /** Marketing refused by a Global Privacy Control signal: outranks any marketing choice stated before. */
    public static final int MARKETING_REFUSED_BY_GPC = 1 << 5;

    /** The assignment bucket bits hold a value. */
    public static final int ASSIGNMENT_SET = 1 << 4;
    /** Number of assignment buckets. */
    public static final int ASSIGNMENT_BUCKETS = 1 << 16;
    private static final int ASSIGNMENT_SHIFT = 16;

    /** Personalization for a shopper who never stated a choice. */
    public static final boolean DEFAULT_PERSONALIZATION = true;
    /** Marketing for a shopper who never stated a choice. */
    public static final boolean DEFAULT_MARKETING = false;

    private ProfileFlags()
    {
    }

    /**
     * Whether a profile may be built and used to personalise.
     *
     * @param flags profile flags.
     * @return the stated choice, else {@link #DEFAULT_PERSONALIZATION}.
     */
    public static boolean personalization(final int flags)
    {
        return (flags & PERSONALIZATION_STATED) != 0 ? (flags & PERSONALIZATION) != 0 : DEFAULT_PERSONALIZATION;
    }

    /**
     * Whether the shopper may be addressed by marketing (marketing segments, near-purchase audiences).
     *
     * @param flags profile flags.
     * @return the stated choice, else {@link #DEFAULT_MARKETING}.
     */
    public static boolean marketing(final int flags)
    {
        if (gpc(flags))
        {
            return false;
        }
        return (flags & MARKETING_STATED) != 0 ? (flags & MARKETING) != 0 : DEFAULT_MARKETING;
    }

    /**
     * Whether a Global Privacy Control signal refused marketing.
     *
     * @param flags profile flags.
     * @return true when refused so.
     */
    public static boolean gpc(final int flags)
    {
        return (flags & MARKETING_REFUSED_BY_GPC) != 0;
    }

    /**
     * Flags with marketing refused by a Global Privacy Control signal.
     *
     * @param flags current flags.
     * @return the new flags.
     */
    public static int withGpcRefusal(final int flags)
    {
        return flags | MARKETING_REFUSED_BY_GPC;
    }

    /**
     * Flags with a personalization choice stated.
     *
     * @param flags   current flags.
     * @param allowed the choice.
     * @return the new flags.
     */
    public static int withPersonalization(final int flags, final boolean allowed)
    {
        return (flags | PERSONALIZATION_STATED) & ~PERSONALIZATION | (allowed ? PERSONALIZATION : 0);
    }

    /**
     * Flags with a marketing choice stated. An opt-in is the shopper's own and lifts a Global Privacy Control
     * refusal; an opt-out keeps it.
     *
     * @param flags   current flags.
     * @param allowed the choice.
     * @return the new flags.
     */
    public static int withMarketing(final int flags, final boolean allowed)
    {
        final int stated = (flags | MARKETING_STATED) & ~MARKETING | (allowed ? MARKETING : 0);
        return allowed ? stated & ~MARKETING_REFUSED_BY_GPC : stated;
    }

    /**
     * Whether the flags hold an assignment bucket.
     *
     * @param flags profile flags.
     * @return true when set.
     */
    public static boolean assigned(final int flags)
    {
        return (flags & ASSIGNMENT_SET) != 0;
    }

    /**
     * The assignment bucket of a profile, or of a shopper without one.
     *
     * @param flags   profile flags.
     * @param keyHash {@code Hashing.key} of the profile's key, used when the flags hold no bucket.
     * @return the bucket, 0 to {@link #ASSIGNMENT_BUCKETS} - 1.
     */
    public static int assignmentBucket(final int flags, final long keyHash)
    {
        return assigned(flags) ? flags >>> ASSIGNMENT_SHIFT : bucketOf(keyHash);
    }

    /**
     * The assignment bucket of a key.
     *
     * @param keyHash {@code Hashing.key} of the profile's key.
     * @return the bucket, 0 to {@link #ASSIGNMENT_BUCKETS} - 1.
     */
    public static int bucketOf(final long keyHash)
    {
        return (int)(keyHash >>> 48);
    }

    /**
     * Flags with an assignment bucket.
     *
     * @param flags  current flags.
     * @param bucket the bucket, 0 to {@link #ASSIGNMENT_BUCKETS} - 1.
     * @return the new flags.
     */
    public static int withAssignmentBucket(final int flags, final int bucket)
    {
        return (flags & 0xFFFF) | ASSIGNMENT_SET | (bucket << ASSIGNMENT_SHIFT);
    }

    /**
     * Keeps, of two profiles' flags being merged, the choices the target stated and fills in those only the
     * source stated; a Global Privacy Control refusal of either side is kept (a merge must not undo a refusal).
     *
     * @param target flags of the profile merged into.
     * @param source flags of the profile merged from.
     * @return the merged flags.
     */
    public static int merge(final int target, final int source)
    {
        int merged = target;
        if ((target & PERSONALIZATION_STATED) == 0 && (source & PERSONALIZATION_STATED) != 0)
        {
            merged = withPersonalization(merged, (source & PERSONALIZATION) != 0);
        }
        if ((target & MARKETING_STATED) == 0 && (source & MARKETING_STATED) != 0)
        {
            merged = withMarketing(merged, (source & MARKETING) != 0);
        }
        if (!assigned(target) && assigned(source))
        {
            merged = withAssignmentBucket(merged, source >>> ASSIGNMENT_SHIFT);
        }
        return merged | source & MARKETING_REFUSED_BY_GPC;
    }
}
