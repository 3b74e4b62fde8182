package io.tailor.server.config;

import io.tailor.scoring.rank.RankingSettings;

/**
 * What the configuration file decides: the store's policy (ranking, rules, input limits). Where a node runs
 * (addresses, ports, grid) comes from the command line and environment instead, so one file can serve
 * every node of a cluster.
 *
 * @param limits  input limits.
 * @param ranking ranking weights, diversity, frequency cap and merchandising rules.
 */
public record TailorConfig(InputLimits limits, RankingSettings ranking)
{
    /** The built-in defaults, used when no file is given. */
    public static final TailorConfig DEFAULT = new TailorConfig(InputLimits.DEFAULT, RankingSettings.DEFAULT);

    /**
     * Validates.
     *
     * @param limits  input limits.
     * @param ranking ranking settings.
     */
    public TailorConfig
    {
        if (limits == null || ranking == null)
        {
            throw new IllegalArgumentException("limits and ranking must be given");
        }
    }
}
