package io.tailor.server.cli;

import io.tailor.server.config.ApiKeysFile;
import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tailor keys}: API keys. {@code tailor keys new} makes one and prints the line for the keys file; the
 * key itself is printed once, on standard error, and stored nowhere.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, version = TailorCommand.VERSION,
    description = "API keys: 'keys new' makes one and prints its line for the keys file (--api-keys-file).",
    subcommands = {KeysCommand.NewKey.class, CommandLine.HelpCommand.class})
public final class KeysCommand implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tailor keys new}. */
    @Command(name = "new", mixinStandardHelpOptions = true, version = TailorCommand.VERSION, sortOptions = false,
        description = {"Make an API key: 256 random bits. The key is printed once on standard error; the line " +
            "for the keys file (its SHA-256, never the key) on standard output:",
            "  tailor keys new --name storefront --scopes recs:read,events:write --public --rate 200/s " +
                ">> api-keys",
            "Scopes: events:write, recs:read, catalog:write, profiles:read, profiles:write, segments:write, " +
                "experiments:write, promotions:write, admin."})
    static final class NewKey implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--name", required = true,
            description = "A name for the key in logs and messages, e.g. storefront-web (letters, digits, _ . -).")
        String name;

        @Option(names = "--scopes", required = true, split = ",", paramLabel = "SCOPE",
            description = "What the key may do, comma separated.")
        List<String> scopes;

        @Option(names = "--public",
            description = "A browser key, safe to embed in a web page: only recs:read and events:write, for " +
                "anonymous shoppers (anonymousId) only, rate-limited per client address too.")
        boolean publicKey;

        @Option(names = "--rate", paramLabel = "N/s|N/m|N/h",
            description = "Rate limit of the key on each node (token bucket), e.g. 200/s. Default: none.")
        String rate;

        @Option(names = "--burst", defaultValue = "0",
            description = "Requests allowed at once after a quiet period (default: one second's worth).")
        int burst;

        @Override
        public Integer call()
        {
            final Set<Scope> chosen = EnumSet.noneOf(Scope.class);
            for (final String wire : scopes)
            {
                final Scope scope = Scope.fromWireName(wire.trim());
                if (scope == null)
                {
                    throw new IllegalArgumentException("unknown scope '" + wire + "'; known: " + Scope.wireNames());
                }
                chosen.add(scope);
            }
            if (burst != 0 && rate == null)
            {
                throw new IllegalArgumentException("--burst needs --rate");
            }
            final String key = ApiKeys.generate(publicKey, new SecureRandom());
            final ApiKey apiKey = new ApiKey(name, ApiKeys.sha256(key), chosen, publicKey,
                rate == null ? null : Rate.parse(rate, burst));
            final String line = ApiKeys.line(apiKey);
            // The line must read back as it was meant (a name the file refuses is refused here, now).
            ApiKeysFile.parse(line, "--name/--scopes");
            spec.commandLine().getErr().println("API key " + name + " (shown once; keep it in your secret store" +
                (publicKey ? "; safe to embed in your web pages" : "; never put it in a web page") + "):");
            spec.commandLine().getErr().println(key);
            spec.commandLine().getErr().flush();
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
