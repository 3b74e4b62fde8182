package io.tailor.server.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * One API key as the server knows it: a name, the SHA-256 of the key (never the key), its scopes, whether it
 * is public (a browser key) and its rate limit on this node.
 */
public final class ApiKey
{
    private final String name;
    private final byte[] sha256;
    private final Set<Scope> scopes;
    private final boolean publicKey;
    private final Rate rate;
    private final RateLimiter limiter;

    /**
     * A key.
     *
     * @param name      a name for logs and metrics, e.g. {@code storefront-web}.
     * @param sha256    the 32-byte SHA-256 of the key's UTF-8 bytes.
     * @param scopes    what it may do, at least one.
     * @param publicKey whether it is meant to be seen by browsers; then only {@code recs:read} and
     *                  {@code events:write}, for anonymous shoppers only.
     * @param rate      its rate limit on each node, or {@code null} for none.
     */
    public ApiKey(final String name, final byte[] sha256, final Set<Scope> scopes, final boolean publicKey,
        final Rate rate)
    {
        if (sha256 == null || sha256.length != 32)
        {
            throw new IllegalArgumentException("a key hash is 32 bytes of SHA-256");
        }
        if (scopes == null || scopes.isEmpty())
        {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        if (publicKey)
        {
            for (final Scope scope : scopes)
            {
                if (!scope.allowedForPublicKeys())
                {
                    throw new IllegalArgumentException("a public key may carry only recs:read and events:write, not " +
                        scope.wireName());
                }
            }
        }
        this.name = name;
        this.sha256 = sha256.clone();
        this.scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
        this.publicKey = publicKey;
        this.rate = rate;
        this.limiter = rate == null ? null : new RateLimiter(rate, System.nanoTime());
    }

    /**
     * Its name.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Whether it carries a scope.
     *
     * @param scope the scope.
     * @return true when it does.
     */
    public boolean has(final Scope scope)
    {
        return scopes.contains(scope);
    }

    /**
     * Its scopes.
     *
     * @return an unmodifiable set.
     */
    public Set<Scope> scopes()
    {
        return scopes;
    }

    /**
     * Whether it is a public (browser) key.
     *
     * @return true for a public key.
     */
    public boolean isPublic()
    {
        return publicKey;
    }

    /**
     * Its rate limit.
     *
     * @return the rate, or {@code null} for none.
     */
    public Rate rate()
    {
        return rate;
    }

    /**
     * Its hash as written in a keys file.
     *
     * @return {@code sha256:} and 64 hex digits.
     */
    public String hash()
    {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }

    /**
     * Takes a token from its bucket.
     *
     * @param nowNanos {@link System#nanoTime()}.
     * @return 0 when allowed (always, without a rate), else nanoseconds to wait.
     */
    public long tryAcquire(final long nowNanos)
    {
        return limiter == null ? 0 : limiter.tryAcquire(nowNanos);
    }

    byte[] sha256()
    {
        return sha256;
    }

    @Override
    public String toString()
    {
        return name + (publicKey ? " [public]" : "");
    }
}
