package io.tailor.grid.serialization;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.RemoveProductProcessor;
import io.tailor.grid.model.MergeItemStatsProcessor;
import io.tailor.grid.persist.MergeIfNewerProcessor;
import io.tailor.grid.persist.PersistLocallyProcessor;
import io.tailor.grid.persist.PurgeProfileTask;
import io.tailor.grid.profile.ApplyEventsProcessor;
import io.tailor.grid.profile.EraseProfileProcessor;
import io.tailor.grid.profile.ReadProfileProcessor;
import io.tailor.grid.profile.RecordImpressionsProcessor;
import io.tailor.grid.profile.SetProfileProcessor;
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
    /** {@link io.tailor.grid.profile.RecordImpressionsProcessor}; 20 and up for the read path's processors. */
    public static final int RECORD_IMPRESSIONS = 20;

    /** Stream serializer type id of {@link CatalogEntry}. */
    public static final int CATALOG_ENTRY_TYPE = 7101;
    /** Stream serializer type id of {@link ItemStats}. */
    public static final int ITEM_STATS_TYPE = 7102;

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
                default -> throw new IllegalArgumentException("unknown Tailor type id " + typeId);
            };
        }
    }
}
