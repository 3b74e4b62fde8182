package io.tailor.server.api;

import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;

/**
 * Query-string parameters, read and checked the same way on every route.
 *
 * <p>Parameters are read straight from the request's query string ({@link #get}) rather than through Vert.x's
 * {@code params()} map: that map decodes every parameter into a multi-map on first use (about 550 bytes a request
 * on the recommendation route, measured with JFR), and a malformed escape such as {@code %zz} makes it throw
 * past the route, which answered 500. Here a malformed value is a 400 naming its parameter.
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
        final String value = get(http, name);
        return value == null ? null : Fields.id(name, value);
    }

    /**
     * The first value of a query parameter, decoded as a form value ({@code %XX} escapes of UTF-8, {@code +} a
     * space), as Vert.x's {@code getParam} decodes it. A parameter given without {@code =} has the empty value.
     * The name is compared as sent: parameter names are plain ASCII and no client escapes them.
     *
     * @param http request.
     * @param name parameter name.
     * @return the value, or {@code null} when the parameter is absent.
     * @throws InvalidInput when the value's escapes are malformed.
     */
    static String get(final HttpServerRequest http, final String name) throws InvalidInput
    {
        return get(http.query(), name);
    }

    /**
     * {@link #get(HttpServerRequest, String)} over a raw query string.
     *
     * @param query query string without the {@code ?}, or {@code null}.
     * @param name  parameter name.
     * @return the value, or {@code null} when absent.
     * @throws InvalidInput when the value's escapes are malformed.
     */
    static String get(final String query, final String name) throws InvalidInput
    {
        if (query == null)
        {
            return null;
        }
        final int length = query.length();
        int start = 0;
        while (start < length)
        {
            int end = query.indexOf('&', start);
            if (end < 0)
            {
                end = length;
            }
            final int nameEnd = start + name.length();
            if (nameEnd <= end && query.startsWith(name, start) && (nameEnd == end || query.charAt(nameEnd) == '='))
            {
                return nameEnd == end ? "" : decode(query, nameEnd + 1, end, name);
            }
            start = end + 1;
        }
        return null;
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

    private static String decode(final String query, final int from, final int to, final String name)
        throws InvalidInput
    {
        boolean plain = true;
        for (int i = from; i < to && plain; i++)
        {
            final char c = query.charAt(i);
            plain = c != '%' && c != '+';
        }
        if (plain)
        {
            return query.substring(from, to);
        }
        try
        {
            return QueryStringDecoder.decodeComponent(query.substring(from, to), StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidInput(name, name + " is not a valid URL-encoded value: " + ex.getMessage());
        }
    }
}
