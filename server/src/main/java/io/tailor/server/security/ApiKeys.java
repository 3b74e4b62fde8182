package io.tailor.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API keys a node accepts, and how a presented key is checked: its SHA-256 is compared with every
 * stored hash in constant time, so neither the answer's content nor its timing tells how close a guess was.
 * <p>
 * Keys are 256 random bits (see {@link #generate}); for such keys a fast hash is as safe as a slow one
 * (nobody can search 2^256 candidates), and it costs well under a microsecond per request instead of the
 * tens of milliseconds of bcrypt. See SECURITY.md.
 */
public final class ApiKeys
{
    /** No keys: development mode. */
    public static final ApiKeys NONE = new ApiKeys(List.of());

    /** Prefix of secret keys: for servers, never for browsers. */
    public static final String SECRET_PREFIX = "tlr_sk_";
    /** Prefix of public keys: safe to embed in a web page. */
    public static final String PUBLIC_PREFIX = "tlr_pk_";
    /** Longest key looked at; longer ones are refused without hashing. */
    public static final int MAX_KEY_LENGTH = 256;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ApiKeys::sha256Digest);

    private final ApiKey[] keys;

    /**
     * A key ring.
     *
     * @param keys the keys; names and hashes must be unique.
     */
    public ApiKeys(final List<ApiKey> keys)
    {
        final Set<String> names = new HashSet<>();
        final Set<String> hashes = new HashSet<>();
        for (final ApiKey key : keys)
        {
            if (!names.add(key.name()))
            {
                throw new IllegalArgumentException("two keys are named " + key.name());
            }
            if (!hashes.add(key.hash()))
            {
                throw new IllegalArgumentException("key " + key.name() + " has the same hash as another key");
            }
        }
        this.keys = keys.toArray(new ApiKey[0]);
    }

    /**
     * Whether there are no keys (development mode).
     *
     * @return true without keys.
     */
    public boolean isEmpty()
    {
        return keys.length == 0;
    }

    /**
     * The keys.
     *
     * @return the keys in file order.
     */
    public List<ApiKey> keys()
    {
        return List.of(keys);
    }

    /**
     * Finds the key a caller presented.
     *
     * @param presented the key from the {@code Authorization} header.
     * @return the key, or {@code null} when it is not one of ours.
     */
    public ApiKey authenticate(final String presented)
    {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH)
        {
            return null;
        }
        final MessageDigest digest = SHA256.get();
        final byte[] hash = digest.digest(presented.getBytes(StandardCharsets.UTF_8));
        ApiKey found = null;
        // Every stored hash is compared, with no early exit, in constant time each.
        for (final ApiKey key : keys)
        {
            if (MessageDigest.isEqual(hash, key.sha256()))
            {
                found = key;
            }
        }
        return found;
    }

    /**
     * The SHA-256 of a key.
     *
     * @param key the key.
     * @return its 32-byte hash.
     */
    public static byte[] sha256(final String key)
    {
        return SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A new key: a prefix that says whether it is public, then 32 random bytes from {@link SecureRandom},
     * base64url without padding (43 characters).
     *
     * @param publicKey whether it is a public (browser) key.
     * @param random    source of randomness.
     * @return the key.
     */
    public static String generate(final boolean publicKey, final SecureRandom random)
    {
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return (publicKey ? PUBLIC_PREFIX : SECRET_PREFIX) + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(bytes);
    }

    /**
     * The line of a keys file that stores a key.
     *
     * @param key the key (its hash is written, with its name, scopes, flag and rate).
     * @return e.g. {@code storefront sha256:... scopes=recs:read,events:write public rate=100/s burst=200}.
     */
    public static String line(final ApiKey key)
    {
        final List<String> scopes = new ArrayList<>();
        for (final Scope scope : key.scopes())
        {
            scopes.add(scope.wireName());
        }
        final StringBuilder line = new StringBuilder(key.name()).append(' ').append(key.hash())
            .append(" scopes=").append(String.join(",", scopes));
        if (key.isPublic())
        {
            line.append(" public");
        }
        if (key.rate() != null)
        {
            line.append(" rate=").append(key.rate().text()).append(" burst=")
                .append(key.rate().burst());
        }
        return line.toString();
    }

    private static MessageDigest sha256Digest()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
