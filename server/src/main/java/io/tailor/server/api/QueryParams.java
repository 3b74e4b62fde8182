package io.tailor.server.api;

import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.vertx.core.http.HttpServerRequest;

/**
 * Query-string parameters shared by the recommendation routes, checked the same way everywhere.
 */
final class QueryParams
{
    private QueryParams()
    {
    }

    /**
     * An optional id parameter.
     *
     * @param http request.
     * @param name parameter name.
     * @return the id, or {@code null} when absent.
     * @throws InvalidInput when present but not a valid id.
     */
    static String optionalId(final HttpServerRequest http, final String name) throws InvalidInput
    {
        final String value = http.getParam(name);
        return value == null ? null : Fields.id(name, value);
    }

    /**
     * The {@code k} parameter: how many items.
     *
     * @param value   parameter value, or {@code null}.
     * @param absent  value when absent.
     * @return 1 to {@link RecommendationRequest#MAX_K}.
     * @throws InvalidInput when not an integer in range.
     */
    static int k(final String value, final int absent) throws InvalidInput
    {
        if (value == null)
        {
            return absent;
        }
        final int k;
        try
        {
            k = Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new InvalidInput("k", "k must be an integer in 1.." + RecommendationRequest.MAX_K);
        }
        if (k < 1 || k > RecommendationRequest.MAX_K)
        {
            throw new InvalidInput("k", "k must be an integer in 1.." + RecommendationRequest.MAX_K);
        }
        return k;
    }

    /**
     * A boolean parameter: {@code true}, {@code 1} or empty for true; {@code false} or {@code 0} for false.
     *
     * @param value  parameter value, or {@code null}.
     * @param name   parameter name.
     * @param absent value when absent.
     * @return the flag.
     * @throws InvalidInput for any other value.
     */
    static boolean flag(final String value, final String name, final boolean absent) throws InvalidInput
    {
        if (value == null)
        {
            return absent;
        }
        if (value.equals("false") || value.equals("0"))
        {
            return false;
        }
        if (value.isEmpty() || value.equals("true") || value.equals("1"))
        {
            return true;
        }
        throw new InvalidInput(name, name + " must be true or false");
    }
}
