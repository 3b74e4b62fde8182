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
     * The memberships a customer holds now, from the profile as this member (the partition owner) holds it, and
     * which memberships held before this evaluation can decide.
     *
     * @param key   the customer's profile key.
     * @param nowMs the present.
     * @return the evaluation, or {@code null} when the key holds no profile of its own (none, or a forward record
     *     of a linked id): nothing is decided then.
     */
    Evaluation evaluate(String key, long nowMs);

    /**
     * One customer's evaluation against one view of the definitions. Definitions arrive while customers are
     * evaluated (after a full restart every member loads its own data files, in any order), so what the
     * memberships were found from and what a held membership is decided on must be the same view: a segment's
     * definition that arrived between the two would otherwise make "not found" look like "not a member", and the
     * membership would be forgotten.
     */
    interface Evaluation
    {
        /**
         * The memberships found.
         *
         * @return tokens of the (webhook, trigger) pairs the customer is in.
         */
        Set<String> memberships();

        /**
         * Whether this evaluation decided a membership at all. It did not when the definition of the token's
         * webhook or of what it watches had not reached this node when it ran. Such a token keeps the state it
         * had; deciding "not a member" would forget the membership, and the customer's next event would send a
         * second {@code segment.entered} (and a webhook asking for it, a {@code segment.left} first).
         *
         * @param token a membership token held before.
         * @return false when its definitions were unknown to this evaluation (never heard of, not even as deleted).
         */
        boolean decides(String token);
    }

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
