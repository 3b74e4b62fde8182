package io.tailor.server.demo;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic shoppers for the demo: each has one or two favourite categories and a week of views, carts
 * and purchases in them, so that popularity and "bought by shoppers like you" have something to show.
 */
public final class DemoShoppers
{
    private DemoShoppers()
    {
    }

    /**
     * Events of synthetic shoppers {@code demo-shopper-N}, by shopper.
     *
     * @param products the catalog.
     * @param shoppers number of shoppers.
     * @param seed     random seed.
     * @param nowMs    the present; events fall in the week before it.
     * @return events per shopper id, in time order.
     */
    public static Map<String, List<Event>> generate(final List<Product> products, final int shoppers, final long seed,
        final long nowMs)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<String, List<Product>> byCategory = new HashMap<>();
        for (final Product product : products)
        {
            if (product.inStock() && !product.sensitive())
            {
                byCategory.computeIfAbsent(product.category(), k -> new ArrayList<>()).add(product);
            }
        }
        final List<String> categories = new ArrayList<>(byCategory.keySet());
        categories.sort(String::compareTo);
        final Map<String, List<Event>> events = new HashMap<>();
        for (int s = 0; s < shoppers; s++)
        {
            final String user = "demo-shopper-" + s;
            final List<String> tastes = List.of(categories.get(random.nextInt(categories.size())),
                categories.get(random.nextInt(categories.size())));
            final List<Event> history = new ArrayList<>();
            long at = nowMs - 7 * 86_400_000L + random.nextInt(86_400_000);
            final int views = 8 + random.nextInt(12);
            for (int v = 0; v < views; v++)
            {
                final List<Product> shelf = byCategory.get(tastes.get(random.nextInt(100) < 75 ? 0 : 1));
                // Shoppers favour the first products of a shelf: popularity gets a realistic long tail.
                final Product product = shelf.get((int)(shelf.size() * Math.pow(random.nextDouble(), 2.5)));
                at += random.nextInt(3_600_000);
                history.add(event(user + "-v" + v, EventType.VIEW, user, product.id(), List.of(), at));
                if (random.nextInt(100) < 20)
                {
                    history.add(event(user + "-c" + v, EventType.ADD_TO_CART, user, product.id(), List.of(),
                        at + 30_000));
                    if (random.nextInt(100) < 40)
                    {
                        history.add(event(user + "-o" + v, EventType.PURCHASE, user, null,
                            List.of(new LineItem(product.id(), 1, product.price())), at + 120_000));
                    }
                }
            }
            events.put(user, history);
        }
        return events;
    }

    private static Event event(final String id, final EventType type, final String user, final String product,
        final List<LineItem> items, final long at)
    {
        return new Event(id, type, user, null, product, items, Double.NaN, at, Channel.WEB, null, null);
    }
}
