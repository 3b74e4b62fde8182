package io.tailor.loadtest.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request to a node through the JDK's {@link HttpClient}, for the simulations that talk to the API one call at a
 * time ({@code loadtest explore}, {@code loadtest experiment}) rather than at load-test rates: the node's URL, the
 * API key if any (sent as a bearer token) and a timeout per call.
 *
 * @param url     the node's base URL.
 * @param apiKey  the API key, or {@code null} for a node without keys.
 * @param timeout how long one call may take.
 */
public record ApiCall(URI url, String apiKey, Duration timeout)
{
    /**
     * Sends a request and reads the answer as text.
     *
     * @param client      the client.
     * @param method      HTTP method.
     * @param path        path and query, resolved against {@link #url()}.
     * @param contentType the body's media type, or {@code null} without a body.
     * @param body        the body, or {@code null}.
     * @return the answer, whatever its status.
     * @throws IOException when the call fails or is interrupted.
     */
    public HttpResponse<String> send(final HttpClient client, final String method, final String path,
        final String contentType, final String body) throws IOException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(timeout)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null)
        {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null)
        {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try
        {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, ex);
        }
    }
}
