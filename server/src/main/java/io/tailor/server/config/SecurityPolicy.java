package io.tailor.server.config;

import io.tailor.server.security.Rate;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The security policy every node shares (the {@code security:} section of the configuration file): which
 * web origins may call Tailor from a browser, how fast one client address may use a public key, and how many
 * proxies in front of Tailor add to {@code X-Forwarded-For}. The keys themselves are in the keys file.
 *
 * @param allowedOrigins     origins (scheme, host and port, e.g. {@code https://shop.example.com}) whose pages
 *                           may call the API from a browser (CORS); empty for none. No wildcard: every origin
 *                           is named.
 * @param corsMaxAge         how long a browser may cache a preflight answer, 0 to 1 day.
 * @param publicKeyAddressRate rate and burst per client address of requests made with a public key.
 * @param forwardedHops      proxies in front of Tailor that append to {@code X-Forwarded-For}, 0 to 10: the
 *                           client address is the entry that many places from the right; 0 uses the TCP peer.
 */
public record SecurityPolicy(List<String> allowedOrigins, Duration corsMaxAge, Rate publicKeyAddressRate,
    int forwardedHops)
{
    /** Defaults: no browser origins, preflights cached 10 minutes, 20 requests/s (burst 40) per address. */
    public static final SecurityPolicy DEFAULT = new SecurityPolicy(List.of(), Duration.ofMinutes(10),
        new Rate(20, 40), 0);

    /**
     * Validates.
     *
     * @param allowedOrigins       allowed origins.
     * @param corsMaxAge           preflight cache time.
     * @param publicKeyAddressRate per-address rate of public keys.
     * @param forwardedHops        trusted proxy hops.
     */
    public SecurityPolicy
    {
        allowedOrigins = List.copyOf(allowedOrigins);
        for (final String origin : allowedOrigins)
        {
            checkOrigin(origin);
        }
        if (corsMaxAge == null || corsMaxAge.isNegative() || corsMaxAge.compareTo(Duration.ofDays(1)) > 0)
        {
            throw new IllegalArgumentException("corsMaxAge must be in 0..1d: " + corsMaxAge);
        }
        if (publicKeyAddressRate == null)
        {
            throw new IllegalArgumentException("publicKeyAddressRate must be given");
        }
        if (forwardedHops < 0 || forwardedHops > 10)
        {
            throw new IllegalArgumentException("forwardedHops must be in 0..10: " + forwardedHops);
        }
    }

    /**
     * Checks an origin as a browser sends it: {@code scheme://host[:port]}, nothing else.
     *
     * @param origin the origin.
     * @throws IllegalArgumentException when it is not one.
     */
    public static void checkOrigin(final String origin)
    {
        final String problem = "an allowed origin is scheme://host[:port] with no path, such as " +
            "https://shop.example.com, and never a wildcard: '" + origin + "'";
        if (origin == null || origin.contains("*") || origin.endsWith("/"))
        {
            throw new IllegalArgumentException(problem);
        }
        try
        {
            final URI uri = new URI(origin);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null ||
                uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null ||
                uri.getRawFragment() != null || uri.getRawUserInfo() != null ||
                !origin.equals(origin.toLowerCase(java.util.Locale.ROOT)))
            {
                throw new IllegalArgumentException(problem);
            }
        }
        catch (final java.net.URISyntaxException ex)
        {
            throw new IllegalArgumentException(problem, ex);
        }
    }
}
