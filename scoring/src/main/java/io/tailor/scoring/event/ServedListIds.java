package io.tailor.scoring.event;

/**
 * What an event's {@code requestId} says about how its list was counted when it was served. The server writes the
 * id ({@code RequestIds} in the server module, which documents the whole format); the one part read here is the
 * strategy letter after the first dot's placement letter: in upper case when the node recorded the list's
 * impressions as it served it ({@code recordImpressions}, the default), in lower case when it did not.
 *
 * <p>An {@code impression} event that names such a list (a storefront or {@code tailor.js} reporting the list as
 * seen) must not add to the frequency cap's count again: the served list already did.
 */
public final class ServedListIds
{
    /**
     * The placement letters of an id, by placement ordinal ({@code Placement}: home, product, cart, email); the
     * letter right after the first dot.
     */
    public static final String PLACEMENT_LETTERS = "hpce";
    /** What {@link #placementOf(String)} answers for an id that names no placement. */
    public static final int NO_PLACEMENT = -1;

    private ServedListIds()
    {
    }

    /**
     * Whether the list an id names had its impressions counted when it was served.
     *
     * @param requestId an event's {@code requestId}, or {@code null}.
     * @return true for a Tailor id whose list's impressions were recorded at serve time; false for none, a
     *         foreign id or a list served with {@code recordImpressions=false}.
     */
    public static boolean impressionsRecordedAtServe(final String requestId)
    {
        if (requestId == null)
        {
            return false;
        }
        final int dot = requestId.indexOf('.');
        return dot > 0 && requestId.length() > dot + 2 && Character.isUpperCase(requestId.charAt(dot + 2));
    }

    /**
     * The placement of the list an id names, for learning click-through per placement without a lookup.
     *
     * @param requestId an event's {@code requestId}, or {@code null}.
     * @return the placement's ordinal, or {@link #NO_PLACEMENT} for none or an id that is not Tailor's.
     */
    public static int placementOf(final String requestId)
    {
        if (requestId == null)
        {
            return NO_PLACEMENT;
        }
        final int dot = requestId.indexOf('.');
        return dot > 0 && requestId.length() > dot + 2 ? PLACEMENT_LETTERS.indexOf(requestId.charAt(dot + 1)) :
            NO_PLACEMENT;
    }

    /**
     * The strategy letter as written into an id.
     *
     * @param letter              the strategy's lower-case letter.
     * @param impressionsRecorded whether the list's impressions are recorded as it is served.
     * @return the letter, upper case when recorded.
     */
    public static char strategyLetter(final char letter, final boolean impressionsRecorded)
    {
        return impressionsRecorded ? Character.toUpperCase(letter) : letter;
    }
}
