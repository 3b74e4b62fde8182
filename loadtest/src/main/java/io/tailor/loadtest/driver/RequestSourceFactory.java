package io.tailor.loadtest.driver;

import java.util.List;

/**
 * Makes one {@link RequestSource} per driver thread.
 */
public interface RequestSourceFactory
{
    /**
     * Names of the request types, the same for every source this factory makes.
     *
     * @return type names.
     */
    List<String> types();

    /**
     * Events (or products) carried by one request of a type, for throughput in items per second.
     *
     * @param type type index.
     * @return items per request, 1 for most types.
     */
    default int itemsPerRequest(final int type)
    {
        return 1;
    }

    /**
     * A source for one thread.
     *
     * @param worker  index of the driver thread, from 0.
     * @param workers number of driver threads.
     * @param host    value of the Host header, possibly followed by further header lines (each starting with
     *                CRLF, e.g. {@code Authorization}) that every request carries.
     * @return a new source.
     */
    RequestSource create(int worker, int workers, String host);
}
