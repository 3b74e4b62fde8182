package io.tailor.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridSerializationTest
{
    private final SerializationConfig config = GridSerialization.register(new SerializationConfig());
    private final DataSerializableFactory factory = config.getDataSerializableFactories().get(TypeIds.FACTORY_ID);

    @Test
    void shouldCreateForEveryClassIdAnObjectThatNamesTheSameIds() throws IllegalAccessException
    {
        final List<Integer> classIds = classIds();
        assertThat(classIds).hasSizeGreaterThanOrEqualTo(24);

        for (final int id : classIds)
        {
            final IdentifiedDataSerializable created = factory.create(id);
            assertThat(created.getClassId()).as("class id %d", id).isEqualTo(id);
            assertThat(created.getFactoryId()).as("factory of class id %d", id).isEqualTo(TypeIds.FACTORY_ID);
        }
    }

    @Test
    void shouldNeverGiveTwoClassesOneId() throws IllegalAccessException
    {
        final List<Integer> classIds = classIds();
        final Set<Class<?>> classes = new HashSet<>();
        for (final int id : classIds)
        {
            classes.add(factory.create(id).getClass());
        }

        assertThat(new HashSet<>(classIds)).hasSameSizeAs(classIds);
        assertThat(classes).hasSameSizeAs(classIds);
    }

    @Test
    void shouldRefuseAnUnknownClassId()
    {
        assertThatThrownBy(() -> factory.create(999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRegisterAStreamSerializerForEveryStoredValueType() throws IllegalAccessException
    {
        final Set<Integer> typeIds = new HashSet<>();
        for (final Field field : TypeIds.class.getFields())
        {
            if (field.getName().endsWith("_TYPE"))
            {
                typeIds.add(field.getInt(null));
            }
        }

        assertThat(config.getSerializerConfigs()).hasSize(typeIds.size())
            .allSatisfy(serializer -> assertThat(typeIds)
                .contains(((StreamSerializer<?>)serializer.getImplementation()).getTypeId()));
    }

    /** Every class id in {@link TypeIds}: its int constants but the factory id and the stream type ids. */
    private static List<Integer> classIds() throws IllegalAccessException
    {
        final List<Integer> ids = new ArrayList<>();
        for (final Field field : TypeIds.class.getFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class &&
                !field.getName().equals("FACTORY_ID") && !field.getName().endsWith("_TYPE"))
            {
                ids.add(field.getInt(null));
            }
        }
        return ids;
    }
}
