package io.tailor.server.api;

import io.tailor.grid.ShownDefinitions;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.Triggers;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.segment.NearPurchase;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.Segments;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.WebhookJsonReader;
import io.tailor.server.json.WebhookSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * This node's view of the webhooks in force: every definition in the grid, parsed, published as one immutable map
 * read with one volatile read. Definitions arrive from the grid's listener (any node's changes) and directly from
 * this node's handlers (read your writes); the higher version wins.
 * <p>
 * A definition put through any node is also shown to every member's registry directly ({@link ShownDefinitions},
 * with the segments it watches) before it is acknowledged, so the owners know it when the next event comes.
 * <p>
 * It is also the {@link Triggers} the partition owner evaluates for each customer: the segments the webhooks watch,
 * evaluated on the profile this member holds as owner. With no webhook defined nothing is evaluated at all.
 */
public final class WebhookRegistry implements Triggers, ShownDefinitions
{
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistry.class);
    /** The trigger prefix of a watched segment in a membership token. */
    static final String SEGMENT = "segment:";
    /** The trigger prefix of a product's near-purchase audience in a membership token. */
    static final String NEAR_PURCHASE = "near_purchase:";
    /**
     * The trigger prefix of a product the customer showed interest in whose usual time to purchase has not opened
     * yet: no event, but it keeps the customer among those the owner re-checks, so their entry into the audience,
     * which time alone brings, is found.
     */
    static final String INTERESTED = "interested:";
    /** Products of the recent history assessed per near-purchase webhook and evaluation, newest first. */
    static final int MAX_ASSESSED = 20;

    private final TailorGrid grid;
    private final SegmentRegistry segments;
    private final Map<String, Long> versions = new HashMap<>();
    private final ThreadLocal<Profile> scratch;
    private volatile Map<String, WebhookSpec> current = Map.of();
    /**
     * The ids of {@link #versions}, written after {@link #current}: read before it, every id in it is in force (or
     * deleted) in the {@link #current} read next.
     */
    private volatile Set<String> heard = Set.of();

    /**
     * A registry over the grid's webhooks; call {@link #start()}.
     *
     * @param grid     the grid.
     * @param segments the segments in force, which webhooks watch.
     */
    public WebhookRegistry(final TailorGrid grid, final SegmentRegistry segments)
    {
        this.grid = grid;
        this.segments = segments;
        final int dimensions = grid.settings().dimensions();
        this.scratch = ThreadLocal.withInitial(() -> new Profile(dimensions));
    }

    /**
     * Loads every definition, listens for changes, and tells this member's partitions what to evaluate.
     */
    public void start()
    {
        grid.webhooks().listen(this::update);
        for (final Map.Entry<String, WebhookDefinition> entry : grid.webhooks().all().entrySet())
        {
            update(entry.getKey(), entry.getValue());
        }
        grid.triggers(this);
        grid.shownDefinitions(this);
    }

    @Override
    public void segment(final String id, final SegmentDefinition definition)
    {
        segments.update(id, definition);
    }

    @Override
    public void webhook(final String id, final WebhookDefinition definition)
    {
        update(id, definition);
    }

    /**
     * The webhooks in force.
     *
     * @return definitions by id.
     */
    public Map<String, WebhookSpec> all()
    {
        return current;
    }

    /**
     * A webhook in force.
     *
     * @param id webhook id.
     * @return its definition, or {@code null}.
     */
    public WebhookSpec spec(final String id)
    {
        return current.get(id);
    }

    /**
     * What this node knows of a webhook, read at once: a delivery for one it has not heard of waits for the
     * definition (after a full restart another member's data files may still be loading it), one for a deleted
     * webhook is dropped. One read, because two ("in force" then "heard of") could straddle the arrival of
     * the definition and take a webhook just heard of for a deleted one: WebhookDeliveryIT saw a pending delivery
     * dropped that way, the definition loaded by another member 9 ms before.
     *
     * @param id webhook id.
     * @return {@code null} when never heard of; else its definition in force, whose {@code spec} is {@code null}
     *     when it was deleted (or its stored definition cannot be read).
     */
    public synchronized Known known(final String id)
    {
        return versions.containsKey(id) ? new Known(current.get(id)) : null;
    }

    /**
     * A webhook this node has heard of.
     *
     * @param spec its definition in force, or {@code null} when deleted.
     */
    public record Known(WebhookSpec spec)
    {
    }

    /**
     * Takes a new version of a definition (or a deletion's tombstone); older versions than the one known are ignored.
     *
     * @param id         webhook id.
     * @param definition the definition.
     */
    public synchronized void update(final String id, final WebhookDefinition definition)
    {
        final Long seen = versions.get(id);
        if (definition == null || (seen != null && seen >= definition.version()))
        {
            return;
        }
        versions.put(id, definition.version());
        final Map<String, WebhookSpec> next = new HashMap<>(current);
        if (definition.deleted())
        {
            next.remove(id);
        }
        else
        {
            try
            {
                next.put(id, new WebhookJsonReader().read(definition.json().getBytes(StandardCharsets.UTF_8)));
            }
            catch (final InvalidInput ex)
            {
                LOG.error("webhook {} version {} cannot be read and is ignored: {} at {}", id, definition.version(),
                    ex.reason(), ex.field());
                next.remove(id);
            }
        }
        current = Map.copyOf(next);
        heard = Set.copyOf(versions.keySet());
    }

    @Override
    public boolean active()
    {
        return !current.isEmpty();
    }

    @Override
    public Evaluation evaluate(final String key, final long nowMs)
    {
        final byte[] bytes = grid.profiles().local(key);
        if (bytes == null || bytes == ProfileStore.NO_PROFILE || ForwardRecord.isForward(bytes) ||
            TombstoneRecord.isTombstone(bytes))
        {
            return null;
        }
        final Profile profile = ProfileCodec.decode(bytes, scratch.get());
        // What was heard of first, then what is in force: every id heard of is then in force (or deleted) in the
        // definitions evaluated, so "not found" for it means "not a member" (Triggers.Evaluation).
        final Set<String> heardWebhooks = heard;
        final Set<String> heardSegments = segments.heard();
        final Map<String, WebhookSpec> webhooks = current;
        final Segments known = segments.current();
        final CatalogSnapshot catalog = grid.models().current().catalog();
        final Set<String> tokens = new TreeSet<>();
        for (final Map.Entry<String, WebhookSpec> webhook : webhooks.entrySet())
        {
            if (webhook.getValue().on().contains(WebhookSpec.NEAR_PURCHASE) && ProfileFlags.marketing(profile.flags()))
            {
                nearPurchase(catalog, webhook.getKey(), webhook.getValue(), profile, nowMs, tokens);
            }
            if (!webhook.getValue().watchesSegments())
            {
                continue;
            }
            for (final String id : webhook.getValue().segments())
            {
                final Segment segment = known.get(id);
                if (segment != null && segment.member(profile, nowMs))
                {
                    tokens.add(Outbox.token(webhook.getKey(), SEGMENT + id));
                }
            }
        }
        return new Evaluated(tokens, heardWebhooks, heardSegments, catalog);
    }

    /**
     * An evaluation and the view of the definitions it was made against.
     *
     * @param memberships   the memberships found.
     * @param heardWebhooks the webhooks heard of before the evaluation read those in force.
     * @param heardSegments the segments heard of before it read those in force.
     * @param catalog       the catalog the near-purchase audiences were assessed in.
     */
    private record Evaluated(Set<String> memberships, Set<String> heardWebhooks, Set<String> heardSegments,
        CatalogSnapshot catalog) implements Evaluation
    {
        @Override
        public boolean decides(final String token)
        {
            final int cut = token.indexOf('\n');
            if (!heardWebhooks.contains(token.substring(0, cut)))
            {
                return false;
            }
            if (token.startsWith(SEGMENT, cut + 1))
            {
                return heardSegments.contains(token.substring(cut + 1 + SEGMENT.length()));
            }
            // A near-purchase token names a product: until the catalog entry is loaded, its audience cannot be told.
            final String product = token.substring(token.indexOf(':', cut + 1) + 1);
            return catalog.indexOf(product) != CatalogSnapshot.MISSING;
        }
    }

    /**
     * The near-purchase audiences a customer is in (the same test as {@code GET /v1/audiences/near-purchase}), and
     * the products of their interest whose usual time to purchase is still to open.
     */
    private void nearPurchase(final CatalogSnapshot catalog, final String webhook, final WebhookSpec spec,
        final Profile profile, final long nowMs, final Set<String> tokens)
    {
        final int count = spec.products().isEmpty() ? Math.min(MAX_ASSESSED, profile.recentCount()) :
            spec.products().size();
        for (int i = 0; i < count; i++)
        {
            final int item = spec.products().isEmpty() ? catalog.indexOf(profile.recentKey(i)) :
                catalog.indexOf(spec.products().get(i));
            if (item == CatalogSnapshot.MISSING)
            {
                continue;
            }
            final long productKey = catalog.key(item);
            final int recent = profile.recentIndexOf(productKey);
            if (recent < 0 || profile.owns(productKey))
            {
                continue;
            }
            final NearPurchase estimator = NearPurchase.forProduct(catalog, item, grid.itemEvidence());
            if (estimator == null)
            {
                continue;
            }
            final String product = catalog.product(item).id();
            if (estimator.assess(profile, productKey, nowMs) != null)
            {
                tokens.add(Outbox.token(webhook, NEAR_PURCHASE + product));
            }
            else if (nowMs - profile.recentFirstAtMs(recent) < estimator.opensMs())
            {
                tokens.add(Outbox.token(webhook, INTERESTED + product));
            }
        }
    }

    @Override
    public String eventType(final String token, final boolean entered)
    {
        final int cut = token.indexOf('\n');
        final WebhookSpec spec = current.get(token.substring(0, cut));
        if (spec == null)
        {
            return null;
        }
        final String type;
        if (token.startsWith(SEGMENT, cut + 1))
        {
            type = entered ? WebhookSpec.SEGMENT_ENTERED : WebhookSpec.SEGMENT_LEFT;
        }
        else if (token.startsWith(NEAR_PURCHASE, cut + 1))
        {
            type = entered ? WebhookSpec.NEAR_PURCHASE : null;
        }
        else
        {
            type = null;
        }
        return type != null && spec.on().contains(type) ? type : null;
    }
}
