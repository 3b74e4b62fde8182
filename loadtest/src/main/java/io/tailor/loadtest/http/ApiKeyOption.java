package io.tailor.loadtest.http;

/**
 * The API key a run or a load sends ({@code --api-key}, env {@code TAILOR_API_KEY}): checked to be one
 * header value, so that it can neither break nor add request headers. A node with keys needs one with the
 * scopes of what is sent: {@code recs:read}, {@code events:write}, {@code catalog:write} (launches, loading)
 * and {@code admin} (the server's {@code /metrics/latency}).
 */
public final class ApiKeyOption
{
    private ApiKeyOption()
    {
    }

    /**
     * Checks a key.
     *
     * @param apiKey the key.
     * @return the key.
     * @throws IllegalArgumentException when it is not 1 to 256 visible ASCII characters.
     */
    public static String check(final String apiKey)
    {
        if (apiKey == null || !apiKey.matches("[\\x21-\\x7e]{1,256}"))
        {
            throw new IllegalArgumentException("--api-key must be 1 to 256 visible ASCII characters (a key from " +
                "'tailor keys new')");
        }
        return apiKey;
    }

    /**
     * The request header lines that carry a key, to follow the {@code Host} header of raw requests.
     *
     * @param apiKey the key, or {@code null}.
     * @return {@code \r\nAuthorization: Bearer <key>}, or the empty string without a key.
     */
    public static String headerLines(final String apiKey)
    {
        return apiKey == null ? "" : "\r\nAuthorization: Bearer " + check(apiKey);
    }
}
