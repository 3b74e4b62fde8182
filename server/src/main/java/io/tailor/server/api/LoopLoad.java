package io.tailor.server.api;

/**
 * The grid operations one event loop has in flight (profile updates and reads, catalog reads and writes),
 * bounded: past the bound writes are refused with 503 and recommendations answer the degraded fallback,
 * instead of queueing work in Hazelcast's invocation registry until memory runs out.
 * <p>
 * Touched only by its event loop (grid results come back to it with {@code whenCompleteAsync(.., loop)}),
 * so plain fields suffice.
 */
final class LoopLoad
{
    private final int max;
    private int gridOperations;

    /**
     * The load of one loop.
     *
     * @param max grid operations in flight beyond which new work is refused.
     */
    LoopLoad(final int max)
    {
        this.max = max;
    }

    /**
     * Whether new grid work should be refused. A request admitted below the bound may take it past the bound
     * by its own operations (a batch of many shoppers), so the overshoot is at most one request's worth.
     *
     * @return true at or past the bound.
     */
    boolean saturated()
    {
        return gridOperations >= max;
    }

    /**
     * Counts operations sent to the grid.
     *
     * @param operations how many.
     */
    void started(final int operations)
    {
        gridOperations += operations;
    }

    /**
     * Counts one operation completed (successfully or not).
     */
    void finished()
    {
        gridOperations--;
    }

    /**
     * Operations in flight.
     *
     * @return the count.
     */
    int inFlight()
    {
        return gridOperations;
    }

    /**
     * The bound.
     *
     * @return grid operations in flight at which new work is refused.
     */
    int max()
    {
        return max;
    }
}
