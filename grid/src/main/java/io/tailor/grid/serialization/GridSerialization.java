package io.tailor.grid.serialization;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.model.MergeItemStatsProcessor;
import io.tailor.grid.profile.ApplyEventsProcessor;
import io.tailor.grid.profile.ReadProfileProcessor;
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
                default -> throw new IllegalArgumentException("unknown Tailor type id " + typeId);
            };
        }
    }
}
