package io.tailor.grid.profile;

import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.bits;
import static io.tailor.grid.ProcessorFixtures.context;
import static io.tailor.grid.ProcessorFixtures.decode;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.instanceWith;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class ApplyEventsProcessorTest
{
    private static final long DAY = 86_400_000L;
    private static final long WEEK = 7 * DAY;

    private final MemberContext context = context();

    @Test
    void shouldApplyNewEventsAndStoreTheProfileInTheEntryAndTheOwnerReplica()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        final Object result = run(new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW),
            view("e2", "alice", "run-2", NOW + 1))), entry);

        assertThat((int[])result).as("two applied, each flagged").containsExactly(2, 0, 1, 1);
        final Profile profile = decode(entry.getValue());
        assertThat(profile.recentIndexOf(Hashing.key("run-1"))).isNotNegative();
        assertThat(profile.recentIndexOf(Hashing.key("run-2"))).isNotNegative();
        assertThat(context.replica().lookup("alice")).isSameAs(entry.getValue());
    }

    @Test
    void shouldCountAnEventSeenBeforeAsDuplicateAndWriteNothing()
    {
        final byte[] stored = profileWith(view("e1", "alice", "run-1", NOW));
        final Map.Entry<String, byte[]> entry = entry("alice", stored);
        final ApplyEventsProcessor processor = new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW)));

        final Object result = run(processor, entry);

        assertThat((int[])result).as("a duplicate, not flagged").containsExactly(0, 1, 0);
        assertThat(entry.getValue()).isSameAs(stored);
        assertThat(processor.getBackupProcessor()).isNull();
        assertThat(context.replica().lookup("alice")).isNull();
    }

    @Test
    void shouldSendTheBackupTheBytesItWrote()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);
        final ApplyEventsProcessor processor = new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW)));
        run(processor, entry);

        final Map.Entry<String, byte[]> backup = entry("alice", null);
        processor.getBackupProcessor().process(backup);

        assertThat(backup.getValue()).isEqualTo(entry.getValue());
    }

    @Test
    void shouldAnswerTheTargetOfAForwardRecordAndLeaveItAlone()
    {
        final byte[] forward = ForwardRecord.encode(3, NOW, "bob", null);
        final Map.Entry<String, byte[]> entry = entry("anon-1", forward);

        final Object result = run(new ApplyEventsProcessor(List.of(view("e1", "anon-1", "run-1", NOW))), entry);

        assertThat(result).isEqualTo("bob");
        assertThat(entry.getValue()).isSameAs(forward);
    }

    @Test
    void shouldFlagAClickOncePerServedListAndProductWhateverItsEventId()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        final Object result = run(new ApplyEventsProcessor(List.of(click("c1", "run-1", "list-1"),
            click("c2", "run-1", "list-1"), click("c3", "run-2", "list-1"), click("c4", "run-1", "list-2"),
            click("c5", "run-1", null))), entry);

        assertThat((int[])result).as("every click applied; the second on run-1 from list-1 not credited")
            .containsExactly(5, 0, 1, 0, 1, 1, 1);
    }

    private static Event click(final String id, final String product, final String requestId)
    {
        return new Event(id, EventType.CLICK, "alice", null, product, List.of(), Double.NaN, NOW, Channel.WEB, null,
            requestId);
    }

    @Test
    void shouldGiveANewProfileTheAssignmentBucketOfItsKey()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        run(new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW))), entry);

        final int flags = decode(entry.getValue()).flags();
        assertThat(ProfileFlags.assigned(flags)).isTrue();
        assertThat(ProfileFlags.assignmentBucket(flags, 0)).isEqualTo(ProfileFlags.bucketOf(Hashing.key("alice")));
    }

    @Test
    void shouldContinueTheVersionsOfAnErasedProfile()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", TombstoneRecord.encode(41, NOW));

        run(new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW + 1))), entry);

        assertThat(ProfileCodec.isProfile(entry.getValue())).isTrue();
        assertThat(ProfileCodec.version(entry.getValue())).isGreaterThan(41);
    }

    @Test
    void shouldHandTheItemSignalsOfAppliedEventsToTheAggregator()
    {
        run(new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW))), entry("alice", null));

        assertThat(context.signals().drain()).isPositive();
    }

    @Test
    void shouldApplyTheSameEventsAfterCrossingTheWire()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        final Object result = run(roundTrip(new ApplyEventsProcessor(List.of(view("e1", "alice", "run-1", NOW)))),
            entry);

        assertThat((int[])result).containsExactly(1, 0, 1);
        assertThat(decode(entry.getValue()).seen(Hashing.key("e1"))).isTrue();
    }

    @Test
    void shouldCreditAPurchaseWithoutRequestIdToTheNewestListThatShowedOneOfItsProducts()
    {
        final ImpressionRecord shown = new ImpressionRecord().decode(null);
        final int home = ImpressionRecord.tag(0, 1, true);
        final int cart = ImpressionRecord.tag(2, 0, false);
        shown.apply(Hashing.key("list-1"), new long[] {Hashing.key("run-1"), Hashing.key("run-2")}, 2, NOW - 60_000,
            DAY, home, "tailor".hashCode(), WEEK);
        shown.apply(Hashing.key("list-2"), new long[] {Hashing.key("run-2")}, 1, NOW - 30_000, DAY, cart, 0, WEEK);
        context.replica().putImpressions("alice", shown.encode());
        final Map.Entry<String, byte[]> entry = entry("alice", profileWith(view("e0", "alice", "run-9", NOW - DAY)));
        final List<Event> events = List.of(
            purchase("p1", List.of(new LineItem("run-1", 2, 10.0), new LineItem("run-7", 1, 99.0))),
            view("e1", "alice", "run-3", NOW),
            purchase("p2", List.of(new LineItem("run-8", 1, 5.0))),
            purchase("p3", List.of(new LineItem("run-1", 1, 10.0), new LineItem("run-2", 3, 1.0))));

        final int[] result = (int[])run(new ApplyEventsProcessor(events), entry);
        final ProfileStore.Applied applied = ProfileStore.Applied.of(result, events.size());

        assertThat(applied.accepted()).isEqualTo(4);
        assertThat(applied.credited()).as("credited by request id: none of these purchases")
            .isEqualTo(bits(1, 2));
        assertThat(applied.shown()).containsExactly(
            new ProfileStore.Shown(0, NOW - 60_000, home, "tailor".hashCode(), 20.0, Hashing.key("alice")),
            new ProfileStore.Shown(3, NOW - 30_000, cart, 0, 3.0, Hashing.key("alice")));
    }

    @Test
    void shouldCreditNothingByWhatListsShowedWhenTheReplicaHasNoRecord()
    {
        final Map.Entry<String, byte[]> entry = entry("alice", null);

        final int[] result = (int[])run(new ApplyEventsProcessor(List.of(purchase("p1",
            List.of(new LineItem("run-1", 1, 10.0))))), entry);

        assertThat(result).containsExactly(1, 0, 1);
    }

    private static Event purchase(final String id, final List<LineItem> items)
    {
        return new Event(id, EventType.PURCHASE, "alice", null, null, items, Double.NaN, NOW, Channel.STORE,
            "berlin-1", null);
    }

    private Object run(final ApplyEventsProcessor processor, final Map.Entry<String, byte[]> entry)
    {
        processor.setHazelcastInstance(instanceWith(context));
        return processor.process(entry);
    }
}
