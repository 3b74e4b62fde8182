package io.tailor.grid.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value of the {@code webhook-outbox} map, kept under a customer's profile key, so in the profile's partition:
 * moved, backed up and persisted with it. It holds the trigger state of one customer:
 * <ul>
 *   <li>memberships: the (webhook, trigger) pairs the customer was found in at the last evaluation, each as the
 *       token {@code webhook + '\n' + trigger}; a transition is a token appearing or disappearing, so each transition
 *       is decided once, on the owner, and produces exactly one {@link Delivery} with its own event id;</li>
 *   <li>pending deliveries, in the order they were decided; per webhook only the first is sent until it is
 *       settled, which keeps a customer's deliveries in order;</li>
 *   <li>dead letters: deliveries that kept failing past the retry horizon, the newest {@link #MAX_DEAD} kept.</li>
 * </ul>
 * Immutable: every change makes a new value with a higher version (the higher version wins in the data files and
 * after a split brain). The binary form is shared by the wire and the data files:
 * <pre>
 *   format byte | version long | int m | m x UTF token | int p | p x delivery | int d | d x delivery
 *   delivery: UTF eventId | UTF webhook | UTF type | UTF subject | createdAt long | attempts int | next long
 *             | UTF lastError
 * </pre>
 */
public final class Outbox
{
    /** Dead letters kept per customer; older ones are dropped. */
    public static final int MAX_DEAD = 50;
    /** Deliveries pending per customer at most; a transition beyond it is dropped (the receiver is far behind). */
    public static final int MAX_PENDING = 1_000;
    /** An outbox holding nothing. */
    public static final Outbox EMPTY = new Outbox(0, Set.of(), List.of(), List.of());

    private static final byte FORMAT = 1;

    private final long version;
    private final Set<String> memberships;
    private final List<Delivery> pending;
    private final List<Delivery> dead;

    /**
     * One event for one webhook, sent until the receiver acknowledges it, it is dropped, or the horizon passes.
     *
     * @param eventId       the event id: the same on every attempt.
     * @param webhook       webhook id.
     * @param type          event type, e.g. {@code segment.entered}.
     * @param subject       what the event is about: the segment id, or the product of a near-purchase audience.
     * @param createdAtMs   when the transition was decided.
     * @param attempts      attempts made so far.
     * @param nextAttemptMs when to try next.
     * @param lastError     what the last attempt met, {@code ""} before any.
     */
    public record Delivery(String eventId, String webhook, String type, String subject, long createdAtMs,
        int attempts, long nextAttemptMs, String lastError)
    {
        /**
         * This delivery after another failed attempt.
         *
         * @param nextMs when to try again.
         * @param error  what the attempt met.
         * @return the delivery to keep.
         */
        public Delivery retried(final long nextMs, final String error)
        {
            return new Delivery(eventId, webhook, type, subject, createdAtMs, attempts + 1, nextMs, error);
        }
    }

    /**
     * An outbox.
     *
     * @param version     version; every change increases it.
     * @param memberships tokens of the (webhook, trigger) pairs the customer is in.
     * @param pending     deliveries not settled yet, oldest first.
     * @param dead        dead letters, oldest first.
     */
    public Outbox(final long version, final Set<String> memberships, final List<Delivery> pending,
        final List<Delivery> dead)
    {
        this.version = version;
        this.memberships = Collections.unmodifiableSet(new TreeSet<>(memberships));
        this.pending = List.copyOf(pending);
        this.dead = List.copyOf(dead);
    }

    /**
     * The token of a (webhook, trigger) membership.
     *
     * @param webhook webhook id.
     * @param trigger what it watches, e.g. {@code segment:vip}.
     * @return the token.
     */
    public static String token(final String webhook, final String trigger)
    {
        return webhook + '\n' + trigger;
    }

    /**
     * Version.
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * Tokens of the memberships found at the last evaluation.
     *
     * @return the tokens, sorted.
     */
    public Set<String> memberships()
    {
        return memberships;
    }

    /**
     * Deliveries not settled yet, oldest first.
     *
     * @return the deliveries.
     */
    public List<Delivery> pending()
    {
        return pending;
    }

    /**
     * Dead letters, oldest first.
     *
     * @return the deliveries that failed past the horizon.
     */
    public List<Delivery> dead()
    {
        return dead;
    }

    /**
     * The delivery to send next for each webhook: the oldest pending of each (a later one waits for it).
     *
     * @return one delivery per webhook with pending ones, oldest first.
     */
    public List<Delivery> heads()
    {
        final List<Delivery> heads = new ArrayList<>();
        final Set<String> seen = new TreeSet<>();
        for (final Delivery delivery : pending)
        {
            if (seen.add(delivery.webhook()))
            {
                heads.add(delivery);
            }
        }
        return heads;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public byte[] encode()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + pending.size() * 96);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeByte(FORMAT);
            out.writeLong(version);
            out.writeInt(memberships.size());
            for (final String token : memberships)
            {
                out.writeUTF(token);
            }
            writeDeliveries(out, pending);
            writeDeliveries(out, dead);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the outbox.
     */
    public static Outbox decode(final byte[] bytes)
    {
        if (bytes.length < 9 || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not a webhook outbox of format " + FORMAT);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            in.readByte();
            final long version = in.readLong();
            final int count = in.readInt();
            final Set<String> tokens = new TreeSet<>();
            for (int i = 0; i < count; i++)
            {
                tokens.add(in.readUTF());
            }
            final List<Delivery> pending = readDeliveries(in);
            final List<Delivery> dead = readDeliveries(in);
            return new Outbox(version, tokens, pending, dead);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("webhook outbox cannot be read: " + ex, ex);
        }
    }

    private static void writeDeliveries(final DataOutputStream out, final List<Delivery> deliveries)
        throws IOException
    {
        out.writeInt(deliveries.size());
        for (final Delivery delivery : deliveries)
        {
            out.writeUTF(delivery.eventId());
            out.writeUTF(delivery.webhook());
            out.writeUTF(delivery.type());
            out.writeUTF(delivery.subject());
            out.writeLong(delivery.createdAtMs());
            out.writeInt(delivery.attempts());
            out.writeLong(delivery.nextAttemptMs());
            out.writeUTF(delivery.lastError());
        }
    }

    private static List<Delivery> readDeliveries(final DataInputStream in) throws IOException
    {
        final int count = in.readInt();
        final List<Delivery> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            deliveries.add(new Delivery(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(),
                in.readInt(), in.readLong(), in.readUTF()));
        }
        return deliveries;
    }
}
