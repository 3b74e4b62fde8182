package io.tailor.grid.webhook;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Decides a customer's trigger transitions, on the partition owner (the profile is in the same partition, so this
 * sees it as the events left it): the memberships found now are compared with those stored, and each token that
 * appeared or disappeared and that its webhook asks for becomes one pending {@link Outbox.Delivery} with a new event
 * id (derived from the key, token, type and the outbox's new version: unique per transition, and the same on every
 * resend). The backup receives the resulting outbox, never deciding again. A membership held before that the
 * evaluation cannot decide ({@link Triggers.Evaluation#decides}: its definitions still loading after a full restart)
 * is kept.
 * <p>
 * Returns how many deliveries were added, or {@link #NO_PROFILE} when the key holds no profile of its own (a linked
 * id's forward record, or nothing): the caller evaluates the customer it is linked to instead.
 */
public final class EvaluateTriggersProcessor
    implements EntryProcessor<String, Outbox, Integer>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    /** The result for a key without a profile of its own. */
    public static final int NO_PROFILE = -1;

    private long nowMs;
    private transient Triggers triggers;
    private transient Outbox written;

    /** For deserialization. */
    public EvaluateTriggersProcessor()
    {
    }

    /**
     * An evaluation.
     *
     * @param nowMs the present (memberships with time windows are evaluated at it).
     */
    public EvaluateTriggersProcessor(final long nowMs)
    {
        this.nowMs = nowMs;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.triggers = (Triggers)instance.getUserContext().get(Triggers.KEY);
    }

    @Override
    public Integer process(final Map.Entry<String, Outbox> entry)
    {
        final Triggers watched = triggers;
        if (watched == null)
        {
            return 0;
        }
        final Triggers.Evaluation evaluation = watched.evaluate(entry.getKey(), nowMs);
        if (evaluation == null)
        {
            return NO_PROFILE;
        }
        final Outbox current = entry.getValue() == null ? Outbox.EMPTY : entry.getValue();
        final Set<String> before = current.memberships();
        final Set<String> now = keepUndecided(evaluation, before);
        if (before.equals(now))
        {
            return 0;
        }
        final long version = current.version() + 1;
        final List<Outbox.Delivery> pending = new ArrayList<>(current.pending());
        int added = 0;
        for (final String token : now)
        {
            if (!before.contains(token) && add(pending, entry.getKey(), token, watched.eventType(token, true),
                version))
            {
                added++;
            }
        }
        for (final String token : before)
        {
            if (!now.contains(token) && add(pending, entry.getKey(), token, watched.eventType(token, false),
                version))
            {
                added++;
            }
        }
        final Outbox next = new Outbox(version, new TreeSet<>(now), pending, current.dead());
        entry.setValue(next);
        written = next;
        return added;
    }

    /**
     * The memberships found, plus those held before that the evaluation could not decide
     * ({@link Triggers.Evaluation#decides}).
     */
    private static Set<String> keepUndecided(final Triggers.Evaluation evaluation, final Set<String> before)
    {
        final Set<String> found = evaluation.memberships();
        Set<String> now = found;
        for (final String token : before)
        {
            if (!found.contains(token) && !evaluation.decides(token))
            {
                if (now == found)
                {
                    now = new TreeSet<>(found);
                }
                now.add(token);
            }
        }
        return now;
    }

    private boolean add(final List<Outbox.Delivery> pending, final String key, final String token, final String type,
        final long version)
    {
        if (type == null || pending.size() >= Outbox.MAX_PENDING)
        {
            return false;
        }
        final int cut = token.indexOf('\n');
        final String webhook = token.substring(0, cut);
        final String trigger = token.substring(cut + 1);
        final String subject = trigger.substring(trigger.indexOf(':') + 1);
        final String eventId = UUID.nameUUIDFromBytes((key + '\n' + token + '\n' + type + '\n' + version)
            .getBytes(StandardCharsets.UTF_8)).toString();
        pending.add(new Outbox.Delivery(eventId, webhook, type, subject, nowMs, 0, nowMs, ""));
        return true;
    }

    @Override
    public EntryProcessor<String, Outbox, Integer> getBackupProcessor()
    {
        final Outbox outbox = written;
        return outbox == null ? null : new SetValueProcessor<>(outbox);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.EVALUATE_TRIGGERS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        nowMs = in.readLong();
    }
}
