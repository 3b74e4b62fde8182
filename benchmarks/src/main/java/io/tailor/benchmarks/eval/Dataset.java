package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;

import java.util.List;

/**
 * A dataset as Tailor would receive it: products as uploaded to {@code PUT /v1/products} and events as
 * posted to {@code POST /v1/events}, in chronological order (events with the same time keep file order).
 *
 * @param name        short name, from the dataset's folder or file name.
 * @param format      the format it was read from.
 * @param products    every product, ids unique.
 * @param events      every event, oldest first.
 * @param skippedRows rows that could not be turned into a valid product or event.
 */
public record Dataset(String name, DatasetFormat format, List<Product> products, List<Event> events,
    long skippedRows)
{
    /**
     * The product an event is about: its product, or the first line of a purchase.
     *
     * @param event an event.
     * @return the product id, or {@code null} when the event names none.
     */
    public static String productOf(final Event event)
    {
        if (event.product() != null)
        {
            return event.product();
        }
        final List<LineItem> items = event.items();
        return items.isEmpty() ? null : items.get(0).product();
    }

    /**
     * Whether an event is a positive interaction with a product: one that counts as "the shopper interacted
     * with this item" for the split and the metrics (views, clicks, carts, purchases, ratings of any value).
     *
     * @param event an event.
     * @return true for a positive interaction.
     */
    public static boolean isInteraction(final Event event)
    {
        final EventType type = event.type();
        return (type == EventType.VIEW || type == EventType.CLICK || type == EventType.ADD_TO_CART ||
            type == EventType.PURCHASE || type == EventType.RATING) && productOf(event) != null;
    }
}
