package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.scoring.rank.Recommender;
import io.tailor.server.config.WebhookSettings;
import io.tailor.server.metrics.Metrics;

import java.time.Clock;

/**
 * The webhooks of a dedicated grid member ({@code tailor grid}), for clusters whose HTTP nodes are its clients
 * ({@code tailor serve --client}). The member owns partitions, so it does what an embedded node's
 * {@link ServerContext} does for the partitions it owns:
 * <pre>
 *   segments, promotions, webhooks   mirrored from the grid's maps (the HTTP clients define them there)
 *   triggers                         this member's webhook registry in the member's user context: the evaluations
 *                                    the HTTP clients ask for after events, and the re-checks, run here
 *   dispatcher                       sends the deliveries of the customers this member owns, retries, dead letters;
 *                                    counted in the metrics the member's ops port ({@code --ops-port}) serves
 * </pre>
 * Everything a delivery carries can be computed here: the customer's ids (the identities map), marketing consent
 * (the profile, which this member holds as owner), and the {@code email} placement's top-k for
 * {@code "include": ["email"]}, from the item model and catalog snapshot every member keeps, the segments and
 * promotions in force and the ranking section of the member's configuration file. It is the plain recommender's
 * list, as an embedded node's dispatcher sends: no experiment arm, no similar sessions, not recorded as shown.
 */
public final class MemberWebhooks implements AutoCloseable
{
    private final SegmentRegistry segments;
    private final PromotionRegistry promotions;
    private final WebhookDispatcher dispatcher;

    private MemberWebhooks(final SegmentRegistry segments, final PromotionRegistry promotions,
        final WebhookDispatcher dispatcher)
    {
        this.segments = segments;
        this.promotions = promotions;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts evaluating and sending on a dedicated member.
     *
     * @param grid     the member.
     * @param ranking  ranking settings, for the {@code email} top-k (the same file's as the HTTP nodes').
     * @param settings retries and re-check interval.
     * @param metrics  the member's metrics, where each webhook's deliveries and lag are counted.
     * @param clock    server time.
     * @return the running webhooks; close before the member.
     */
    public static MemberWebhooks start(final TailorGrid grid, final RankingSettings ranking,
        final WebhookSettings settings, final Metrics metrics, final Clock clock)
    {
        final SegmentRegistry segments = new SegmentRegistry(grid);
        segments.start();
        // The promotions only steer the email top-k here; their delivery gauges stay the HTTP nodes'.
        final PromotionRegistry promotions = new PromotionRegistry(grid, current ->
        {
        });
        promotions.start();
        final WebhookRegistry webhooks = new WebhookRegistry(grid, segments);
        webhooks.start();
        final WebhookDispatcher dispatcher = new WebhookDispatcher(grid, webhooks, settings, metrics, clock,
            new Recommender(ranking, segments, promotions));
        dispatcher.start();
        return new MemberWebhooks(segments, promotions, dispatcher);
    }

    @Override
    public void close()
    {
        dispatcher.close();
        promotions.close();
        segments.close();
    }
}
