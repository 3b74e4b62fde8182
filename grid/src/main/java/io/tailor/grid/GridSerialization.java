package io.tailor.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.audience.NearPurchaseAggregator;
import io.tailor.grid.audience.NearPurchaseCandidates;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogEntrySerializer;
import io.tailor.grid.catalog.RemoveProductProcessor;
import io.tailor.grid.catalog.UpsertProductsProcessor;
import io.tailor.grid.coverage.MergeCoverageProcessor;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.experiment.ArmCountsSerializer;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.experiment.ExperimentDefinitionSerializer;
import io.tailor.grid.experiment.MergeArmCountsProcessor;
import io.tailor.grid.experiment.PutExperimentProcessor;
import io.tailor.grid.identity.ClaimAliasProcessor;
import io.tailor.grid.identity.EraseLinkProcessor;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.identity.IdentityLinkSerializer;
import io.tailor.grid.model.ItemStatsSerializer;
import io.tailor.grid.model.MergeItemStatsProcessor;
import io.tailor.grid.profile.ApplyEventsProcessor;
import io.tailor.grid.profile.ApplyImpressionsProcessor;
import io.tailor.grid.profile.ClearImpressionsProcessor;
import io.tailor.grid.profile.ClearPendingProcessor;
import io.tailor.grid.profile.EraseProfileProcessor;
import io.tailor.grid.profile.ExpireIdleProcessor;
import io.tailor.grid.profile.FillImpressionsReplicaProcessor;
import io.tailor.grid.profile.FillReplicaProcessor;
import io.tailor.grid.profile.ForwardProfileProcessor;
import io.tailor.grid.profile.MergeImpressionsProcessor;
import io.tailor.grid.profile.PartitionImpressions;
import io.tailor.grid.profile.MergeProfileProcessor;
import io.tailor.grid.profile.PurgeProfileTask;
import io.tailor.grid.profile.ReadImpressionsProcessor;
import io.tailor.grid.profile.ReadProfileProcessor;
import io.tailor.grid.profile.SetConsentProcessor;
import io.tailor.grid.profile.SetPreferencesProcessor;
import io.tailor.grid.profile.SetProfileProcessor;
import io.tailor.grid.recovery.MergeIfNewerProcessor;
import io.tailor.grid.recovery.PersistLocallyProcessor;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.feed.FeedRecordSerializer;
import io.tailor.grid.feed.PutFeedProcessor;
import io.tailor.grid.feed.RecordFeedFetchProcessor;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.promotion.PromotionDefinitionSerializer;
import io.tailor.grid.promotion.PutPromotionProcessor;
import io.tailor.grid.webhook.CancelDeliveriesProcessor;
import io.tailor.grid.webhook.DeadLettersOf;
import io.tailor.grid.webhook.DeliveryCountsTask;
import io.tailor.grid.webhook.EvaluateTriggersProcessor;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.OutboxSerializer;
import io.tailor.grid.webhook.PutWebhookProcessor;
import io.tailor.grid.webhook.SettleDeliveryProcessor;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.grid.webhook.WebhookDefinitionSerializer;
import io.tailor.grid.segment.PutSegmentProcessor;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.segment.SegmentDefinitionSerializer;
import io.tailor.grid.segment.SegmentScan;
import io.tailor.grid.segment.SegmentScanAggregator;
import io.tailor.grid.support.SetValueProcessor;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.model.ItemStats;

/**
 * Registers how Tailor's grid objects travel between members and into backups: identified data
 * serialization (no reflection, no class names on the wire) for entry processors, stream serializers
 * for the scoring types stored as map values.
 * <p>
 * The ids themselves live in the leaf {@link TypeIds}, where each class that travels reads its own.
 */
