package io.tailor.grid.webhook;

import java.util.Set;

/**
 * What the webhooks in force watch, as the partition owner evaluates it for one customer: the server node supplies
 * it (its webhook and segment registries) through the member's user context under {@link #KEY}.
 * <p>
 * A membership is a token {@link Outbox#token(String, String)}: the webhook and what it watches ({@code segment:ID}
 * or {@code near_purchase:PRODUCT}). Evaluation must be cheap: it runs on a partition thread.
 */
public interface Triggers
{
    /** Key of the triggers in the Hazelcast member's user context. */
    String KEY = "tailor.triggers";

    /**
     * Whether any webhook is defined: without one nothing is evaluated at all.
     *
     * @return true when there is something to watch.
     */
    boolean active();

    /**
     * The memberships a customer holds now, from the profile as this member (the partition owner) holds it.
     *
     * @param key   the customer's profile key.
     * @param nowMs the present.
     * @return tokens of the (webhook, trigger) pairs the customer is in, or {@code null} when the key holds no
     *     profile of its own (none, or a forward record of a linked id): nothing is decided then.
     */
    Set<String> memberships(String key, long nowMs);

    /**
     * Whether this node can decide a membership at all. It cannot while the definition of the token's webhook or of
     * what it watches has not reached it: after a full restart every member loads its own data files, in any
     * order, so a customer's outbox may be evaluated before the segment it is in is known here. Such a token keeps
     * the state it had; deciding "not a member" would forget the membership, and the customer's next event would
     * send a second {@code segment.entered} (and a webhook asking for it, a {@code segment.left} first).
     *
     * @param token the membership token.
     * @return false while its definitions are unknown here (never heard of, not even as deleted).
     */
    boolean decides(String token);

    /**
     * The event a transition produces.
     *
     * @param token   the membership token.
     * @param entered true when the customer entered, false when they left.
     * @return the event type ({@code segment.entered}, {@code segment.left}, {@code audience.near_purchase}), or
     *     {@code null} when the webhook does not ask for it (or no longer exists).
     */
    String eventType(String token, boolean entered);
}
