package io.tailor.grid.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogMirror;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.model.ItemModelHolder;
import io.tailor.grid.model.ItemSignalAggregator;
import io.tailor.grid.model.ItemStatsMirror;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.profile.ProfileReplica;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.serialization.GridSerialization;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.profile.ProfileUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Tailor grid member: a Hazelcast member holding profiles, catalog and item stats, with this node's
 * local item model kept current.
 * <pre>
 *   profiles    String -> byte[]        partitioned by shopper, OBJECT format, sync backups, owner replica
 *   catalog     String -> CatalogEntry  partitioned by product, mirrored on every node
 *   item-stats  Long   -> ItemStats     partitioned by product key, merged additively, mirrored
 * </pre>
 * Threads: Hazelcast's (partition, generic, event, I/O) plus {@code tailor-model}. Nothing here speaks HTTP.
 */
public final class TailorGrid implements AutoCloseable
{
    /** Name of the item stats map. */
    public static final String ITEM_STATS_MAP = "item-stats";

    private static final Logger LOG = LoggerFactory.getLogger(TailorGrid.class);
    private static final int PARTITION_COUNT = 271;

    private final GridSettings settings;
    private final HazelcastInstance hazelcast;
    private final ProfileStore profiles;
    private final CatalogStore catalog;
    private final ItemModelHolder models;
    private final ModelRefresher refresher;
    private final ItemSignalAggregator signals;
    private final ProfileReplica replica;
    private final BackgroundErrors errors;

    private TailorGrid(final GridSettings settings, final HazelcastInstance hazelcast, final ProfileStore profiles,
        final CatalogStore catalog, final ItemModelHolder models, final ModelRefresher refresher,
        final ItemSignalAggregator signals, final ProfileReplica replica, final BackgroundErrors errors)
    {
        this.settings = settings;
        this.hazelcast = hazelcast;
        this.profiles = profiles;
        this.catalog = catalog;
        this.models = models;
        this.refresher = refresher;
        this.signals = signals;
        this.replica = replica;
        this.errors = errors;
    }

    /**
     * Starts a member, joins the cluster, loads the local model; returns when ready to serve.
     *
     * @param settings member settings.
     * @param clock    time source for the model.
     * @return the running member.
     */
    public static TailorGrid startMember(final GridSettings settings, final Clock clock)
    {
        final BackgroundErrors errors = new BackgroundErrors();
        final ItemModelHolder models = new ItemModelHolder(settings.dimensions(), settings.model());
        final ProfileReplica replica = new ProfileReplica(PARTITION_COUNT);
        final ItemSignalAggregator signals =
            new ItemSignalAggregator(settings.signalRingBytes(), settings.model().popularityHalfLifeMs());
        final MemberContext context = new MemberContext(models, replica, signals,
            new ProfileUpdater(settings.profile()), settings.dimensions());

        final Config config = memberConfig(settings, replica);
        config.getUserContext().put(MemberContext.KEY, context);
        final HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        try
        {
            replica.attach(hazelcast.getPartitionService());

            final IMap<String, CatalogEntry> catalogMap = hazelcast.getMap(CatalogStore.MAP_NAME);
            final IMap<Long, ItemStats> statsMap = hazelcast.getMap(ITEM_STATS_MAP);
            final CatalogMirror catalogMirror = new CatalogMirror();
            final ItemStatsMirror statsMirror = new ItemStatsMirror();
            catalogMap.addEntryListener(catalogMirror, true);
            statsMap.addEntryListener(statsMirror, true);

            final ModelRefresher refresher = new ModelRefresher(hazelcast.getPartitionService(), catalogMap, statsMap,
                catalogMirror, statsMirror, signals, models, new ContentVectorizer(settings.dimensions()),
                settings.model(), settings.flushInterval(), settings.refreshInterval(), clock, errors);
            refresher.start();

            final IMap<String, byte[]> profileMap = hazelcast.getMap(ProfileStore.MAP_NAME);
            LOG.info("grid member {} joined cluster '{}' with {} member(s)",
                hazelcast.getCluster().getLocalMember().getAddress(), settings.clusterName(),
                hazelcast.getCluster().getMembers().size());
            return new TailorGrid(settings, hazelcast, new ProfileStore(profileMap, replica),
                new CatalogStore(catalogMap), models, refresher, signals, replica, errors);
        }
        catch (final RuntimeException ex)
        {
            hazelcast.getLifecycleService().terminate();
            throw ex;
        }
    }

