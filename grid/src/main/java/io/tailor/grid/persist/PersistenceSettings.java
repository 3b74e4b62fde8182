package io.tailor.grid.persist;

/**
 * How a member persists: validated on construction.
 *
 * @param enabled            write every change through to data files (the default); off only for
 *                           throwaway nodes (tests, benchmarks).
 * @param profileCapacity    profiles a member's file is sized for, 1,000 to 1,000,000,000 (it may grow to
 *                           four times this).
 * @param discardCorruptData set a corrupt data file aside and start without it, instead of refusing to
 *                           start.
 * @param initialMembers     members a starting grid waits for before any of them loads its files and serves, 1 to
 *                           1,000. Each member loads only its own files, and the newest copy of an entry may be in
 *                           any of them: a member that served before another had joined and loaded could have an
 *                           event it applied overwritten by that member's copy of higher version. Set it to the
 *                           member count for a full restart; a member joining a running grid never waits.
 */
public record PersistenceSettings(boolean enabled, long profileCapacity, boolean discardCorruptData,
    int initialMembers)
{
    /** Defaults: write-through, files sized for 2,000,000 profiles per member, refuse corrupt files, no wait. */
    public static final PersistenceSettings DEFAULT = new PersistenceSettings(true, 2_000_000L, false, 1);

    /** No persistence. */
    public static final PersistenceSettings NONE = new PersistenceSettings(false, 1_000L, false, 1);

    /**
     * Validates.
     *
     * @param enabled            write-through on.
     * @param profileCapacity    profiles per member file.
     * @param discardCorruptData discard corrupt files.
     * @param initialMembers     members a starting grid waits for.
     */
    public PersistenceSettings
    {
        if (initialMembers < 1 || initialMembers > 1_000)
        {
            throw new IllegalArgumentException("initial members must be in 1..1000: " + initialMembers);
        }
        if (profileCapacity < 1_000 || profileCapacity > 1_000_000_000L)
        {
            throw new IllegalArgumentException("profile capacity must be in 1000..1000000000: " + profileCapacity);
        }
    }
}
