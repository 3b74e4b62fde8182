package io.tailor.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.tailor.grid.model.ItemModelHolder;
import io.tailor.grid.model.ItemSignalAggregator;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.grid.profile.MemberContext;
import io.tailor.grid.profile.ProfileReplica;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileMerger;
import io.tailor.scoring.profile.ProfileUpdater;

import java.lang.reflect.Proxy;
import java.util.AbstractMap;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member for entry processors without a cluster: Hazelcast runs a processor by calling
 * {@code process(Map.Entry)} on the key's owner, after handing it the instance whose user context holds the
 * {@link MemberContext}. These fixtures give a processor the same: a context whose owner replica has one partition,
 * owned here; an instance that answers only {@code getUserContext()}; an entry; and the trip over the wire
 * through Tailor's registered serializers.
 */
public final class ProcessorFixtures
{
    /** Vector dimension of the fixtures' profiles and model. */
    public static final int DIMENSIONS = 8;
    /** A fixed time, epoch milliseconds. */
    public static final long NOW = 1_750_000_000_000L;

    private static final SerializationService WIRE = new DefaultSerializationServiceBuilder()
        .setConfig(GridSerialization.register(new SerializationConfig()))
        .build();

    private ProcessorFixtures()
    {
    }

    /**
     * A member context without data files.
     *
     * @return the context.
     */
    public static MemberContext context()
    {
        return context(null);
    }

    /**
     * A member context whose owner replica answers for every key (one partition, owned by this member).
     *
     * @param files the member's data files, or {@code null}.
     * @return the context.
     */
    public static MemberContext context(final MemberFiles files)
    {
        final ProfileReplica replica = new ProfileReplica(1);
        replica.attach(onePartitionOwnedHere());
        return new MemberContext(new ItemModelHolder(DIMENSIONS, ModelSettings.DEFAULT), replica,
            new ItemSignalAggregator(64 * 1024, ModelSettings.DEFAULT), new ProfileUpdater(ProfileSettings.DEFAULT),
            new ProfileMerger(ProfileSettings.DEFAULT), DIMENSIONS, files);
    }

    /**
     * An instance whose user context holds the member context, as a member's does.
     *
     * @param context the member context.
     * @return an instance that answers {@code getUserContext()} only.
     */
    public static HazelcastInstance instanceWith(final MemberContext context)
    {
        final ConcurrentHashMap<String, Object> user = new ConcurrentHashMap<>();
        user.put(MemberContext.KEY, context);
        return fake(HazelcastInstance.class, Map.of("getUserContext", user));
    }

    /**
     * An entry of a map, as a processor sees it.
     *
     * @param key   the key.
     * @param value the value, or {@code null} when there is none.
     * @param <K>   key type.
     * @param <V>   value type.
     * @return a mutable entry.
     */
    public static <K, V> Map.Entry<K, V> entry(final K key, final V value)
    {
        return new AbstractMap.SimpleEntry<>(key, value);
    }

    /**
     * The object after a trip to another member: written and read by the serializers Tailor registers.
     *
     * @param object the object.
     * @param <T>    its type.
     * @return the copy read back.
     */
    public static <T> T roundTrip(final T object)
    {
        return WIRE.toObject(WIRE.toData(object));
    }

    /**
     * A view event of a known shopper.
     *
     * @param id      event id.
     * @param user    shopper.
     * @param product product.
     * @param atMs    when.
     * @return the event.
     */
    public static Event view(final String id, final String user, final String product, final long atMs)
    {
        return new Event(id, EventType.VIEW, user, null, product, List.of(), Double.NaN, atMs, Channel.WEB, null,
            null);
    }

    /**
     * The record of a profile that has seen the given events.
     *
     * @param events the events.
     * @return the encoded profile.
     */
    public static byte[] profileWith(final Event... events)
    {
        final Profile profile = new Profile(DIMENSIONS);
        final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
        final ItemModelHolder models = new ItemModelHolder(DIMENSIONS, ModelSettings.DEFAULT);
        for (final Event event : events)
        {
            updater.apply(profile, event, models.current().catalog(), ItemSignalHandler.NONE);
        }
        return ProfileCodec.encode(profile);
    }

    /**
     * The decoded form of a profile record.
     *
     * @param bytes the record.
     * @return the profile.
     */
    public static Profile decode(final byte[] bytes)
    {
        return ProfileCodec.decode(bytes, new Profile(DIMENSIONS));
    }

    /**
     * A member context of a member that holds the one partition's backup, not its primary: what a backup
     * processor finds.
     *
     * @return the context.
     */
    public static MemberContext backupContext()
    {
        final ProfileReplica replica = new ProfileReplica(1);
        replica.attach(onePartition(false));
        return new MemberContext(new ItemModelHolder(DIMENSIONS, ModelSettings.DEFAULT), replica,
            new ItemSignalAggregator(64 * 1024, ModelSettings.DEFAULT), new ProfileUpdater(ProfileSettings.DEFAULT),
            new ProfileMerger(ProfileSettings.DEFAULT), DIMENSIONS, null);
    }

    private static PartitionService onePartitionOwnedHere()
    {
        return onePartition(true);
    }

    private static PartitionService onePartition(final boolean ownedHere)
    {
        final Member here = fake(Member.class, Map.of("localMember", ownedHere));
        final Partition partition = fake(Partition.class, Map.of("getPartitionId", 0, "getOwner", here));
        return fake(PartitionService.class, Map.of("getPartitions", Set.of(partition), "getPartition", partition));
    }

    /**
     * An interface answering the named methods with fixed values and refusing every other.
     */
    private static <T> T fake(final Class<T> type, final Map<String, Object> answers)
    {
        return type.cast(Proxy.newProxyInstance(ProcessorFixtures.class.getClassLoader(), new Class<?>[] {type},
            (proxy, method, args) -> switch (method.getName())
            {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "fake " + type.getSimpleName();
                default ->
                {
                    if (!answers.containsKey(method.getName()))
                    {
                        throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                    }
                    yield answers.get(method.getName());
                }
            }));
    }

    /**
     * A set of indexes, as {@code ProfileStore.Applied} names the events it credits.
     *
     * @param indexes the indexes.
     * @return the set.
     */
    public static BitSet bits(final int... indexes)
    {
        final BitSet bits = new BitSet();
        for (final int index : indexes)
        {
            bits.set(index);
        }
        return bits;
    }
}
