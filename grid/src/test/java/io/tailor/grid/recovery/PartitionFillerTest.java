package io.tailor.grid.recovery;

import com.hazelcast.core.HazelcastInstance;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.identity.IdentityStore;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.promotion.PromotionStore;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.segment.SegmentStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.ItemStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The filler on a lone member whose maps do not write through: what it owns reaches its files only by filling.
 */
class PartitionFillerTest
{
    @TempDir
    Path dir;

    private MemberFiles files;
    private HazelcastInstance hazelcast;
    private PartitionFiller filler;
    private int partitions;

    @BeforeEach
    void startMember()
    {
        files = MemberFiles.open(dir, 10_000, false);
        hazelcast = GridFixtures.bareMember(files, false);
        partitions = hazelcast.getPartitionService().getPartitions().size();
        filler = new PartitionFiller(hazelcast, new BackgroundErrors());
    }

    @AfterEach
    void stopMember()
    {
        filler.close();
        hazelcast.getLifecycleService().terminate();
        files.close();
    }

    @Test
    void shouldWriteEveryEntryOfEveryMapThisMemberOwnsToItsFiles()
    {
        final byte[] profile = profileWith(view("e1", "alice", "run-1", NOW));
        hazelcast.getMap(ProfileStore.MAP_NAME).put("alice", profile);
        hazelcast.getMap(CatalogStore.MAP_NAME).put("run-1", new CatalogEntry(new Product("run-1", "Runner",
            "apparel/shoes/running", "Swift", 80, Map.of(), true, NOW, false, null), 3));
        hazelcast.getMap(ModelRefresher.ITEM_STATS_MAP).put(7L, new ItemStats(1, 0, 0, NOW, 1));
        hazelcast.getMap(IdentityStore.MAP_NAME).put("anon-1", new IdentityLink("alice", 1, NOW));
        hazelcast.getMap(SegmentStore.MAP_NAME).put("big", new SegmentDefinition("{}", 1, NOW, NOW));
        hazelcast.getMap(PromotionStore.MAP_NAME).put("winter", new PromotionDefinition("{}", 1, NOW, NOW));
        assertThat(files.profiles().size()).as("nothing on disk before filling").isZero();

        filler.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> filler.filledPartitions() == partitions);
        assertThat(files.profiles().get("alice")).isEqualTo(profile);
        assertThat(files.catalog().get("run-1")).isNotNull();
        assertThat(files.itemStats().get(7L)).isNotNull();
        assertThat(IdentityLink.decode(files.identities().get("anon-1")).user()).isEqualTo("alice");
        assertThat(SegmentDefinition.decode(files.segments().get("big")).json()).isEqualTo("{}");
        assertThat(PromotionDefinition.decode(files.promotions().get("winter")).json()).isEqualTo("{}");
        assertThat(filler.lagMs()).isZero();
    }

    @Test
    void shouldFillAPartitionOnlyWhenThisMemberBecomesItsOwner()
    {
        filler.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> filler.filledPartitions() == partitions);
        hazelcast.getMap(ProfileStore.MAP_NAME).put("bob", profileWith(view("e1", "bob", "run-1", NOW)));

        filler.memberRemoved(null);
        filler.migrationFinished(null);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
            .until(() -> filler.filledPartitions() == partitions);
        assertThat(files.profiles().get("bob")).as("written by the map store's job, not the filler's").isNull();
    }

    @Test
    void shouldHaveNothingWaitingBeforeItStarts()
    {
        assertThat(filler.lagMs()).isZero();
        assertThat(filler.filledPartitions()).isZero();
        assertThat(List.of(files.profiles().size(), files.catalog().size())).containsOnly(0L);
    }
}
