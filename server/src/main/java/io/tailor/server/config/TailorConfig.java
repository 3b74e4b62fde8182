package io.tailor.server.config;

import io.tailor.grid.RetentionSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.rank.RankingSettings;

import java.time.Duration;

/**
 * What the configuration file decides: the store's policy (ranking, rules, input limits, overload bounds,
 * security policy, profile retention). Where a node runs (addresses, ports, grid) and its secrets (keys file,
 * TLS key) come from the command line and environment instead, so one file can serve every node of a cluster.
 *
 * @param limits    input limits.
 * @param ranking   ranking weights, diversity, frequency cap and merchandising rules.
 * @param overload  how much work a node queues before it refuses more, and timeouts for slow clients.
 * @param security  browser origins (CORS), public-key rate per client address, trusted proxies.
 * @param retention how long idle profiles are kept ({@code privacy:}).
 * @param model     the item model; the file sets its collaborative factors ({@code model.factors:}).
 * @param webhooks  webhook retries and membership re-checks ({@code webhooks:}).
 */
public record TailorConfig(InputLimits limits, RankingSettings ranking, OverloadLimits overload,
    SecurityPolicy security, RetentionSettings retention, ModelSettings model, WebhookSettings webhooks)
{
    /** Default retention: a profile idle for 400 days (13 months and a bit) expires; swept hourly. */
    public static final RetentionSettings DEFAULT_RETENTION = new RetentionSettings(Duration.ofDays(400),
        Duration.ofHours(1));

    /** The built-in defaults, used when no file is given. */
    public static final TailorConfig DEFAULT = new TailorConfig(InputLimits.DEFAULT, RankingSettings.DEFAULT);

    /**
     * Validates.
     *
     * @param limits    input limits.
     * @param ranking   ranking settings.
     * @param overload  overload bounds.
     * @param security  security policy.
     * @param retention retention settings.
     * @param model     item model settings.
     * @param webhooks  webhook settings.
     */
    public TailorConfig
    {
        if (limits == null || ranking == null || overload == null || security == null || retention == null ||
            model == null || webhooks == null)
        {
            throw new IllegalArgumentException("limits, ranking, overload, security, retention, model and " +
                "webhooks must be given");
        }
        if (overload.maxBodyBytesInFlight() < limits.maxBodyBytes())
        {
            throw new IllegalArgumentException("overload.maxBodyBytesInFlight (" + overload.maxBodyBytesInFlight() +
                ") must be at least limits.maxBodyBytes (" + limits.maxBodyBytes() + "), or no large body fits");
        }
    }

    /**
     * A configuration with the default item model settings.
     *
     * @param limits    input limits.
     * @param ranking   ranking settings.
     * @param overload  overload bounds.
     * @param security  security policy.
     * @param retention retention settings.
     */
    public TailorConfig(final InputLimits limits, final RankingSettings ranking, final OverloadLimits overload,
        final SecurityPolicy security, final RetentionSettings retention)
    {
        this(limits, ranking, overload, security, retention, ModelSettings.DEFAULT);
    }

    /**
     * A configuration with the default webhook settings.
     *
     * @param limits    input limits.
     * @param ranking   ranking settings.
     * @param overload  overload bounds.
     * @param security  security policy.
     * @param retention retention settings.
     * @param model     item model settings.
     */
    public TailorConfig(final InputLimits limits, final RankingSettings ranking, final OverloadLimits overload,
        final SecurityPolicy security, final RetentionSettings retention, final ModelSettings model)
    {
        this(limits, ranking, overload, security, retention, model, WebhookSettings.DEFAULT);
    }

    /**
     * A configuration with the default overload bounds, security policy and retention.
     *
     * @param limits  input limits.
     * @param ranking ranking settings.
     */
    public TailorConfig(final InputLimits limits, final RankingSettings ranking)
    {
        this(limits, ranking, OverloadLimits.DEFAULT, SecurityPolicy.DEFAULT, DEFAULT_RETENTION);
    }
}
