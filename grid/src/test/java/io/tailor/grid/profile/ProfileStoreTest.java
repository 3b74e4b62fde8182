package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.tailor.grid.ProcessorFixtures.bits;
import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.decode;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's calls on a lone member with data files: each goes to the key's owner as one entry processor.
 */
class ProfileStoreTest
{
    @TempDir
    static Path dir;

    private static HazelcastInstance hazelcast;
    private static MemberFiles files;
    private static ProfileStore store;

    @BeforeAll
    static void startMember()
    {
        files = MemberFiles.open(dir, 10_000, false);
        hazelcast = GridFixtures.bareMember(files, true);
        final ProfileReplica replica = GridFixtures.contextOf(hazelcast).replica();
        store = new ProfileStore(hazelcast.getMap(ProfileStore.MAP_NAME), replica,
            new ImpressionStore(hazelcast.getMap(ImpressionStore.MAP_NAME), replica, hazelcast.getPartitionService(),
                new BackgroundErrors(), 1 << 16), hazelcast.getExecutorService("tailor-admin"));
    }

    @AfterAll
    static void stopMember()
    {
        hazelcast.getLifecycleService().terminate();
        files.close();
    }

    @Test
    void shouldApplyEventsOnTheOwnerAndServeTheProfileFromTheOwnerReplica() throws Exception
    {
        final String alice = shopper();

        final ProfileStore.Applied counts = await(store.apply(alice, List.of(view("e1", alice, "run-1", NOW),
            view("e1", alice, "run-1", NOW))));

        assertThat(counts).as("the second e1 is a duplicate").isEqualTo(new ProfileStore.Applied(1, 1, bits(0)));
        final byte[] read = await(store.read(alice));
        assertThat(decode(read).recentIndexOf(Hashing.key("run-1"))).isNotNegative();
        assertThat(store.local(alice)).isEqualTo(read);
    }

    @Test
    void shouldFollowAForwardRecordToTheCustomer() throws Exception
    {
        final String anonymous = shopper();
        final String customer = shopper();
        await(store.apply(anonymous, List.of(view("e1", null, "book-1", NOW))));

        final byte[] pending = await(store.forward(anonymous, customer, NOW + 1));
        assertThat(await(store.merge(customer, pending, Hashing.key(anonymous), NOW + 1))).isTrue();
        final ProfileStore.Applied counts = await(store.apply(anonymous, List.of(view("e2", null, "run-1", NOW + 2))));

        assertThat(counts).isEqualTo(new ProfileStore.Applied(1, 0, bits(0)));
        assertThat(await(store.resolve(anonymous))).isEqualTo(customer);
        final byte[] read = await(store.read(anonymous));
        assertThat(decode(read).recentIndexOf(Hashing.key("book-1"))).isNotNegative();
        assertThat(decode(read).recentIndexOf(Hashing.key("run-1"))).isNotNegative();
        assertThat(await(store.resolve(customer))).isEqualTo(customer);
    }

    @Test
    void shouldApplyABatchOfShoppersInOneCallFollowingALinkedIdToItsCustomer() throws Exception
    {
        final String anonymous = shopper();
        final String customer = shopper();
        final String alice = shopper();
        await(store.apply(anonymous, List.of(view("e1", null, "book-1", NOW))));
        final byte[] pending = await(store.forward(anonymous, customer, NOW + 1));
        assertThat(await(store.merge(customer, pending, Hashing.key(anonymous), NOW + 1))).isTrue();
        final AtomicInteger deliveries = new AtomicInteger();
        final ExecutorService caller = Executors.newSingleThreadExecutor();

        final ProfileStore.AppliedEach each;
        try
        {
            each = await(store.applyAll(List.of(anonymous, alice),
                List.of(List.of(view("e2", null, "run-1", NOW + 2)),
                    List.of(view("e3", alice, "run-1", NOW + 2), view("e3", alice, "run-1", NOW + 2))),
                task ->
                {
                    deliveries.incrementAndGet();
                    caller.execute(task);
                }));
        }
        finally
        {
            caller.shutdown();
        }

        assertThat(each.failures()).containsOnlyNulls();
        assertThat(each.applied()).containsExactly(new ProfileStore.Applied(1, 0, bits(0)),
            new ProfileStore.Applied(1, 1, bits(0)));
        final byte[] merged = await(store.read(customer));
        assertThat(decode(merged).recentIndexOf(Hashing.key("run-1"))).as("the linked id's event reached the customer")
            .isNotNegative();
        assertThat(decode(await(store.read(alice))).recentIndexOf(Hashing.key("run-1"))).isNotNegative();
        assertThat(deliveries).as("one delivery for the batch, one for the followed forward record").hasValue(2);
    }

    @Test
    void shouldRecordConsentAndPreferences() throws Exception
    {
        final String alice = shopper();

        final ProfileStore.ConsentChange consent = await(store.setConsent(alice, null, true, NOW));
        final boolean stated = await(store.setPreferences(alice, new long[0], new long[0], new String[] {"42"},
            new long[0], NOW + 1));

        assertThat(ProfileFlags.marketing(consent.flags())).isTrue();
        assertThat(stated).isTrue();
        assertThat(decode(await(store.read(alice))).preferences().size(0)).isEqualTo("42");
    }

    @Test
    void shouldEraseInTheGridAndInEveryMembersFiles() throws Exception
    {
        final String alice = shopper();
        await(store.apply(alice, List.of(view("e1", alice, "run-1", NOW))));
        assertThat(files.profiles().get(alice)).as("written through").isNotNull();

        final long version = await(store.erase(alice, NOW + 1));

        assertThat(version).isPositive();
        assertThat(await(store.read(alice))).satisfiesAnyOf(
            bytes -> assertThat(bytes).isNull(),
            bytes -> assertThat(TombstoneRecord.isTombstone(bytes)).isTrue());
        assertThat(store.local(alice)).isNull();
        final byte[] onDisk = files.profiles().get(alice);
        assertThat(onDisk == null || TombstoneRecord.isTombstone(onDisk)).isTrue();
        assertThat(await(store.erase(alice, NOW + 2))).as("nothing left to erase").isZero();
    }

    @Test
    void shouldCountEveryRecord() throws Exception
    {
        final int before = store.size();
        await(store.apply(shopper(), List.of(view("e1", null, "run-1", NOW))));

        assertThat(store.size()).isEqualTo(before + 1);
    }

    private static String shopper()
    {
        return "u:" + UUID.randomUUID();
    }

    private static <T> T await(final CompletionStage<T> stage) throws Exception
    {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
