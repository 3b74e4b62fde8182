package io.tailor.grid;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.MultiExecutionCallback;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryMergedListener;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogMirror;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.catalog.ProductIds;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.coverage.CoverageStore;
import io.tailor.grid.experiment.ExperimentCountsStore;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.experiment.ExperimentStore;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.identity.IdentityStore;
import io.tailor.grid.identity.LinkedUserExtractor;
import io.tailor.grid.model.ItemModelHolder;
import io.tailor.grid.model.ItemSignalAggregator;
import io.tailor.grid.model.ItemStatsMirror;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.persist.FileMapStore;
import io.tailor.grid.persist.HigherVersionMergePolicy;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.grid.persist.StoredValues;
import io.tailor.grid.profile.CustomerData;
import io.tailor.grid.profile.ImpressionStore;
import io.tailor.grid.webhook.DeliveryCounts;
import io.tailor.grid.webhook.DeliveryCountsTask;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.Triggers;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.grid.webhook.WebhookStore;
import io.tailor.grid.profile.MemberContext;
import io.tailor.grid.profile.PartitionImpressions;
import io.tailor.grid.profile.ProfileReplica;
import io.tailor.grid.profile.ReplicaFiller;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.profile.RetentionSweeper;
import io.tailor.grid.recovery.FileLoader;
import io.tailor.grid.recovery.LoadBarrier;
import io.tailor.grid.recovery.PartitionFiller;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.feed.FeedStore;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.promotion.PromotionStore;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.segment.SegmentStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.model.ItemEvidence;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.ProfileMerger;
import io.tailor.scoring.profile.ProfileUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Tailor grid member: a Hazelcast member holding profiles, catalog and item stats, with this node's
 * local item model kept current.
 * <pre>
 *   profiles    String -> byte[]             partitioned by shopper, OBJECT format, sync backups, owner replica
 *   catalog     String -> CatalogEntry       partitioned by product, mirrored on every node
 *   item-stats  Long   -> ItemStats          partitioned by product key, merged additively, mirrored
 *   identities  String -> IdentityLink       linked anonymous id or loyalty card -> customer, indexed by customer
 *   segments    String -> SegmentDefinition  segment definitions (JSON), mirrored by every HTTP node
 *   experiments String -> ExperimentDefinition  experiment definitions (JSON), mirrored by every HTTP node
 *   experiment-counts String -> ArmCounts    per experiment arm: lists, credited events, shopper sketches;
 *                                            per promotion ({@code promotion:id@createdAt}): impressions delivered
 *   promotions  String -> PromotionDefinition  promotion definitions (JSON), mirrored by every HTTP node
 *   feeds       String -> FeedRecord         catalog feeds: definition, last fetch, ids it carried, next fetch
 *   coverage-sketches String -> byte[]       per placement and hour: sketch of the distinct products shown
 *   webhooks    String -> WebhookDefinition  webhook definitions (JSON), mirrored by every HTTP node
 *   webhook-outbox String -> Outbox          per customer (profile key, so the profile's partition): trigger
 *                                            memberships, pending deliveries, dead letters; sync backups
 * </pre>
 * Threads: Hazelcast's (partition, generic, event, I/O) plus {@code tailor-model} and, with a retention period,
 * {@code tailor-retention}. Nothing here speaks HTTP.
 */
public final class TailorGrid implements AutoCloseable
{
    /**
     * Capacity of the ring of served lists waiting to be counted as impressions: a list of 10 products for a key of
     * 10 characters takes 136 bytes with its header, so about 60,000 such lists (a few seconds at full load).
     */
    private static final int IMPRESSION_RING_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TailorGrid.class);
    private static final int PARTITION_COUNT = 271;
    private static final String ADMIN_EXECUTOR = "tailor-admin";
    /** How long a catalog write waits for the other members to show it. */
    private static final Duration SHOW_EVERYWHERE_TIMEOUT = Duration.ofSeconds(5);

    private final GridSettings settings;
    private final HazelcastInstance hazelcast;
    private final ProfileStore profiles;
    private final CatalogStore catalog;
    private final ItemModelHolder models;
    private final ModelRefresher refresher;
    private final ItemSignalAggregator signals;
    private final ProfileReplica replica;
    private final BackgroundErrors errors;
    private final MemberFiles files;
    private final PartitionFiller filler;
    private final ReplicaFiller replicaFiller;
    private final GridStats stats;
    private final CustomerData customers;
    private final SegmentStore segments;
    private final ProductIds productIds;
    private final ExperimentStore experiments;
    private final ExperimentCountsStore experimentCounts;
    private final PromotionStore promotions;
    private final WebhookStore webhooks;
    private final FeedStore feeds;
    private final CoverageStore coverage;
    private final RetentionSweeper retention;
    private final ItemEvidence evidence;
    private volatile boolean closing;
    private final LoadBarrier loadBarrier;

    private TailorGrid(final GridSettings settings, final HazelcastInstance hazelcast, final ProfileStore profiles,
        final CatalogStore catalog, final ItemModelHolder models, final ModelRefresher refresher,
        final ItemSignalAggregator signals, final ProfileReplica replica, final BackgroundErrors errors,
        final MemberFiles files, final PartitionFiller filler, final ReplicaFiller replicaFiller, final Clock clock,
        final ItemEvidence evidence)
    {
        this.evidence = evidence;
        this.settings = settings;
        this.hazelcast = hazelcast;
        this.profiles = profiles;
        this.catalog = catalog;
        this.models = models;
        this.refresher = refresher;
        this.signals = signals;
        this.replica = replica;
        this.errors = errors;
        this.files = files;
        this.filler = filler;
        this.replicaFiller = replicaFiller;
        this.stats = new GridStats(hazelcast, replica != null, settings.profileBackups());
        this.loadBarrier = new LoadBarrier(hazelcast);
        final IMap<String, IdentityLink> links = hazelcast.getMap(IdentityStore.MAP_NAME);
        this.customers = new CustomerData(profiles, new IdentityStore(links));
        final IMap<String, SegmentDefinition> definitions = hazelcast.getMap(SegmentStore.MAP_NAME);
        this.segments = new SegmentStore(definitions);
        this.productIds = new ProductIds(hazelcast.getMap(ProductIds.MAP_NAME), () -> models.current().catalog());
        final IMap<String, ExperimentDefinition> experimentMap = hazelcast.getMap(ExperimentStore.MAP_NAME);
        this.experiments = new ExperimentStore(experimentMap);
        final IMap<String, ArmCounts> countsMap = hazelcast.getMap(ExperimentCountsStore.MAP_NAME);
        this.experimentCounts = new ExperimentCountsStore(countsMap);
        final IMap<String, PromotionDefinition> promotionMap = hazelcast.getMap(PromotionStore.MAP_NAME);
        this.promotions = new PromotionStore(promotionMap);
        final IMap<String, WebhookDefinition> webhookMap = hazelcast.getMap(WebhookStore.MAP_NAME);
        final IMap<String, Outbox> outboxMap = hazelcast.getMap(WebhookStore.OUTBOX_MAP_NAME);
        this.webhooks = new WebhookStore(webhookMap, outboxMap, hazelcast.getPartitionService());
        final IMap<String, FeedRecord> feedMap = hazelcast.getMap(FeedStore.MAP_NAME);
        this.feeds = new FeedStore(feedMap, hazelcast.getMap(FeedStore.LOCKS_MAP_NAME));
        final IMap<String, byte[]> coverageMap = hazelcast.getMap(CoverageStore.MAP_NAME);
        this.coverage = new CoverageStore(coverageMap);
        final RetentionSettings keep = settings.retention();
        if (replica != null && keep.expires())
        {
            this.retention = new RetentionSweeper(hazelcast, profiles, customers, keep.profileRetention(), clock,
                errors);
            retention.start(keep.sweepInterval());
        }
        else
        {
            this.retention = null;
        }
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
        final MemberFiles files = settings.persists() ? MemberFiles.open(settings.dataDir(),
            settings.persistence().profileCapacity(), settings.persistence().discardCorruptData()) : null;
        HazelcastInstance hazelcast = null;
        PartitionFiller filler = null;
        ReplicaFiller replicaFiller = null;
        ImpressionStore impressions = null;
        try
        {
            final BackgroundErrors errors = new BackgroundErrors();
            final ItemModelHolder models = new ItemModelHolder(settings.dimensions(), settings.model());
            final ProfileReplica replica = new ProfileReplica(PARTITION_COUNT);
            final ItemSignalAggregator signals = new ItemSignalAggregator(settings.signalRingBytes(), settings.model());
            final MemberContext context = new MemberContext(models, replica, signals,
                new ProfileUpdater(settings.profile()), new ProfileMerger(settings.profile()), settings.dimensions(),
                files, settings.retention().attributionWindow().toMillis());

            final Config config = memberConfig(settings, replica, files);
            config.getUserContext().put(MemberContext.KEY, context);
            hazelcast = Hazelcast.newHazelcastInstance(config);
            replica.attach(hazelcast.getPartitionService());
            final IMap<String, byte[]> profileMap = hazelcast.getMap(ProfileStore.MAP_NAME);
            final IMap<String, PartitionImpressions> impressionMap = hazelcast.getMap(ImpressionStore.MAP_NAME);
            // A split brain's merge writes records without an entry processor, so the replica cannot follow it:
            // the partition's copy is dropped and filled again from the grid.
            profileMap.addLocalEntryListener((EntryMergedListener<String, byte[]>)event ->
                replica.invalidatePartitionOf(event.getKey()));
            impressionMap.addLocalEntryListener((EntryMergedListener<String, PartitionImpressions>)event ->
                replica.invalidatePartitionOf(event.getKey()));
            replicaFiller = new ReplicaFiller(hazelcast, profileMap, impressionMap, replica, errors);
            replicaFiller.start();
            impressions = new ImpressionStore(impressionMap, replica, hazelcast.getPartitionService(), errors,
                IMPRESSION_RING_BYTES);
            impressions.start();
            context.impressions(impressions);

            final IMap<String, CatalogEntry> catalogMap = hazelcast.getMap(CatalogStore.MAP_NAME);
            final IMap<Long, ItemStats> statsMap = hazelcast.getMap(ModelRefresher.ITEM_STATS_MAP);
            final CatalogMirror catalogMirror = new CatalogMirror();
            final ItemStatsMirror statsMirror = new ItemStatsMirror();
            catalogMap.addEntryListener(catalogMirror, true);
            statsMirror.listenTo(statsMap);

            if (files != null)
            {
                filler = new PartitionFiller(hazelcast, errors);
                filler.start();
                FileLoader.load(hazelcast, files);
            }
            LoadBarrier.markLoaded(hazelcast);

            final ModelRefresher refresher = new ModelRefresher(hazelcast.getPartitionService(), catalogMap, statsMap,
                catalogMirror, statsMirror, signals, models, new ContentVectorizer(settings.dimensions()),
                settings.model(), settings.flushInterval(), settings.refreshInterval(),
                settings.establishedShownInterval(), clock, errors);
            refresher.start();
            final CatalogStore.LocalView local = localView(catalogMirror, refresher);
            context.catalogView(local);

            LOG.info("grid member {} joined cluster '{}' with {} member(s){}",
                hazelcast.getCluster().getLocalMember().getAddress(), settings.clusterName(),
                hazelcast.getCluster().getMembers().size(),
                files == null ? " (no persistence)" : ", data in " + settings.dataDir());
            return new TailorGrid(settings, hazelcast, new ProfileStore(profileMap, replica, impressions,
                hazelcast.getExecutorService(ADMIN_EXECUTOR)), new CatalogStore(catalogMap,
                everywhere(hazelcast, true, local), hazelcast.getPartitionService(), clock), models, refresher,
                signals, replica, errors, files, filler, replicaFiller, clock, statsMirror);
        }
        catch (final RuntimeException ex)
        {
            if (impressions != null)
            {
                impressions.close();
            }
            if (replicaFiller != null)
            {
                replicaFiller.close();
            }
            if (filler != null)
            {
                filler.close();
            }
            if (hazelcast != null)
            {
                hazelcast.getLifecycleService().terminate();
            }
            if (files != null)
            {
                files.close();
            }
            throw ex;
        }
    }

    /**
     * Connects to a dedicated grid as a Hazelcast smart client (for an HTTP server that is not a member):
     * profiles are read from their owners (there is no owner replica here), the catalog and item model
     * are mirrored locally as on a member; returns when the model is loaded.
     *
     * @param settings cluster name, member addresses ({@code members}), dimension and model settings.
     * @param clock    time source for the model.
     * @return the connected client.
     */
    public static TailorGrid startClient(final GridSettings settings, final Clock clock)
    {
        final ClientConfig config = new ClientConfig();
        config.setClusterName(settings.clusterName());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        final String service = Discovery.kubernetesService(settings.members());
        if (service != null)
        {
            final int cut = service.lastIndexOf(':');
            config.getNetworkConfig().getKubernetesConfig().setEnabled(true)
                .setProperty("service-dns", service.substring(0, cut))
                .setProperty("service-port", service.substring(cut + 1));
        }
        else
        {
            config.getNetworkConfig().setAddresses(Discovery.resolve(settings.members()));
        }
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(60_000);
        GridSerialization.register(config.getSerializationConfig());
        final HazelcastInstance hazelcast = HazelcastClient.newHazelcastClient(config);
        try
        {
            final BackgroundErrors errors = new BackgroundErrors();
            final ItemModelHolder models = new ItemModelHolder(settings.dimensions(), settings.model());
            final ItemSignalAggregator signals = new ItemSignalAggregator(64 * 1024, settings.model());
            final IMap<String, CatalogEntry> catalogMap = hazelcast.getMap(CatalogStore.MAP_NAME);
            final IMap<Long, ItemStats> statsMap = hazelcast.getMap(ModelRefresher.ITEM_STATS_MAP);
            final CatalogMirror catalogMirror = new CatalogMirror();
            final ItemStatsMirror statsMirror = new ItemStatsMirror();
            catalogMap.addEntryListener(catalogMirror, true);
            statsMirror.listenTo(statsMap);
            final ModelRefresher refresher = new ModelRefresher(hazelcast.getPartitionService(), catalogMap, statsMap,
                catalogMirror, statsMirror, signals, models, new ContentVectorizer(settings.dimensions()),
                settings.model(), settings.flushInterval(), settings.refreshInterval(),
                settings.establishedShownInterval(), clock, errors);
            refresher.start();
            LOG.info("grid client connected to cluster '{}' with {} member(s)", settings.clusterName(),
                hazelcast.getCluster().getMembers().size());
            final ImpressionStore impressions = new ImpressionStore(hazelcast.getMap(ImpressionStore.MAP_NAME), null,
                hazelcast.getPartitionService(), errors, IMPRESSION_RING_BYTES);
            impressions.start();
            return new TailorGrid(settings, hazelcast, new ProfileStore(hazelcast.getMap(ProfileStore.MAP_NAME), null,
                impressions, hazelcast.getExecutorService(ADMIN_EXECUTOR)), new CatalogStore(catalogMap,
                everywhere(hazelcast, false, localView(catalogMirror, refresher)), hazelcast.getPartitionService(),
                clock), models, refresher,
                signals, null, errors, null, null, null, clock, statsMirror);
        }
        catch (final RuntimeException ex)
        {
            hazelcast.getLifecycleService().terminate();
            throw ex;
        }
    }

    /**
     * Hazelcast configuration of a member: network and join, maps (write-through to the member's data
     * files when it has them, split-brain merge by higher version), serialization and properties.
     *
     * @param settings member settings.
     * @param replica  the profile replica, registered as migration and membership listener.
     * @param files    the member's data files, or {@code null} without persistence.
     * @return the configuration.
     */
    static Config memberConfig(final GridSettings settings, final ProfileReplica replica, final MemberFiles files)
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
        // newHazelcastInstance returns only once this many members have joined, so none loads and serves alone.
        config.setProperty("hazelcast.initial.min.cluster.size",
            Integer.toString(settings.persistence().initialMembers()));

        final NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.memberPort()).setPortAutoIncrement(false);
        Discovery.configure(network.getJoin(), settings);

        config.addMapConfig(ProductIds.mapConfig());
        config.addMapConfig(mapConfig(ProfileStore.MAP_NAME, settings.profileBackups(), files,
            new FileMapStore<String, byte[]>(MemberFiles::profiles, StoredValues::encode)));
        config.addMapConfig(mapConfig(CatalogStore.MAP_NAME, 1, files,
            new FileMapStore<String, CatalogEntry>(MemberFiles::catalog, StoredValues::encode)));
        config.addMapConfig(mapConfig(ModelRefresher.ITEM_STATS_MAP, 1, files,
            new FileMapStore<Long, ItemStats>(MemberFiles::itemStats, StoredValues::encode)));
        config.addMapConfig(mapConfig(IdentityStore.MAP_NAME, settings.profileBackups(), files,
            new FileMapStore<String, IdentityLink>(MemberFiles::identities, StoredValues::encode))
            .addAttributeConfig(new AttributeConfig(LinkedUserExtractor.ATTRIBUTE,
                LinkedUserExtractor.class.getName()))
            .addIndexConfig(new IndexConfig(IndexType.HASH, LinkedUserExtractor.ATTRIBUTE)));
        config.addMapConfig(mapConfig(SegmentStore.MAP_NAME, 1, files,
            new FileMapStore<String, SegmentDefinition>(MemberFiles::segments, StoredValues::encode)));
        config.addMapConfig(mapConfig(ExperimentStore.MAP_NAME, 1, files,
            new FileMapStore<String, ExperimentDefinition>(MemberFiles::experiments, StoredValues::encode)));
        config.addMapConfig(mapConfig(ExperimentCountsStore.MAP_NAME, 1, files,
            new FileMapStore<String, ArmCounts>(MemberFiles::experimentCounts, StoredValues::encode)));
        config.addMapConfig(mapConfig(PromotionStore.MAP_NAME, 1, files,
            new FileMapStore<String, PromotionDefinition>(MemberFiles::promotions, StoredValues::encode)));
        config.addMapConfig(mapConfig(WebhookStore.MAP_NAME, 1, files,
            new FileMapStore<String, WebhookDefinition>(MemberFiles::webhooks, StoredValues::encode)));
        config.addMapConfig(mapConfig(WebhookStore.OUTBOX_MAP_NAME, settings.profileBackups(), files,
            new FileMapStore<String, Outbox>(MemberFiles::outbox, StoredValues::encode)));
        config.addMapConfig(mapConfig(FeedStore.MAP_NAME, 1, files,
            new FileMapStore<String, FeedRecord>(MemberFiles::feeds, StoredValues::encode)));
        config.addMapConfig(CoverageStore.mapConfig());
        // Impression records, one entry per partition: no data files (a full restart forgets the frequency cap's
        // counts and which lists showed what); the batches sweep records idle for longer than they count.
        config.addMapConfig(mapConfig(ImpressionStore.MAP_NAME, settings.profileBackups(), null, null));

        GridSerialization.register(config.getSerializationConfig());
        config.addListenerConfig(new ListenerConfig(replica));
        return config;
    }

    private static MapConfig mapConfig(final String name, final int backups, final MemberFiles files,
        final FileMapStore<?, ?> store)
    {
        final MapConfig map = new MapConfig(name)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setBackupCount(backups)
            .setAsyncBackupCount(0)
            .setStatisticsEnabled(true);
        map.getMergePolicyConfig().setPolicy(HigherVersionMergePolicy.class.getName());
        if (files != null && store != null)
        {
            store.attach(files);
            // Not offloaded: Hazelcast runs a store off the partition thread by default (made for remote databases),
            // and ours is a write into a local memory-mapped file, a few microseconds. Offloaded, every write was a
            // hop to a pool of threads that then spun on each other's Chronicle Map segment locks: under random-
            // shopper ingestion perf put a tenth of the grid threads' CPU in that spin and more in the hops.
            map.setMapStoreConfig(new MapStoreConfig()
                .setEnabled(true)
                .setOffload(false)
                .setImplementation(store)
                .setWriteDelaySeconds(0)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY));
        }
        return map;
    }

    /** Writes this node makes reach its own recommendations at once, not after their map events. */
    private static CatalogStore.LocalView localView(final CatalogMirror mirror, final ModelRefresher refresher)
    {
        return written ->
        {
            mirror.applyWritten(written);
            return refresher.refreshSoon();
        };
    }

    /**
     * A catalog write is shown here and on every member before it is acknowledged: events are applied on the
     * profile's owner with the owner's snapshot, so an event sent right after an upload, to any node, must
     * find the product there. A member that does not answer within {@link #SHOW_EVERYWHERE_TIMEOUT} catches up
     * by its map events and periodic refresh, as before.
     */
    private static CatalogStore.LocalView everywhere(final HazelcastInstance hazelcast, final boolean member,
        final CatalogStore.LocalView local)
    {
        return written ->
        {
            final CompletableFuture<Void> here = local.show(written).toCompletableFuture();
            final Set<Member> others = new HashSet<>(hazelcast.getCluster().getMembers());
            if (member)
            {
                others.remove(hazelcast.getCluster().getLocalMember());
            }
            if (others.isEmpty())
            {
                return here;
            }
            final CompletableFuture<Void> there = new CompletableFuture<>();
            hazelcast.getExecutorService(ADMIN_EXECUTOR).submitToMembers(new ShowCatalogTask(written), others,
                new MultiExecutionCallback()
                {
                    @Override
                    public void onResponse(final Member from, final Object value)
                    {
                    }

                    @Override
                    public void onComplete(final Map<Member, Object> values)
                    {
                        there.complete(null);
                    }
                });
            return CompletableFuture.allOf(here,
                there.completeOnTimeout(null, SHOW_EVERYWHERE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        };
    }

    /**
     * The webhook definitions and each customer's webhook outbox.
     *
     * @return the store.
     */
    public WebhookStore webhooks()
    {
        return webhooks;
    }

    /**
     * Tells this member what the webhooks in force watch, for the evaluations it runs as partition owner. A client
     * runs none and ignores it.
     *
     * @param triggers the triggers.
     */
    public void triggers(final Triggers triggers)
    {
        if (replica != null)
        {
            hazelcast.getUserContext().put(Triggers.KEY, triggers);
        }
    }

    /**
     * Tells this member where definitions shown ahead of their map events go ({@link ShowWebhookTask}). A client
     * ignores it.
     *
     * @param registries this node's segment and webhook registries.
     */
    public void shownDefinitions(final ShownDefinitions registries)
    {
        if (replica != null)
        {
            hazelcast.getUserContext().put(ShownDefinitions.KEY, registries);
        }
    }

    /**
     * Shows a webhook just stored, and the segments it watches, to every member's registries, so that the owners
     * evaluate the events that follow with it. A member that does not answer within 5 s catches up by the maps'
     * events, as before.
     *
     * @param id         webhook id.
     * @param definition the definition as stored.
     * @param segments   the watched segments' definitions as stored, by id.
     * @return completes once every member has it, or after 5 s.
     */
    public CompletionStage<Void> showWebhook(final String id, final WebhookDefinition definition,
        final Map<String, SegmentDefinition> segments)
    {
        final CompletableFuture<Void> shown = new CompletableFuture<>();
        hazelcast.getExecutorService(ADMIN_EXECUTOR).submitToAllMembers(new ShowWebhookTask(id, definition, segments),
            new MultiExecutionCallback()
            {
                @Override
                public void onResponse(final Member member, final Object value)
                {
                    // Done once all have answered.
                }

                @Override
                public void onComplete(final Map<Member, Object> values)
                {
                    shown.complete(null);
                }
            });
        return shown.completeOnTimeout(null, SHOW_EVERYWHERE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tells this member what its webhook dispatcher counted, for {@link #deliveryCounts}. A client ignores it.
     *
     * @param counts the counts.
     */
    public void deliveryCounts(final DeliveryCounts counts)
    {
        if (replica != null)
        {
            hazelcast.getUserContext().put(DeliveryCounts.KEY, counts);
        }
    }

    /**
     * One webhook's delivery counts over every member, as each member's dispatcher counted them since it started
     * (so a restarted member's count starts again from zero, like its metrics).
     *
     * @param webhook webhook id.
     * @return completes with {@link DeliveryCounts#LENGTH} values, on a Hazelcast thread; fails when the members
     *     have not all answered within 5 s.
     */
    public CompletionStage<long[]> deliveryCounts(final String webhook)
    {
        final CompletableFuture<long[]> total = new CompletableFuture<>();
        hazelcast.getExecutorService(ADMIN_EXECUTOR).submitToAllMembers(new DeliveryCountsTask(webhook),
            new MultiExecutionCallback()
            {
                @Override
                public void onResponse(final Member member, final Object value)
                {
                    // Summed once all have answered.
                }

                @Override
                public void onComplete(final Map<Member, Object> values)
                {
                    final long[] sum = DeliveryCounts.none();
                    for (final Object value : values.values())
                    {
                        if (value instanceof long[] counts && counts.length == DeliveryCounts.LENGTH)
                        {
                            DeliveryCounts.add(sum, counts);
                        }
                    }
                    total.complete(sum);
                }
            });
        return total.orTimeout(SHOW_EVERYWHERE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
     * Customer data across maps: identity links, erasure, export.
     *
     * @return the customer data.
     */
    public CustomerData customers()
    {
        return customers;
    }

    /**
     * What the interaction stream taught about each product, as this node mirrors it (popularity sums,
     * neighbours, time to purchase).
     *
     * @return per-product stats by key.
     */
    public ItemEvidence itemEvidence()
    {
        return evidence;
    }

    /**
     * The ids of products profiles hold that the catalog does not.
     *
     * @return the registry.
     */
    public ProductIds productIds()
    {
        return productIds;
    }

    /**
     * Segment definitions.
     *
     * @return the segment store.
     */
    public SegmentStore segments()
    {
        return segments;
    }

    /**
     * Experiment definitions.
     *
     * @return the experiment store.
     */
    public ExperimentStore experiments()
    {
        return experiments;
    }

    /**
     * Experiment arm counts.
     *
     * @return the counts store.
     */
    public ExperimentCountsStore experimentCounts()
    {
        return experimentCounts;
    }

    /**
     * Promotion definitions.
     *
     * @return the promotion store.
     */
    public PromotionStore promotions()
    {
        return promotions;
    }

    /**
     * Catalog feeds.
     *
     * @return the store.
     */
    public FeedStore feeds()
    {
        return feeds;
    }

    /**
     * What the served lists showed, per placement and hour.
     *
     * @return the coverage store.
     */
    public CoverageStore coverage()
    {
        return coverage;
    }

    /**
     * Expires, now, the idle profiles this member owns (tests and operations; it also runs periodically).
     *
     * @return profiles expired, 0 when this process keeps profiles forever or is not a member.
     */
    public int expireIdleProfilesNow()
    {
        return retention == null ? 0 : retention.sweep();
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
     * What keeps the local item model current, for its metrics.
     *
     * @return the refresher.
     */
    public ModelRefresher modelRefresher()
    {
        return refresher;
    }

    /**
     * Whether this node has joined, is running, has loaded its model, and every member that was in the grid when it
     * started has loaded its data files ({@link LoadBarrier}: before that, an event could be overwritten by a
     * file's copy of higher version).
     *
     * @return true when ready to serve.
     */
    public boolean ready()
    {
        return !closing && hazelcast.getLifecycleService().isRunning() && models.loaded() && loadBarrier.passed();
    }

    /**
     * This member's data files.
     *
     * @return the files, or {@code null} without persistence.
     */
    public MemberFiles files()
    {
        return files;
    }

    /**
     * How long the oldest partition this member newly owns has waited to be written to its files.
     *
     * @return milliseconds; 0 when nothing waits or without persistence.
     */
    public long persistenceLagMs()
    {
        return filler == null ? 0 : filler.lagMs();
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
     * Makes this member keep recent sessions from the views and clicks it applies, for similar sessions
     * ({@link MemberContext#recentSessions()}). A client applies no events: it keeps none.
     *
     * @param index the index to keep them in.
     * @return the index, or {@code null} on a client.
     */
    public RecentSessionIndex keepRecentSessions(final RecentSessionIndex index)
    {
        if (hazelcast.getUserContext().get(MemberContext.KEY) instanceof MemberContext member)
        {
            member.recentSessions(index);
            return index;
        }
        return null;
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
        return replica == null ? 0 : replica.size();
    }

    /**
     * Partitions owned here whose replica is complete (a missing shopper there has no profile), for metrics.
     *
     * @return the count; 0 on a client.
     */
    public int replicaCompletePartitions()
    {
        return replica == null ? 0 : replica.completePartitions();
    }

    /**
     * Membership, partition and migration numbers, for metrics.
     *
     * @return the stats.
     */
    public GridStats stats()
    {
        return stats;
    }

    /**
     * Whether this process is a grid member (embedded or dedicated) rather than a client.
     *
     * @return true for a member.
     */
    public boolean member()
    {
        return replica != null;
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
     * Stops being ready, flushes pending item signals, leaves the cluster gracefully (partitions migrate to
     * the others, so backups stay complete), then closes the data files.
     */
    @Override
    public void close()
    {
        closing = true;
        if (retention != null)
        {
            retention.close();
        }
        refresher.flushEverythingAndRefreshNow();
        refresher.close();
        if (replicaFiller != null)
        {
            replicaFiller.close();
        }
        profiles.impressions().close();
        final Map<String, Object> userContext = hazelcast.getUserContext();
        final Map<String, Object> configContext = hazelcast.getConfig().getUserContext();
        hazelcast.shutdown();
        // Hazelcast leaves a stopped instance in thread-locals of the threads that called it (a test JVM's main
        // thread, for one); what this member put in its user context (the node's registries, metrics, replica)
        // must not stay reachable through it.
        userContext.clear();
        configContext.clear();
        if (filler != null)
        {
            filler.close();
        }
        if (files != null)
        {
            files.close();
        }
    }
}
