package io.tailor.benchmarks.eval;

import java.util.regex.Pattern;

/**
 * The identifier rule of Tailor's API, which every product and shopper id replayed must satisfy.
 */
final class Ids
{
    /** Ids accepted by the HTTP API: 1 to 128 characters, no spaces or slashes. */
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._:@+\\-=~]{0,127}$");

    private Ids()
    {
    }

    /**
     * Whether a string is a valid id.
     *
     * @param id candidate id.
     * @return true when the API would accept it.
     */
    static boolean valid(final String id)
    {
        return id != null && ID.matcher(id).matches();
    }
}
