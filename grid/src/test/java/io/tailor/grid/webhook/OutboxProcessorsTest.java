package io.tailor.grid.webhook;

import com.hazelcast.core.HazelcastInstance;
import io.tailor.grid.ProcessorFixtures;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's processors decide each transition once, with one event id, keep a webhook's deliveries to a customer
 * in order, settle an attempt once, and cancel everything on erasure; the backup gets the owner's outbox.
 */
class OutboxProcessorsTest
{
    private static final String IN_VIP = Outbox.token("crm", "segment:vip");

    @Test
    void shouldTurnEachTransitionIntoOneDeliveryAndNothingWhenMembershipsDidNotChange()
    {
        final Watched watched = new Watched();
        final Map.Entry<String, Outbox> entry = entry("u:alice", null);

        watched.in.add(IN_VIP);
        assertThat(evaluate(watched, entry, NOW)).isEqualTo(1);
        assertThat(evaluate(watched, entry, NOW + 1)).as("no change, no delivery").isZero();
        watched.in.clear();
        assertThat(evaluate(watched, entry, NOW + 2)).isEqualTo(1);

        final List<Outbox.Delivery> pending = entry.getValue().pending();
        assertThat(pending).extracting(Outbox.Delivery::type).containsExactly("segment.entered", "segment.left");
        assertThat(pending).extracting(Outbox.Delivery::subject).containsOnly("vip");
        assertThat(pending.get(0).eventId()).isNotEqualTo(pending.get(1).eventId());
        assertThat(entry.getValue().heads()).as("the leaving waits for the entry").containsExactly(pending.get(0));
        assertThat(entry.getValue().memberships()).isEmpty();
    }

    @Test
    void shouldKeepAMembershipItCannotDecideSoTheDefinitionsArrivalSendsNoSecondEntry()
    {
        final Watched watched = new Watched();
        final Map.Entry<String, Outbox> entry = entry("u:alice", null);
        watched.in.add(IN_VIP);
        assertThat(evaluate(watched, entry, NOW)).isEqualTo(1);

        // A full restart: this member evaluates before the segment's definition is loaded here.
        watched.in.clear();
        watched.undecided.add(IN_VIP);
        assertThat(evaluate(watched, entry, NOW + 1)).as("no segment.left for a segment unknown here").isZero();
        assertThat(entry.getValue().memberships()).containsExactly(IN_VIP);

        watched.undecided.clear();
        watched.in.add(IN_VIP);
        assertThat(evaluate(watched, entry, NOW + 2)).as("no second segment.entered").isZero();
        watched.in.clear();
        assertThat(evaluate(watched, entry, NOW + 3)).as("a decided leaving is one").isEqualTo(1);
        assertThat(entry.getValue().pending()).extracting(Outbox.Delivery::type)
            .containsExactly("segment.entered", "segment.left");
    }

    @Test
    void shouldGiveTheBackupTheOwnersOutboxNotASecondDecision()
    {
        final Watched watched = new Watched();
        watched.in.add(IN_VIP);
        final Map.Entry<String, Outbox> entry = entry("u:alice", null);
        final EvaluateTriggersProcessor processor = processor(watched, NOW);
        processor.process(entry);

        final Map.Entry<String, Outbox> backup = entry("u:alice", null);
        processor.getBackupProcessor().process(backup);

        assertThat(backup.getValue()).isSameAs(entry.getValue());
    }

