package io.tailor.grid.serialization;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.audience.NearPurchaseAggregator;
import io.tailor.grid.audience.NearPurchaseCandidates;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.RemoveProductProcessor;
import io.tailor.grid.cluster.SetValueProcessor;
import io.tailor.grid.cluster.ShowCatalogTask;
import io.tailor.grid.identity.ClaimAliasProcessor;
import io.tailor.grid.identity.EraseLinkProcessor;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.model.MergeItemStatsProcessor;
import io.tailor.grid.persist.MergeIfNewerProcessor;
import io.tailor.grid.persist.PersistLocallyProcessor;
import io.tailor.grid.persist.PurgeProfileTask;
import io.tailor.grid.profile.ApplyEventsProcessor;
import io.tailor.grid.profile.ClearPendingProcessor;
import io.tailor.grid.profile.EraseProfileProcessor;
import io.tailor.grid.profile.ExpireIdleProcessor;
import io.tailor.grid.profile.ForwardProfileProcessor;
import io.tailor.grid.profile.MergeProfileProcessor;
import io.tailor.grid.profile.ReadProfileProcessor;
import io.tailor.grid.profile.RecordImpressionsProcessor;
import io.tailor.grid.profile.SetConsentProcessor;
import io.tailor.grid.profile.SetPreferencesProcessor;
import io.tailor.grid.profile.SetProfileProcessor;
import io.tailor.grid.segment.PutSegmentProcessor;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.segment.SegmentScan;
import io.tailor.grid.segment.SegmentScanAggregator;
import io.tailor.scoring.model.ItemStats;

/**
 * Registers how Tailor's grid objects travel between members and into backups: identified data
 * serialization (no reflection, no class names on the wire) for entry processors, stream serializers
 * for the scoring types stored as map values.
 * <p>
 * Type ids are part of the wire format between members of one cluster: never reuse or renumber one.
 */
public final class GridSerialization
{
    /** Factory id of Tailor's identified data serializables. */
    public static final int FACTORY_ID = 7101;

    /** {@link ApplyEventsProcessor}. */
    public static final int APPLY_EVENTS = 1;
    /** {@link SetProfileProcessor}. */
    public static final int SET_PROFILE = 2;
    /** {@link ReadProfileProcessor}. */
    public static final int READ_PROFILE = 3;
    /** {@link MergeItemStatsProcessor}. */
    public static final int MERGE_ITEM_STATS = 4;
    /** {@link MergeIfNewerProcessor}. */
    public static final int MERGE_IF_NEWER = 5;
    /** {@link PersistLocallyProcessor}. */
    public static final int PERSIST_LOCALLY = 6;
    /** {@link EraseProfileProcessor}. */
    public static final int ERASE_PROFILE = 7;
    /** {@link PurgeProfileTask}. */
    public static final int PURGE_PROFILE = 8;
    /** {@link RemoveProductProcessor}. */
    public static final int REMOVE_PRODUCT = 9;
    /** {@link RecordImpressionsProcessor}; ids from 20 on belong to processors added since. */
    public static final int RECORD_IMPRESSIONS = 20;
    /** {@link SetConsentProcessor}. */
    public static final int SET_CONSENT = 21;
    /** {@link SetPreferencesProcessor}. */
    public static final int SET_PREFERENCES = 22;
    /** {@link MergeProfileProcessor}. */
    public static final int MERGE_PROFILE = 23;
    /** {@link ForwardProfileProcessor}. */
    public static final int FORWARD_PROFILE = 24;
    /** {@link ClearPendingProcessor}. */
    public static final int CLEAR_PENDING = 25;
    /** {@link ExpireIdleProcessor}. */
    public static final int EXPIRE_IDLE = 26;
    /** {@link ClaimAliasProcessor}. */
    public static final int CLAIM_ALIAS = 27;
    /** {@link SetValueProcessor}. */
    public static final int SET_VALUE = 28;
    /** {@link EraseLinkProcessor}. */
    public static final int ERASE_LINK = 29;
    /** {@link PutSegmentProcessor}. */
    public static final int PUT_SEGMENT = 30;
    /** {@link SegmentScanAggregator}. */
    public static final int SEGMENT_SCAN_AGGREGATOR = 32;
    /** {@link SegmentScan}. */
    public static final int SEGMENT_SCAN = 33;
    /** {@link NearPurchaseAggregator}. */
    public static final int NEAR_PURCHASE_AGGREGATOR = 34;
    /** {@link NearPurchaseCandidates}. */
    public static final int NEAR_PURCHASE_CANDIDATES = 35;
    /** {@link ShowCatalogTask}. */
    public static final int SHOW_CATALOG = 41;