public final class GridSerialization
{
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
        config.addDataSerializableFactory(TypeIds.FACTORY_ID, new Factory());
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(CatalogEntry.class).setImplementation(new CatalogEntrySerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(ItemStats.class).setImplementation(new ItemStatsSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(IdentityLink.class).setImplementation(new IdentityLinkSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(SegmentDefinition.class).setImplementation(new SegmentDefinitionSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(ExperimentDefinition.class).setImplementation(new ExperimentDefinitionSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(ArmCounts.class).setImplementation(new ArmCountsSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(PromotionDefinition.class).setImplementation(new PromotionDefinitionSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(WebhookDefinition.class).setImplementation(new WebhookDefinitionSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(Outbox.class).setImplementation(new OutboxSerializer()));
        config.addSerializerConfig(new SerializerConfig()
            .setTypeClass(FeedRecord.class).setImplementation(new FeedRecordSerializer()));
        return config;
    }

    private static final class Factory implements DataSerializableFactory
    {
        @Override
        public IdentifiedDataSerializable create(final int typeId)
        {
            return switch (typeId)
            {
                case TypeIds.APPLY_EVENTS -> new ApplyEventsProcessor();
                case TypeIds.SET_PROFILE -> new SetProfileProcessor<>();
                case TypeIds.READ_PROFILE -> new ReadProfileProcessor();
                case TypeIds.MERGE_ITEM_STATS -> new MergeItemStatsProcessor();
                case TypeIds.MERGE_IF_NEWER -> new MergeIfNewerProcessor();
                case TypeIds.PERSIST_LOCALLY -> new PersistLocallyProcessor();
                case TypeIds.ERASE_PROFILE -> new EraseProfileProcessor();
                case TypeIds.PURGE_PROFILE -> new PurgeProfileTask();
                case TypeIds.REMOVE_PRODUCT -> new RemoveProductProcessor();
                case TypeIds.UPSERT_PRODUCTS -> new UpsertProductsProcessor();
                case TypeIds.SET_CONSENT -> new SetConsentProcessor();
                case TypeIds.SET_PREFERENCES -> new SetPreferencesProcessor();
                case TypeIds.MERGE_PROFILE -> new MergeProfileProcessor();
                case TypeIds.FORWARD_PROFILE -> new ForwardProfileProcessor();
                case TypeIds.CLEAR_PENDING -> new ClearPendingProcessor();
                case TypeIds.EXPIRE_IDLE -> new ExpireIdleProcessor();
                case TypeIds.CLAIM_ALIAS -> new ClaimAliasProcessor();
                case TypeIds.SET_VALUE -> new SetValueProcessor<>();
                case TypeIds.ERASE_LINK -> new EraseLinkProcessor();
                case TypeIds.PUT_SEGMENT -> new PutSegmentProcessor();
                case TypeIds.SEGMENT_SCAN_AGGREGATOR -> new SegmentScanAggregator();
                case TypeIds.SEGMENT_SCAN -> new SegmentScan();
                case TypeIds.NEAR_PURCHASE_AGGREGATOR -> new NearPurchaseAggregator();
                case TypeIds.NEAR_PURCHASE_CANDIDATES -> new NearPurchaseCandidates();
                case TypeIds.FILL_REPLICA -> new FillReplicaProcessor();
                case TypeIds.APPLY_IMPRESSIONS -> new ApplyImpressionsProcessor();
                case TypeIds.CLEAR_IMPRESSIONS -> new ClearImpressionsProcessor();
                case TypeIds.MERGE_IMPRESSIONS -> new MergeImpressionsProcessor();
                case TypeIds.PARTITION_IMPRESSIONS -> new PartitionImpressions();
                case TypeIds.READ_IMPRESSIONS -> new ReadImpressionsProcessor();
                case TypeIds.FILL_IMPRESSIONS_REPLICA -> new FillImpressionsReplicaProcessor();
                case TypeIds.SHOW_CATALOG -> new ShowCatalogTask();
                case TypeIds.SHOW_WEBHOOK -> new ShowWebhookTask();
                case TypeIds.PUT_EXPERIMENT -> new PutExperimentProcessor();
                case TypeIds.MERGE_ARM_COUNTS -> new MergeArmCountsProcessor();
                case TypeIds.MERGE_COVERAGE -> new MergeCoverageProcessor();
                case TypeIds.PUT_PROMOTION -> new PutPromotionProcessor();
                case TypeIds.PUT_WEBHOOK -> new PutWebhookProcessor();
                case TypeIds.EVALUATE_TRIGGERS -> new EvaluateTriggersProcessor();
                case TypeIds.SETTLE_DELIVERY -> new SettleDeliveryProcessor();
                case TypeIds.CANCEL_DELIVERIES -> new CancelDeliveriesProcessor();
                case TypeIds.DEAD_LETTERS_OF -> new DeadLettersOf();
                case TypeIds.DELIVERY_COUNTS -> new DeliveryCountsTask();
                case TypeIds.PUT_FEED -> new PutFeedProcessor();
                case TypeIds.RECORD_FEED_FETCH -> new RecordFeedFetchProcessor();
                default -> throw new IllegalArgumentException("unknown Tailor type id " + typeId);
            };
        }
    }
}
