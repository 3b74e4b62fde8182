package io.tailor.grid.recovery;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.tailor.grid.catalog.CatalogEntryCodec;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.experiment.ExperimentCountsStore;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.feed.FeedStore;
import io.tailor.grid.promotion.PromotionStore;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.experiment.ExperimentStore;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.identity.IdentityStore;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.persist.LocalFile;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.grid.persist.StoredValues;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.segment.SegmentStore;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.grid.webhook.WebhookStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a member's data files back into the grid at start: every entry is offered to its owner, which
 * keeps it only if it is newer than what the grid holds (so the files of all members, loaded in any
 * order, leave the newest copy of every entry, tombstones included).
 * <p>
 * Keys are read first and values fetched per batch, because the owner may be this member and write the
 * same file while it is being read.
 */
public final class FileLoader
{
    private static final Logger LOG = LoggerFactory.getLogger(FileLoader.class);
    private static final int BATCH = 1_000;

    private FileLoader()
    {
    }

    /**
     * Loads every file; blocks until every batch is merged.
     *
     * @param hazelcast the member.
     * @param files     its files.
     */
    public static void load(final HazelcastInstance hazelcast, final MemberFiles files)
    {
        final long started = System.nanoTime();
        final long catalog = load(hazelcast, hazelcast.getMap(CatalogStore.MAP_NAME), files.catalog(),
            CatalogEntryCodec::decode);
        final long stats = load(hazelcast, hazelcast.getMap(ModelRefresher.ITEM_STATS_MAP), files.itemStats(),
            StoredValues::itemStats);
        final long profiles = load(hazelcast, hazelcast.getMap(ProfileStore.MAP_NAME), files.profiles(), b -> b);
        final long links = load(hazelcast, hazelcast.getMap(IdentityStore.MAP_NAME), files.identities(),
            IdentityLink::decode);
        final long segments = load(hazelcast, hazelcast.getMap(SegmentStore.MAP_NAME), files.segments(),
            SegmentDefinition::decode);
        final long experiments = load(hazelcast, hazelcast.getMap(ExperimentStore.MAP_NAME), files.experiments(),
            ExperimentDefinition::decode);
        final long counts = load(hazelcast, hazelcast.getMap(ExperimentCountsStore.MAP_NAME), files.experimentCounts(),
            ArmCounts::decode);
        final long promotions = load(hazelcast, hazelcast.getMap(PromotionStore.MAP_NAME), files.promotions(),
            PromotionDefinition::decode);
        final long webhooks = load(hazelcast, hazelcast.getMap(WebhookStore.MAP_NAME), files.webhooks(),
            WebhookDefinition::decode);
        final long outboxes = load(hazelcast, hazelcast.getMap(WebhookStore.OUTBOX_MAP_NAME), files.outbox(),
            Outbox::decode);
        final long feeds = load(hazelcast, hazelcast.getMap(FeedStore.MAP_NAME), files.feeds(), FeedRecord::decode);
        LOG.info("loaded data files into the grid: {} catalog entries, {} item stats, {} profiles, {} identity " +
            "links, {} segments, {} experiments, {} arm counts, {} promotions, {} webhooks, {} webhook outboxes, " +
            "{} feeds ({} ms)", catalog, stats, profiles, links, segments, experiments, counts, promotions, webhooks,
            outboxes, feeds,
            (System.nanoTime() - started) / 1_000_000);
    }

    private static <K, V> long load(final HazelcastInstance hazelcast, final IMap<K, V> map, final LocalFile<K> file,
        final Function<byte[], Object> decoder)
    {
        final List<K> keys = new ArrayList<>((int)Math.min(Integer.MAX_VALUE - 8, file.size()));
        file.forEach((key, value) -> keys.add(key));
        long offered = 0;
        for (int start = 0; start < keys.size(); start += BATCH)
        {
            final Map<Member, Map<Object, Object>> byOwner = new HashMap<>();
            for (final K key : keys.subList(start, Math.min(keys.size(), start + BATCH)))
            {
                final byte[] bytes = file.get(key);
                if (bytes == null)
                {
                    continue;
                }
                final Member owner = hazelcast.getPartitionService().getPartition(key).getOwner();
                byOwner.computeIfAbsent(owner, m -> new HashMap<>()).put(key, decoder.apply(bytes));
                offered++;
            }
            for (final Map<Object, Object> candidates : byOwner.values())
            {
                @SuppressWarnings("unchecked")
                final IMap<Object, Object> untyped = (IMap<Object, Object>)(IMap<?, ?>)map;
                untyped.executeOnKeys(candidates.keySet(), new MergeIfNewerProcessor(candidates));
            }
        }
        return offered;
    }
}
