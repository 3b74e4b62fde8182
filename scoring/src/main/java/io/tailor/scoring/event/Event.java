package io.tailor.scoring.event;

import java.util.List;

/**
 * One shopper interaction, validated.
 * <p>
 * The shopper is identified by a customer id ({@code user}), an anonymous (cookie or device) id or a loyalty
 * card ({@code loyaltyId}, e.g. at a store's till); {@link #shopper()} gives the one that does, in that order.
 * Ids linked to a customer lead to the customer's profile. Product interactions name a {@code product} or, for
 * purchases, {@code items}.
 *
 * @param id          idempotency key; a second event with the same id for the same shopper is a duplicate.
 * @param type        what happened.
 * @param user        customer id, or {@code null}.
 * @param anonymousId anonymous (cookie or device) id, or {@code null}.
 * @param product     product id, or {@code null}.
 * @param items       purchase lines, empty when none.
 * @param value       rating, order value or other amount; {@code NaN} when not given.
 * @param timestampMs when it happened, epoch milliseconds (server time when the sender gave none).
 * @param channel     where it happened.
 * @param store       store id for in-store events, or {@code null}.
 * @param requestId   id of the recommendation response it came from, or {@code null}.
 * @param loyaltyId   loyalty card id, or {@code null}.
 * @param gpc         the shopper's browser sent a Global Privacy Control signal: marketing refused. Acted on
 *                    where the request arrives (the profile records the refusal); not carried into the grid.
 */
public record Event(
    String id,
    EventType type,
    String user,
    String anonymousId,
    String product,
    List<LineItem> items,
    double value,
    long timestampMs,
    Channel channel,
    String store,
    String requestId,
    String loyaltyId,
    boolean gpc)
{
    /**
     * An event without a Global Privacy Control signal.
     *
     * @param id          idempotency key.
     * @param type        what happened.
     * @param user        customer id or {@code null}.
     * @param anonymousId anonymous id or {@code null}.
     * @param product     product id or {@code null}.
     * @param items       purchase lines.
     * @param value       value or {@code NaN}.
     * @param timestampMs when.
     * @param channel     where.
     * @param store       store id or {@code null}.
     * @param requestId   recommendation response id or {@code null}.
     * @param loyaltyId   loyalty card id or {@code null}.
     */
    public Event(final String id, final EventType type, final String user, final String anonymousId,
        final String product, final List<LineItem> items, final double value, final long timestampMs,
        final Channel channel, final String store, final String requestId, final String loyaltyId)
    {
        this(id, type, user, anonymousId, product, items, value, timestampMs, channel, store, requestId, loyaltyId,
            false);
    }

    /**
     * An event without a loyalty card.
     *
     * @param id          idempotency key.
     * @param type        what happened.
     * @param user        customer id or {@code null}.
     * @param anonymousId anonymous id or {@code null}.
     * @param product     product id or {@code null}.
     * @param items       purchase lines.
     * @param value       value or {@code NaN}.
     * @param timestampMs when.
     * @param channel     where.
     * @param store       store id or {@code null}.
     * @param requestId   recommendation response id or {@code null}.
     */
    public Event(final String id, final EventType type, final String user, final String anonymousId,
        final String product, final List<LineItem> items, final double value, final long timestampMs,
        final Channel channel, final String store, final String requestId)
    {
        this(id, type, user, anonymousId, product, items, value, timestampMs, channel, store, requestId, null);
    }

    /**
     * The identifier of the shopper: the customer id when given, else the anonymous id, else the loyalty card.
     *
     * @return the shopper id.
     */
    public String shopper()
    {
        return user != null ? user : anonymousId != null ? anonymousId : loyaltyId;
    }

    /**
     * Total value of the event: {@code value} when given, else the sum of the lines' quantity times price.
     *
     * @return the amount, 0 when nothing is known.
     */
    public double amount()
    {
        if (!Double.isNaN(value))
        {
            return value;
        }
        double sum = 0;
        for (int i = 0, size = items.size(); i < size; i++)
        {
            final LineItem item = items.get(i);
            if (!Double.isNaN(item.price()))
            {
                sum += item.quantity() * item.price();
            }
        }
        return sum;
    }
}
