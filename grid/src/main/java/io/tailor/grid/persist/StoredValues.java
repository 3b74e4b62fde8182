package io.tailor.grid.persist;

import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogEntryCodec;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ItemStatsCodec;
import io.tailor.scoring.profile.ProfileCodec;

/**
 * The values of Tailor's maps as stored in data files, and their versions: of two copies of an entry
 * (after a migration, a crash, a split brain) the one with the higher version wins.
 */
public final class StoredValues
{
    private StoredValues()
    {
    }

    /**
     * Version of a map value of any of Tailor's maps.
     *
     * @param value a profile record ({@code byte[]}), a {@link CatalogEntry}, {@link ItemStats}, an
     *              {@link IdentityLink}, a {@link SegmentDefinition}, an {@link ExperimentDefinition} or
     *              {@link ArmCounts}.
     * @return its version: the profile version, the catalog entry version, the interaction count, the link's or
     *     the definition's version.
     */
    public static long version(final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            return ProfileCodec.version(bytes);
        }
        if (value instanceof CatalogEntry entry)
        {
            return entry.version();
        }
        if (value instanceof ItemStats stats)
        {
            return stats.interactions();
        }
        if (value instanceof IdentityLink link)
        {
            return link.version();
        }
        if (value instanceof SegmentDefinition definition)
        {
            return definition.version();
        }
        if (value instanceof ExperimentDefinition experiment)
        {
            return experiment.version();
        }
        if (value instanceof ArmCounts counts)
        {
            return counts.version();
        }
        if (value instanceof PromotionDefinition promotion)
        {
            return promotion.version();
        }
        if (value instanceof WebhookDefinition webhook)
        {
            return webhook.version();
        }
        if (value instanceof Outbox outbox)
        {
            return outbox.version();
        }
        if (value instanceof FeedRecord feed)
        {
            return feed.version();
        }
        throw new IllegalArgumentException("not a Tailor map value: " + value.getClass().getName());
    }

    /**
     * Data-file bytes of a map value.
     *
     * @param value a map value.
     * @return its bytes.
     */
    public static byte[] encode(final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            return bytes;
        }
        if (value instanceof CatalogEntry entry)
        {
            return CatalogEntryCodec.encode(entry);
        }
        if (value instanceof ItemStats stats)
        {
            return ItemStatsCodec.encode(stats);
        }
        if (value instanceof IdentityLink link)
        {
            return link.encode();
        }
        if (value instanceof SegmentDefinition definition)
        {
            return definition.encode();
        }
        if (value instanceof ExperimentDefinition experiment)
        {
            return experiment.encode();
        }
        if (value instanceof ArmCounts counts)
        {
            return counts.encode();
        }
        if (value instanceof PromotionDefinition promotion)
        {
            return promotion.encode();
        }
        if (value instanceof WebhookDefinition webhook)
        {
            return webhook.encode();
        }
        if (value instanceof Outbox outbox)
        {
            return outbox.encode();
        }
        if (value instanceof FeedRecord feed)
        {
            return feed.encode();
        }
        throw new IllegalArgumentException("not a Tailor map value: " + value.getClass().getName());
    }

    /**
     * Item stats from data-file bytes.
     *
     * @param bytes bytes written by {@link #encode(Object)}.
     * @return the stats.
     */
    public static ItemStats itemStats(final byte[] bytes)
    {
        return ItemStatsCodec.decode(bytes);
    }
}
