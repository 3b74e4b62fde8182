package io.tailor.scoring.profile;

/**
 * Bits of {@link Profile#flags()}: the shopper's consent.
 * <p>
 * Each consent has a "given" bit and a value bit. A shopper who never said anything gets the defaults:
 * personalization on (the store's legitimate interest in showing relevant products, until the shopper
 * objects) and marketing off (marketing is opt-in).
 * <pre>
 *   bit 0  personalization stated     bit 1  personalization allowed
 *   bit 2  marketing stated           bit 3  marketing allowed
 * </pre>
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
        return (flags & MARKETING_STATED) != 0 ? (flags & MARKETING) != 0 : DEFAULT_MARKETING;
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
     * Flags with a marketing choice stated.
     *
     * @param flags   current flags.
     * @param allowed the choice.
     * @return the new flags.
     */
    public static int withMarketing(final int flags, final boolean allowed)
    {
        return (flags | MARKETING_STATED) & ~MARKETING | (allowed ? MARKETING : 0);
    }

    /**
     * Keeps, of two profiles' flags being merged, the choices the target stated and fills in those only the
     * source stated.
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
        return merged;
    }
}
