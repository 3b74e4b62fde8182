package io.tailor.server.api;

import io.tailor.server.security.Scope;

/**
 * Who may call a route: the scope a key needs, and whether public (browser) keys may call it at all. Every
 * route is registered with one ({@link HttpVerticle}'s route table) and carries it as route metadata under
 * {@link #METADATA}, so a test can check that no route was registered without one.
 *
 * @param scope      the scope required, or {@code null} for an open route (health probes).
 * @param publicKeys whether a public key with the scope may call the route.
 */
public record Access(Scope scope, boolean publicKeys)
{
    /** Route metadata key under which a route's access is kept. */
    public static final String METADATA = "tailor.access";

    /** No key needed, even when keys are configured: liveness and readiness probes. */
    public static final Access OPEN = new Access(null, false);

    /**
     * A route for secret keys with a scope.
     *
     * @param scope the scope.
     * @return the access.
     */
    public static Access of(final Scope scope)
    {
        return new Access(scope, false);
    }

    /**
     * A route that public (browser) keys with the scope may call too, subject to {@code PublicKeyPolicy}.
     *
     * @param scope {@code recs:read} or {@code events:write}.
     * @return the access.
     */
    public static Access browser(final Scope scope)
    {
        if (!scope.allowedForPublicKeys())
        {
            throw new IllegalArgumentException("public keys never carry " + scope.wireName());
        }
        return new Access(scope, true);
    }

    /**
     * Whether a key is needed.
     *
     * @return false for {@link #OPEN}.
     */
    public boolean secured()
    {
        return scope != null;
    }
}