    /** Stream serializer type id of {@link CatalogEntry}. */
    public static final int CATALOG_ENTRY_TYPE = 7101;
    /** Stream serializer type id of {@link ItemStats}. */
    public static final int ITEM_STATS_TYPE = 7102;
    /** Stream serializer type id of {@link IdentityLink}. */
    public static final int IDENTITY_LINK_TYPE = 7103;
    /** Stream serializer type id of {@link SegmentDefinition}. */
    public static final int SEGMENT_DEFINITION_TYPE = 7104;

    private GridSerialization()
    {
    }

    /**
     * Adds Tailor's serializers to a member's or a client's serialization config.
     *
     * @param config serialization config to extend.
     * @return the same config.
     */
    public static SerializationConfig register(final SerializationConfig config)
    {
        config.addDataSerializableFactory(FACTORY_ID, new Factory());
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(CatalogEntry.class).setImplementation(new CatalogEntrySerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(ItemStats.class).setImplementation(new ItemStatsSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(IdentityLink.class).setImplementation(new IdentityLinkSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(SegmentDefinition.class).setImplementation(new SegmentDefinitionSerializer()));
        return config;
    }

    private static final class Factory implements DataSerializableFactory
    {
        @Override
        public IdentifiedDataSerializable create(final int typeId)
        {
            return switch (typeId)
            {
                case APPLY_EVENTS -> new ApplyEventsProcessor();
                case SET_PROFILE -> new SetProfileProcessor<>();
                case READ_PROFILE -> new ReadProfileProcessor();
                case MERGE_ITEM_STATS -> new MergeItemStatsProcessor();
                case MERGE_IF_NEWER -> new MergeIfNewerProcessor();
                case PERSIST_LOCALLY -> new PersistLocallyProcessor();
                case ERASE_PROFILE -> new EraseProfileProcessor();
                case PURGE_PROFILE -> new PurgeProfileTask();
                case REMOVE_PRODUCT -> new RemoveProductProcessor();
                case RECORD_IMPRESSIONS -> new RecordImpressionsProcessor();
                case SET_CONSENT -> new SetConsentProcessor();
                case SET_PREFERENCES -> new SetPreferencesProcessor();
                case MERGE_PROFILE -> new MergeProfileProcessor();
                case FORWARD_PROFILE -> new ForwardProfileProcessor();
                case CLEAR_PENDING -> new ClearPendingProcessor();
                case EXPIRE_IDLE -> new ExpireIdleProcessor();
                case CLAIM_ALIAS -> new ClaimAliasProcessor();
                case SET_VALUE -> new SetValueProcessor<>();
                case ERASE_LINK -> new EraseLinkProcessor();
                case PUT_SEGMENT -> new PutSegmentProcessor();
                case SEGMENT_SCAN_AGGREGATOR -> new SegmentScanAggregator();
                case SEGMENT_SCAN -> new SegmentScan();
                case NEAR_PURCHASE_AGGREGATOR -> new NearPurchaseAggregator();
                case NEAR_PURCHASE_CANDIDATES -> new NearPurchaseCandidates();
                case SHOW_CATALOG -> new ShowCatalogTask();
                default -> throw new IllegalArgumentException("unknown Tailor type id " + typeId);
            };
        }
    }
}