    /**
     * Hazelcast configuration of a member: network and join, maps, serialization and properties.
     *
     * @param settings member settings.
     * @param replica  the profile replica, registered as migration and membership listener.
     * @return the configuration.
     */
    static Config memberConfig(final GridSettings settings, final ProfileReplica replica)
    {
        final Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setUserContext(new ConcurrentHashMap<>());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.partition.count", Integer.toString(PARTITION_COUNT));
        config.setProperty("hazelcast.partition.operation.thread.count",
            Integer.toString(settings.partitionThreads()));
        config.setProperty("hazelcast.operation.generic.thread.count", "1");
        config.setProperty("hazelcast.wait.seconds.before.join", settings.members().isEmpty() ? "0" : "1");
        config.setProperty("hazelcast.local.localAddress", settings.bindAddress());
        config.setProperty("hazelcast.socket.bind.any", "false");

        final NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.memberPort()).setPortAutoIncrement(false);
        final JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        final List<String> members = settings.members().isEmpty() ?
            List.of(settings.bindAddress() + ":" + settings.memberPort()) : settings.members();
        join.getTcpIpConfig().setEnabled(true).setMembers(members);

        config.addMapConfig(new MapConfig(ProfileStore.MAP_NAME)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setBackupCount(settings.profileBackups())
            .setAsyncBackupCount(0)
            .setStatisticsEnabled(true));
        config.addMapConfig(new MapConfig(CatalogStore.MAP_NAME)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setBackupCount(1)
            .setStatisticsEnabled(true));
        config.addMapConfig(new MapConfig(ITEM_STATS_MAP)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setBackupCount(1)
            .setStatisticsEnabled(true));

        GridSerialization.register(config.getSerializationConfig());
        config.addListenerConfig(new ListenerConfig(replica));
        return config;
    }

    /**
     * The profiles.
     *
     * @return the profile store.
     */
    public ProfileStore profiles()
    {
        return profiles;
    }

    /**
     * The catalog.
     *
     * @return the catalog store.
     */
    public CatalogStore catalog()
    {
        return catalog;
    }

    /**
     * The local item model.
     *
     * @return the holder.
     */
    public ItemModelHolder models()
    {
        return models;
    }

    /**
     * Whether this member has joined, is running and has loaded its model.
     *
     * @return true when ready to serve.
     */
    public boolean ready()
    {
        return hazelcast.getLifecycleService().isRunning() && models.loaded();
    }

    /**
     * The Hazelcast member, for metrics and administration.
     *
     * @return the instance.
     */
    public HazelcastInstance hazelcast()
    {
        return hazelcast;
    }

    /**
     * The item signal aggregator, for metrics.
     *
     * @return the aggregator.
     */
    public ItemSignalAggregator signals()
    {
        return signals;
    }

    /**
     * Profiles at hand in the owner replica, for metrics.
     *
     * @return the count.
     */
    public long replicaSize()
    {
        return replica.size();
    }

    /**
     * Background failures so far.
     *
     * @return the error sink.
     */
    public BackgroundErrors errors()
    {
        return errors;
    }

    /**
     * The settings this member runs with.
     *
     * @return the settings.
     */
    public GridSettings settings()
    {
        return settings;
    }

    /**
     * Merges pending item signals into the grid and rebuilds the local model now; returns when done.
     * Other members' models follow within their refresh interval.
     */
    public void flushModelNow()
    {
        refresher.flushAndRefreshNow();
    }

    /**
     * Flushes pending item signals, then leaves the cluster gracefully (partitions migrate to the others).
     */
    @Override
    public void close()
    {
        refresher.flushAndRefreshNow();
        refresher.close();
        hazelcast.shutdown();
    }
}
