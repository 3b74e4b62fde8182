package io.tailor.grid.serialization;

/**
 * The wire ids of Tailor's grid objects: the identified-data-serializable factory and class ids of entry
 * processors, tasks and aggregators, and the stream serializer type ids of map values. A leaf: every class
 * that travels names its id here, and the registration ({@code io.tailor.grid.GridSerialization}) maps ids back to
 * classes, so no package needs to import the one that registers it.
 * <p>
 * Type ids are part of the wire format between members of one cluster: never reuse or renumber one.
 */
public final class TypeIds
{
    /** Factory id of Tailor's identified data serializables. */
    public static final int FACTORY_ID = 7101;

    /** {@code ApplyEventsProcessor}. */
    public static final int APPLY_EVENTS = 1;
    /** {@code SetProfileProcessor}. */
    public static final int SET_PROFILE = 2;
    /** {@code ReadProfileProcessor}. */
    public static final int READ_PROFILE = 3;
    /** {@code MergeItemStatsProcessor}. */
    public static final int MERGE_ITEM_STATS = 4;
    /** {@code MergeIfNewerProcessor}. */
    public static final int MERGE_IF_NEWER = 5;
    /** {@code PersistLocallyProcessor}. */
    public static final int PERSIST_LOCALLY = 6;
    /** {@code EraseProfileProcessor}. */
    public static final int ERASE_PROFILE = 7;
    /** {@code PurgeProfileTask}. */
    public static final int PURGE_PROFILE = 8;
    /** {@code RemoveProductProcessor}. */
    public static final int REMOVE_PRODUCT = 9;
    // 20 was the per-list impression processor, replaced by APPLY_IMPRESSIONS; ids from 20 on belong to processors
    // added since.
    /** {@code SetConsentProcessor}. */
    public static final int SET_CONSENT = 21;
    /** {@code SetPreferencesProcessor}. */
    public static final int SET_PREFERENCES = 22;
    /** {@code MergeProfileProcessor}. */
    public static final int MERGE_PROFILE = 23;
    /** {@code ForwardProfileProcessor}. */
    public static final int FORWARD_PROFILE = 24;
    /** {@code ClearPendingProcessor}. */
    public static final int CLEAR_PENDING = 25;
    /** {@code ExpireIdleProcessor}. */
    public static final int EXPIRE_IDLE = 26;
    /** {@code ClaimAliasProcessor}. */
    public static final int CLAIM_ALIAS = 27;
    /** {@code SetValueProcessor}. */
    public static final int SET_VALUE = 28;
    /** {@code EraseLinkProcessor}. */
    public static final int ERASE_LINK = 29;
    /** {@code PutSegmentProcessor}. */
    public static final int PUT_SEGMENT = 30;
    /** {@code SegmentScanAggregator}. */
    public static final int SEGMENT_SCAN_AGGREGATOR = 32;
    /** {@code SegmentScan}. */
    public static final int SEGMENT_SCAN = 33;
    /** {@code NearPurchaseAggregator}. */
    public static final int NEAR_PURCHASE_AGGREGATOR = 34;
    /** {@code NearPurchaseCandidates}. */
    public static final int NEAR_PURCHASE_CANDIDATES = 35;
    /** {@code FillReplicaProcessor}. */
    public static final int FILL_REPLICA = 36;
    /**
     * {@code ApplyImpressionsProcessor}: 85 since the records moved into one entry per partition (37 applied a
     * batch to per-shopper entries: a member of an older version refuses the new id instead of misapplying it).
     */
    public static final int APPLY_IMPRESSIONS = 85;
    /** {@code ClearImpressionsProcessor}: 86 since it names its shopper (was 38, as for 85). */
    public static final int CLEAR_IMPRESSIONS = 86;
    /** {@code ShowCatalogTask}. */
    public static final int SHOW_CATALOG = 41;
    /** {@code PutExperimentProcessor}. */
    public static final int PUT_EXPERIMENT = 42;
    /** {@code MergeArmCountsProcessor}. */
    public static final int MERGE_ARM_COUNTS = 43;
    /** {@code MergeImpressionsProcessor}: 87 since it names its shopper (was 44, as for 85). */
    public static final int MERGE_IMPRESSIONS = 87;
    /** {@code MergeCoverageProcessor}. */
    public static final int MERGE_COVERAGE = 45;
    /** {@code UpsertProductsProcessor}. */
    public static final int UPSERT_PRODUCTS = 50;
    /** {@code PutPromotionProcessor}. */
    public static final int PUT_PROMOTION = 60;
    /** {@code PutWebhookProcessor}. */
    public static final int PUT_WEBHOOK = 70;
    /** {@code EvaluateTriggersProcessor}. */
    public static final int EVALUATE_TRIGGERS = 71;
    /** {@code SettleDeliveryProcessor}. */
    public static final int SETTLE_DELIVERY = 72;
    /** {@code CancelDeliveriesProcessor}. */
    public static final int CANCEL_DELIVERIES = 73;
    /** {@code DeadLettersOf}. */
    public static final int DEAD_LETTERS_OF = 74;
    /** {@code DeliveryCountsTask}. */
    public static final int DELIVERY_COUNTS = 77;
    /** {@code ShowWebhookTask}. */
    public static final int SHOW_WEBHOOK = 78;
    /** {@code PutFeedProcessor}. */
    public static final int PUT_FEED = 75;
    /** {@code RecordFeedFetchProcessor}. */
    public static final int RECORD_FEED_FETCH = 76;
    /** {@code PartitionImpressions}: one partition's impression records. */
    public static final int PARTITION_IMPRESSIONS = 80;
    /** {@code ReadImpressionsProcessor}. */
    public static final int READ_IMPRESSIONS = 81;
    /** {@code FillImpressionsReplicaProcessor}. */
    public static final int FILL_IMPRESSIONS_REPLICA = 82;

    /** Stream serializer type id of {@code CatalogEntry}. */
    public static final int CATALOG_ENTRY_TYPE = 7101;
    /** Stream serializer type id of {@code ItemStats}. */
    public static final int ITEM_STATS_TYPE = 7102;
    /** Stream serializer type id of {@code IdentityLink}. */
    public static final int IDENTITY_LINK_TYPE = 7103;
    /** Stream serializer type id of {@code SegmentDefinition}. */
    public static final int SEGMENT_DEFINITION_TYPE = 7104;
    /** Stream serializer type id of {@code ExperimentDefinition}. */
    public static final int EXPERIMENT_DEFINITION_TYPE = 7105;
    /** Stream serializer type id of {@code ArmCounts}. */
    public static final int ARM_COUNTS_TYPE = 7106;
    /** Stream serializer type id of {@code PromotionDefinition}. */
    public static final int PROMOTION_DEFINITION_TYPE = 7110;
    /** {@code WebhookDefinition} stream serializer. */
    public static final int WEBHOOK_DEFINITION_TYPE = 7120;
    /** {@code Outbox} stream serializer. */
    public static final int WEBHOOK_OUTBOX_TYPE = 7121;
    /** Stream serializer type id of {@code FeedRecord}. */
    public static final int FEED_RECORD_TYPE = 7122;

    private TypeIds()
    {
    }
}
