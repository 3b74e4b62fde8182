package io.tailor.grid.model;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.map.IMap;
import io.tailor.grid.SharedBareMember;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.PopularityKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ItemStatsMirrorTest
{
    private static final long HALF_LIFE = 1_000L;

    @RegisterExtension
    static final SharedBareMember GRID = new SharedBareMember();

    private IMap<Long, ItemStats> map;
    private ItemStatsMirror mirror;
    private final List<Set<Long>> reads = new ArrayList<>();
    private final List<Long> readOneByOne = new ArrayList<>();

    @BeforeEach
    void listen()
    {
        final String name = ModelRefresher.ITEM_STATS_MAP + "-" + UUID.randomUUID();
        // as the node configures the map: objects, merged in place
        GRID.member().getConfig().addMapConfig(new MapConfig(name).setInMemoryFormat(InMemoryFormat.OBJECT));
        map = GRID.member().getMap(name);
        mirror = new ItemStatsMirror();
        mirror.listenTo(map);
    }

    @Test
    void shouldReadAChangedKeyOnceOnCatchUpHoweverOftenItChanged()
    {
        map.put(1L, views(1));
        map.put(1L, views(2));
        map.put(1L, views(3));
        map.put(2L, views(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 2);
        assertThat(mirror.stats(1L)).as("nothing read before the catch-up").isNull();

        assertThat(mirror.catchUp(this::partitionOf, this::read, this::readOne)).isEqualTo(2);

        assertThat(readOneByOne).as("a few keys: every read in flight at once").containsExactlyInAnyOrder(1L, 2L);
        assertThat(reads).isEmpty();
        assertThat(mirror.stats(1L).interactions()).isEqualTo(3);
        assertThat(mirror.stats(2L).interactions()).isEqualTo(5);
        assertThat(mirror.takeDirty()).isTrue();
        assertThat(mirror.catchUp(this::partitionOf, this::read, this::readOne)).as("nothing changed since").isZero();
        assertThat(readOneByOne).hasSize(2);
    }

    @Test
    void shouldHoldACopyThatAnInPlaceMergeDoesNotChangeBeforeTheNextCatchUp()
    {
        map.put(3L, views(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);

        map.executeOnKey(3L, new MergeItemStatsProcessor(Map.of(3L, views(2)), HALF_LIFE, HALF_LIFE));

        assertThat(mirror.stats(3L).interactions()).as("the mirror's copy, not the stored object").isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);
        assertThat(mirror.stats(3L).interactions()).isEqualTo(3);
    }

    @Test
    void shouldReadAWholeCatalogOfChangesOnePartitionAtATimeInBoundedChunks()
    {
        final int products = ItemStatsMirror.READ_CHUNK * 2 + 10;
        final Map<Long, ItemStats> all = new HashMap<>();
        for (long key = 1; key <= products; key++)
        {
            all.put(key, views(1));
        }
        // and more than a chunk in one partition
        final int crowded = partitionOf(1L);
        long key = products;
        for (int extra = 0; extra < ItemStatsMirror.READ_CHUNK; key++)
        {
            if (partitionOf(key + 1) == crowded)
            {
                all.put(key + 1, views(1));
                extra++;
            }
        }
        map.putAll(all);
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.pending() == all.size());

        assertThat(mirror.catchUp(this::partitionOf, this::read, this::readOne)).isEqualTo(all.size());

        // Each read asks one partition: a read over several makes every partition's operation hash all its keys.
        assertThat(reads).allSatisfy(keys ->
        {
            assertThat(keys).hasSizeLessThanOrEqualTo(ItemStatsMirror.READ_CHUNK);
            assertThat(keys.stream().mapToInt(this::partitionOf).distinct().count()).isEqualTo(1);
        });
        assertThat(reads.stream().mapToInt(Set::size).sum()).as("every key read once").isEqualTo(all.size());
        assertThat(reads.stream().filter(keys -> partitionOf(keys.iterator().next()) == crowded)).hasSize(2);
        // in partition order
        assertThat(reads.stream().mapToInt(keys -> partitionOf(keys.iterator().next()))).isSorted();
        assertThat(mirror.size()).isEqualTo(all.size());
    }

    @Test
    void shouldDropAProductRemovedFromTheMap()
    {
        map.put(1L, views(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);
        assertThat(mirror.size()).isEqualTo(1);

        map.remove(1L);
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);

        assertThat(mirror.stats(1L)).isNull();
        assertThat(mirror.size()).isZero();
    }

    @Test
    void shouldKeepTheKeysOfAFailedReadForTheNextCatchUp()
    {
        map.put(7L, views(4));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);

        assertThatThrownBy(() -> mirror.catchUp(this::partitionOf, this::read,
            key -> CompletableFuture.failedFuture(new IllegalStateException("partition migrating"))))
            .isInstanceOf(IllegalStateException.class);
        assertThat(mirror.pending()).isEqualTo(1);
        assertThatThrownBy(() -> mirror.catchUp(this::partitionOf, this::read, key ->
        {
            throw new IllegalStateException("member shutting down");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(mirror.pending()).isEqualTo(1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);
        assertThat(mirror.stats(7L).interactions()).isEqualTo(4);
    }

    @Test
    void shouldKeepTheKeysOfAFailedPartitionReadForTheNextCatchUp()
    {
        final Map<Long, ItemStats> all = new HashMap<>();
        for (long key = 1; key <= ItemStatsMirror.READS_AT_ONCE + 1; key++)
        {
            all.put(key, views(1));
        }
        map.putAll(all);
        await().atMost(Duration.ofSeconds(10)).until(() -> mirror.pending() == all.size());

        assertThatThrownBy(() -> mirror.catchUp(this::partitionOf, keys ->
        {
            throw new IllegalStateException("partition migrating");
        }, this::readOne)).isInstanceOf(IllegalStateException.class);

        assertThat(readOneByOne).as("too many keys to read one by one").isEmpty();
        assertThat(mirror.pending()).isEqualTo(all.size());
        assertThat(mirror.catchUp(this::partitionOf, this::read, this::readOne)).isEqualTo(all.size());
        assertThat(mirror.size()).isEqualTo(all.size());
    }

    @Test
    void shouldTellAChangeInExposureAloneFromAChangeThatNeedsARebuild()
    {
        map.put(1L, views(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);
        mirror.takeDirty();
        mirror.takeExposureChanged();

        // impressions merged into a product with stats, and a new arrival's first impressions
        map.executeOnKey(1L, new MergeItemStatsProcessor(Map.of(1L, shown(3)), HALF_LIFE, HALF_LIFE));
        map.executeOnKey(2L, new MergeItemStatsProcessor(Map.of(2L, shown(1)), HALF_LIFE, HALF_LIFE));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 2);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);

        assertThat(mirror.takeDirty()).as("exposure alone: no rebuild").isFalse();
        assertThat(mirror.takeExposureChanged()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(mirror.takeExposureChanged()).as("taken").isEmpty();
        assertThat(mirror.stats(1L).exposure().shown()).isEqualTo(3.0);

        // a view merged with impressions: a popularity change
        map.executeOnKey(2L, new MergeItemStatsProcessor(Map.of(2L, views(1).addShown(1, 1_000L)), HALF_LIFE,
            HALF_LIFE));
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);

        assertThat(mirror.takeDirty()).isTrue();
        assertThat(mirror.takeExposureChanged()).isEmpty();

        // a product gone from the map
        map.remove(1L);
        await().atMost(Duration.ofSeconds(5)).until(() -> mirror.pending() == 1);
        mirror.catchUp(this::partitionOf, this::read, this::readOne);

        assertThat(mirror.takeDirty()).isTrue();
        assertThat(mirror.takeExposureChanged()).isEmpty();
    }

    private int partitionOf(final Long key)
    {
        return GRID.member().getPartitionService().getPartition(key).getPartitionId();
    }

    private CompletionStage<ItemStats> readOne(final Long key)
    {
        readOneByOne.add(key);
        return map.getAsync(key);
    }

    private Map<Long, ItemStats> read(final Set<Long> keys)
    {
        reads.add(Set.copyOf(keys));
        return map.getAll(keys);
    }

    private static ItemStats views(final int count)
    {
        final ItemStats stats = new ItemStats();
        for (int i = 0; i < count; i++)
        {
            stats.add(PopularityKind.VIEW, 1, 1_000L, HALF_LIFE);
        }
        return stats;
    }

    private static ItemStats shown(final int lists)
    {
        return new ItemStats().addShown(lists, 1_000L);
    }
}
