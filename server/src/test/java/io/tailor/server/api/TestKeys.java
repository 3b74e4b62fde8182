package io.tailor.server.api;

import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Keys for HTTP tests, made the way {@code tailor keys new} makes them: the test holds the keys, the node only
 * the keys-file lines.
 */
final class TestKeys
{
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringBuilder file = new StringBuilder("# test keys\n");
    private final Map<Scope, String> single = new EnumMap<>(Scope.class);

    /**
     * A key per scope, named after it, plus any added later.
     *
     * @return the keys.
     */
    static TestKeys onePerScope()
    {
        final TestKeys keys = new TestKeys();
        for (final Scope scope : Scope.values())
        {
            keys.single.put(scope, keys.add(scope.wireName().replace(':', '-'), EnumSet.of(scope), false, null));
        }
        return keys;
    }

    /**
     * Adds a key.
     *
     * @param name      key name.
     * @param scopes    scopes.
     * @param publicKey whether it is public.
     * @param rate      rate limit, or {@code null}.
     * @return the key.
     */
    String add(final String name, final Set<Scope> scopes, final boolean publicKey, final Rate rate)
    {
        final String key = ApiKeys.generate(publicKey, RANDOM);
        file.append(ApiKeys.line(new ApiKey(name, ApiKeys.sha256(key), scopes, publicKey, rate))).append('\n');
        return key;
    }

    /**
     * The key that carries exactly one scope.
     *
     * @param scope the scope.
     * @return the key.
     */
    String only(final Scope scope)
    {
        return single.get(scope);
    }

    /**
     * A key that lacks a scope (it carries some other one).
     *
     * @param scope the scope it must not have.
     * @return the key.
     */
    String without(final Scope scope)
    {
        return single.get(scope == Scope.ADMIN ? Scope.RECS_READ : Scope.ADMIN);
    }

    /**
     * The keys file.
     *
     * @return its text.
     */
    String file()
    {
        return file.toString();
    }
}
