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
 */
public record PersistenceSettings(boolean enabled, long profileCapacity, boolean discardCorruptData)
{
    /** Defaults: write-through, files sized for 2,000,000 profiles per member, refuse corrupt files. */
    public static final PersistenceSettings DEFAULT = new PersistenceSettings(true, 2_000_000L, false);

    /** No persistence. */
    public static final PersistenceSettings NONE = new PersistenceSettings(false, 1_000L, false);

    /**
     * Validates.
     *
     * @param enabled            write-through on.
     * @param profileCapacity    profiles per member file.
     * @param discardCorruptData discard corrupt files.
     */
    public PersistenceSettings
    {
        if (profileCapacity < 1_000 || profileCapacity > 1_000_000_000L)
        {
            throw new IllegalArgumentException("profile capacity must be in 1000..1000000000: " + profileCapacity);
        }
    }
}
