package io.tailor.server.config;

import io.tailor.grid.cluster.RetentionSettings;
import io.tailor.scoring.rank.RankingSettings;

import java.time.Duration;

/**
 * What the configuration file decides: the store's policy (ranking, rules, input limits). Where a node runs
 * (addresses, ports, grid) comes from the command line and environment instead, so one file can serve
 * every node of a cluster.
 *
 * @param limits    input limits.
 * @param ranking   ranking weights, diversity, frequency cap and merchandising rules.
 * @param retention how long idle profiles are kept ({@code privacy:}).
 */
public record TailorConfig(InputLimits limits, RankingSettings ranking, RetentionSettings retention)
{
    /** Default retention: a profile idle for 400 days (13 months and a bit) expires; swept hourly. */
    public static final RetentionSettings DEFAULT_RETENTION = new RetentionSettings(Duration.ofDays(400),
        Duration.ofHours(1));

    /** The built-in defaults, used when no file is given. */
    public static final TailorConfig DEFAULT = new TailorConfig(InputLimits.DEFAULT, RankingSettings.DEFAULT,
        DEFAULT_RETENTION);

    /**
     * Validates.
     *
     * @param limits    input limits.
     * @param ranking   ranking settings.
     * @param retention retention settings.
     */
    public TailorConfig
    {
        if (limits == null || ranking == null || retention == null)
        {
            throw new IllegalArgumentException("limits, ranking and retention must be given");
        }
    }

    /**
     * A configuration with the default retention.
     *
     * @param limits  input limits.
     * @param ranking ranking settings.
     */
    public TailorConfig(final InputLimits limits, final RankingSettings ranking)
    {
        this(limits, ranking, DEFAULT_RETENTION);
    }
}
