package io.tailor.server.config;

import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the API keys file ({@code --api-keys-file}): one key per line, as {@code tailor keys new} prints it.
 * <pre>
 *   # name      hash of the key (never the key)   what it may do                   options
 *   storefront  sha256:9f2c...(64 hex digits)      scopes=recs:read,events:write    public rate=200/s burst=400
 *   backend     sha256:07ab...                     scopes=events:write,catalog:write rate=5000/s
 *   ops         sha256:c41e...                     scopes=admin
 * </pre>
 * Blank lines and {@code #} comments are ignored. Options: {@code public} (a browser key: only
 * {@code recs:read} and {@code events:write}, anonymous shoppers only), {@code rate=N/s|N/m|N/h} (token
 * bucket per node) and {@code burst=N} (default one second's worth). Every problem stops the node at start
 * with the file, the line and what is wrong; the message never quotes a hash.
 */
public final class ApiKeysFile
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

    private ApiKeysFile()
    {
    }

    /**
     * Reads a keys file.
     *
     * @param path the file.
     * @return the keys, at least one.
     * @throws InvalidConfig naming the file and line.
     */
    public static ApiKeys read(final Path path)
    {
        final String text;
        try
        {
            text = Files.readString(path);
        }
        catch (final IOException ex)
        {
            throw new InvalidConfig(path + ": cannot be read (" + (ex instanceof java.nio.file.NoSuchFileException ?
                "no such file" : ex.toString()) + "); check --api-keys-file", ex);
        }
        return parse(text, path.toString());
    }

    /**
     * Parses keys file text.
     *
     * @param text   the text.
     * @param source its name in messages.
     * @return the keys, at least one.
     * @throws InvalidConfig naming the source and line.
     */
    public static ApiKeys parse(final String text, final String source)
    {
        final List<ApiKey> keys = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        final Set<String> hashes = new HashSet<>();
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final String where = source + ":" + (i + 1);
            final String line = stripComment(lines[i]).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final ApiKey key;
            try
            {
                key = key(line.split("\\s+"));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidConfig(where + ": " + ex.getMessage(), null);
            }
            if (!names.add(key.name()))
            {
                throw new InvalidConfig(where + ": a key named " + key.name() + " is already listed", null);
            }
            if (!hashes.add(key.hash()))
            {
                throw new InvalidConfig(where + ": the hash of " + key.name() + " is already listed under another " +
                    "name", null);
            }
            keys.add(key);
        }
        if (keys.isEmpty())
        {
            throw new InvalidConfig(source + ": holds no API key; add one (tailor keys new) or leave out " +
                "--api-keys-file to run in development mode on loopback", null);
        }
        return new ApiKeys(keys);
    }

    private static ApiKey key(final String[] tokens)
    {
        final String name = tokens[0];
        if (!NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("a key name is 1 to 64 letters, digits, _ . -, starting with a letter " +
                "or digit: " + name);
        }
        if (tokens.length < 2 || !HASH.matcher(tokens[1]).matches())
        {
            throw new IllegalArgumentException("key " + name + ": the second column must be sha256: and 64 " +
                "lowercase hex digits (the line tailor keys new prints), never the key itself");
        }
        final byte[] hash = HexFormat.of().parseHex(tokens[1], "sha256:".length(), tokens[1].length());
        Set<Scope> scopes = null;
        boolean publicKey = false;
        String rate = null;
        int burst = 0;
        for (int t = 2; t < tokens.length; t++)
        {
            final String token = tokens[t];
            final int equals = token.indexOf('=');
            final String option = equals < 0 ? token : token.substring(0, equals);
            final String value = equals < 0 ? null : token.substring(equals + 1);
            switch (option)
            {
                case "scopes" -> scopes = scopes(name, value);
                case "public" ->
                {
                    if (value != null)
                    {
                        throw new IllegalArgumentException("key " + name + ": 'public' takes no value");
                    }
                    publicKey = true;
                }
                case "rate" -> rate = value;
                case "burst" -> burst = burst(name, value);
                default -> throw new IllegalArgumentException("key " + name + ": unknown option '" + option +
                    "'; known: scopes=, public, rate=, burst=");
            }
        }
        if (scopes == null)
        {
            throw new IllegalArgumentException("key " + name + ": scopes= is required, e.g. scopes=recs:read");
        }
        if (burst > 0 && rate == null)
        {
            throw new IllegalArgumentException("key " + name + ": burst= needs rate=");
        }
        try
        {
            return new ApiKey(name, hash, scopes, publicKey, rate == null ? null : Rate.parse(rate, burst));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("key " + name + ": " + ex.getMessage(), ex);
        }
    }

    private static Set<Scope> scopes(final String name, final String value)
    {
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException("key " + name + ": scopes= needs at least one of " + Scope.wireNames());
        }
        final Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (final String wire : value.split(",", -1))
        {
            final Scope scope = Scope.fromWireName(wire);
            if (scope == null)
            {
                throw new IllegalArgumentException("key " + name + ": unknown scope '" + wire + "'; known: " +
                    Scope.wireNames());
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private static int burst(final String name, final String value)
    {
        try
        {
            final int burst = Integer.parseInt(value == null ? "" : value);
            if (burst < 1)
            {
                throw new NumberFormatException();
            }
            return burst;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("key " + name + ": burst= must be a whole number of requests, at " +
                "least 1", ex);
        }
    }

    private static String stripComment(final String line)
    {
        final int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