    @Test
    void shouldSettleAnAttemptOnceAndMoveAFailureAtTheHorizonToTheDeadLetters()
    {
        final Watched watched = new Watched();
        watched.in.add(IN_VIP);
        watched.in.add(Outbox.token("crm", "segment:gold"));
        final Map.Entry<String, Outbox> entry = entry("u:alice", null);
        evaluate(watched, entry, NOW);
        final List<Outbox.Delivery> pending = entry.getValue().pending();
        final String first = pending.get(0).eventId();

        assertThat(roundTrip(new SettleDeliveryProcessor(first, SettleDeliveryProcessor.Outcome.RETRY, NOW + 50,
            "HTTP 500")).process(entry)).isTrue();
        assertThat(entry.getValue().pending().get(0).attempts()).isEqualTo(1);
        assertThat(entry.getValue().pending().get(0).nextAttemptMs()).isEqualTo(NOW + 50);
        assertThat(new SettleDeliveryProcessor(first, SettleDeliveryProcessor.Outcome.DEAD, NOW + 99, "HTTP 500")
            .process(entry)).isTrue();
        assertThat(new SettleDeliveryProcessor(first, SettleDeliveryProcessor.Outcome.DELIVERED, 0, "")
            .process(entry)).as("settled already").isFalse();

        assertThat(entry.getValue().dead()).extracting(Outbox.Delivery::eventId).containsExactly(first);
        assertThat(entry.getValue().dead().get(0).attempts()).isEqualTo(2);
        assertThat(entry.getValue().heads()).extracting(Outbox.Delivery::eventId)
            .containsExactly(pending.get(1).eventId());
    }

    @Test
    void shouldCancelEverythingOnErasureWithAHigherVersion()
    {
        final Watched watched = new Watched();
        watched.in.add(IN_VIP);
        final Map.Entry<String, Outbox> entry = entry("u:alice", null);
        evaluate(watched, entry, NOW);
        final long version = entry.getValue().version();

        assertThat(roundTrip(new CancelDeliveriesProcessor()).process(entry)).isEqualTo(1);

        assertThat(entry.getValue().pending()).isEmpty();
        assertThat(entry.getValue().memberships()).isEmpty();
        assertThat(entry.getValue().version()).isGreaterThan(version);
    }

    @Test
    void shouldReadItsBinaryFormBack()
    {
        final Outbox outbox = new Outbox(7, Set.of(IN_VIP), List.of(new Outbox.Delivery("e1", "crm",
            "segment.entered", "vip", NOW, 2, NOW + 10, "HTTP 503")), List.of(new Outbox.Delivery("e0", "crm",
            "segment.left", "gold", NOW - 5, 30, NOW, "ConnectException")));

        final Outbox read = Outbox.decode(outbox.encode());

        assertThat(read.version()).isEqualTo(7);
        assertThat(read.memberships()).containsExactly(IN_VIP);
        assertThat(read.pending()).isEqualTo(outbox.pending());
        assertThat(read.dead()).isEqualTo(outbox.dead());
    }

    private static int evaluate(final Watched watched, final Map.Entry<String, Outbox> entry, final long nowMs)
    {
        return processor(watched, nowMs).process(entry);
    }

    private static EvaluateTriggersProcessor processor(final Watched watched, final long nowMs)
    {
        final EvaluateTriggersProcessor processor = roundTrip(new EvaluateTriggersProcessor(nowMs));
        final HazelcastInstance member = ProcessorFixtures.instanceWith(ProcessorFixtures.context());
        member.getUserContext().put(Triggers.KEY, watched);
        processor.setHazelcastInstance(member);
        return processor;
    }

    /** Triggers whose memberships the test sets. */
    private static final class Watched implements Triggers
    {
        private final Set<String> in = new HashSet<>();
        private final Set<String> undecided = new HashSet<>();

        @Override
        public boolean active()
        {
            return true;
        }

        @Override
        public Evaluation evaluate(final String key, final long nowMs)
        {
            final Set<String> found = Set.copyOf(in);
            final Set<String> unknown = Set.copyOf(undecided);
            return new Evaluation()
            {
                @Override
                public Set<String> memberships()
                {
                    return found;
                }

                @Override
                public boolean decides(final String token)
                {
                    return !unknown.contains(token);
                }
            };
        }

        @Override
        public String eventType(final String token, final boolean entered)
        {
            return entered ? "segment.entered" : "segment.left";
        }
    }
}
