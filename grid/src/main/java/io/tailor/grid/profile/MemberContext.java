package io.tailor.grid.profile;

import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.model.ItemModelHolder;
import io.tailor.grid.model.ItemSignalAggregator;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileMerger;
import io.tailor.scoring.profile.ProfileUpdater;

/**
 * What entry processors need on the member they run on: the local item model, the profile replica, the
 * item signal aggregator, the profile updater and merger, and the data files. Found through the member's user
 * context under {@link #KEY}.
 */
public final class MemberContext
{
    /** Key of this context in the Hazelcast member's user context. */
    public static final String KEY = "tailor.member";
    /** How long shown products are remembered for attribution unless the member is told otherwise: 7 days. */
    public static final long DEFAULT_ATTRIBUTION_WINDOW_MS = 7L * 24 * 3_600_000L;

    private final ItemModelHolder models;
    private final ProfileReplica replica;
    private final ItemSignalAggregator signals;
    private final ProfileUpdater updater;
    private final ProfileMerger merger;
    private final int dimensions;
    private final MemberFiles files;
    private final long attributionWindowMs;
    private final ThreadLocal<Profile> scratch;
    private final ThreadLocal<Profile> scratchSource;
    private volatile CatalogStore.LocalView catalogView;
    private volatile RecentSessionIndex recentSessions;
    private volatile ImpressionStore impressions;

    /**
     * Context of one member.
     *
     * @param models     local item model.
     * @param replica    owner-local profile replica.
     * @param signals    item signal aggregator.
     * @param updater    profile updater.
     * @param merger     profile merger.
     * @param dimensions vector dimension.
     * @param files      this member's data files, or {@code null} without persistence.
     */
    public MemberContext(final ItemModelHolder models, final ProfileReplica replica,
        final ItemSignalAggregator signals, final ProfileUpdater updater, final ProfileMerger merger,
        final int dimensions, final MemberFiles files)
    {
        this(models, replica, signals, updater, merger, dimensions, files, DEFAULT_ATTRIBUTION_WINDOW_MS);
    }

    /**
     * Context of one member.
     *
     * @param models              local item model.
     * @param replica             owner-local profile replica.
     * @param signals             item signal aggregator.
     * @param updater             profile updater.
     * @param merger              profile merger.
     * @param dimensions          vector dimension.
     * @param files               this member's data files, or {@code null} without persistence.
     * @param attributionWindowMs how long the products served lists showed are remembered for attribution.
     */
    public MemberContext(final ItemModelHolder models, final ProfileReplica replica,
        final ItemSignalAggregator signals, final ProfileUpdater updater, final ProfileMerger merger,
        final int dimensions, final MemberFiles files, final long attributionWindowMs)
    {
        this.attributionWindowMs = attributionWindowMs;
        this.models = models;
        this.replica = replica;
        this.signals = signals;
        this.updater = updater;
        this.merger = merger;
        this.dimensions = dimensions;
        this.files = files;
        this.scratch = ThreadLocal.withInitial(() -> new Profile(dimensions));
        this.scratchSource = ThreadLocal.withInitial(() -> new Profile(dimensions));
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
     * The owner-local profile replica.
     *
     * @return the replica.
     */
    public ProfileReplica replica()
    {
        return replica;
    }

    /**
     * The item signal aggregator.
     *
     * @return the aggregator.
     */
    public ItemSignalAggregator signals()
    {
        return signals;
    }

    /**
     * The recent sessions this member keeps from the views and clicks it applies (the shoppers of the partitions it
     * owns: a sample of the cluster's sessions), when the node asks similar sessions ({@code similarSessions}
     * weight); else {@code null}, and nothing is kept.
     *
     * @return the index, or {@code null}.
     */
    public RecentSessionIndex recentSessions()
    {
        return recentSessions;
    }

    /**
     * This member's impression store, where the owner queues a shopper's return to a product a list showed them
     * ({@link ImpressionStore#returned}); {@code null} until the store is started.
     *
     * @return the store, or {@code null}.
     */
    public ImpressionStore impressions()
    {
        return impressions;
    }

    /**
     * Sets this member's impression store.
     *
     * @param store the store.
     */
    public void impressions(final ImpressionStore store)
    {
        this.impressions = store;
    }

    /**
     * Starts keeping recent sessions in an index from the next applied event on.
     *
     * @param index the index, or {@code null} to stop.
     */
    public void recentSessions(final RecentSessionIndex index)
    {
        this.recentSessions = index;
    }

    /**
     * The profile updater.
     *
     * @return the updater.
     */
    public ProfileUpdater updater()
    {
        return updater;
    }

    /**
     * How long the products served lists showed a shopper are remembered, to credit a purchase without request id.
     *
     * @return milliseconds.
     */
    public long attributionWindowMs()
    {
        return attributionWindowMs;
    }

    /**
     * The profile merger.
     *
     * @return the merger.
     */
    public ProfileMerger merger()
    {
        return merger;
    }

    /**
     * Vector dimension of this cluster.
     *
     * @return d.
     */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * This member's data files.
     *
     * @return the files, or {@code null} when this member does not persist.
     */
    public MemberFiles files()
    {
        return files;
    }

    /**
     * A profile to decode into, one per thread (partition threads run entry processors).
     *
     * @return the calling thread's scratch profile.
     */
    public Profile scratchProfile()
    {
        return scratch.get();
    }

    /**
     * A second profile to decode into, one per thread, for a profile merged into the scratch profile.
     *
     * @return the calling thread's second scratch profile.
     */
    public Profile scratchSource()
    {
        return scratchSource.get();
    }

    /**
     * This member's local view of the catalog, once its model is loaded.
     *
     * @return the view, or {@code null} while the member starts.
     */
    public CatalogStore.LocalView catalogView()
    {
        return catalogView;
    }

    /**
     * Sets this member's local view of the catalog, once its model is loaded.
     *
     * @param view the view.
     */
    public void catalogView(final CatalogStore.LocalView view)
    {
        this.catalogView = view;
    }
}
