package io.tailor.scoring;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small catalogs and events for tests.
 */
public final class Fixtures
{
    /** Dimension used in tests. */
    public static final int D = 64;
    /** A fixed "now": 2026-11-01T00:00:00Z. */
    public static final long NOW = 1_793_491_200_000L;
    /** One day in milliseconds. */
    public static final long DAY = 86_400_000L;

    private Fixtures()
    {
    }

    /**
     * A product.
     *
     * @param id       id.
     * @param category category path.
     * @param brand    brand.
     * @param price    price.
     * @return the product, in stock, launched a year ago, not sensitive.
     */
    public static Product product(final String id, final String category, final String brand, final double price)
    {
        return new Product(id, "Title " + id, category, brand, price,
            Map.of("style", List.of(category.contains("running") ? "sport" : "classic")), true,
            NOW - 365 * DAY, false, null);
    }

    /**
     * A copy of a product with other flags.
     *
     * @param p          product.
     * @param inStock    in stock.
     * @param sensitive  sensitive.
     * @param launchedAt launch time.
     * @return the copy.
     */
    public static Product with(final Product p, final boolean inStock, final boolean sensitive, final long launchedAt)
    {
        return new Product(p.id(), p.title(), p.category(), p.brand(), p.price(), p.attributes(), inStock,
            launchedAt, sensitive, p.vector());
    }

    /**
     * A catalog of shoes, shirts and books: 10 products in each of 3 leaf categories, 4 brands.
     *
     * @return the products.
     */
    public static List<Product> products()
    {
        final List<Product> products = new ArrayList<>();
        final String[] categories = {"apparel/shoes/running", "apparel/shirts", "media/books/fiction"};
        final String[] brands = {"Swift", "Oak", "Quill", "Nimbus"};
        for (int c = 0; c < categories.length; c++)
        {
            for (int i = 0; i < 10; i++)
            {
                products.add(product("p" + c + "-" + i, categories[c], brands[(c + i) % brands.length], 20 + 10 * i));
            }
        }
        return products;
    }

    /**
     * A snapshot of products.
     *
     * @param products products.
     * @return the snapshot.
     */
    public static CatalogSnapshot snapshot(final List<Product> products)
    {
        return CatalogSnapshot.build(products, null, new ContentVectorizer(D), 1);
    }

    /**
     * An event on one product.
     *
     * @param id      event id.
     * @param type    type.
     * @param user    shopper.
     * @param product product id.
     * @param at      time.
     * @return the event.
     */
    public static Event event(final String id, final EventType type, final String user, final String product,
        final long at)
    {
        return new Event(id, type, user, null, product, List.of(), Double.NaN, at, Channel.WEB, null, null);
    }

    /**
     * A rating event.
     *
     * @param id      event id.
     * @param user    shopper.
     * @param product product id.
     * @param rating  1 to 5.
     * @param at      time.
     * @return the event.
     */
    public static Event rating(final String id, final String user, final String product, final double rating,
        final long at)
    {
        return new Event(id, EventType.RATING, user, null, product, List.of(), rating, at, Channel.WEB, null, null);
    }

    /**
     * A purchase.
     *
     * @param id    event id.
     * @param user  shopper.
     * @param at    time.
     * @param items lines.
     * @return the event.
     */
    public static Event purchase(final String id, final String user, final long at, final LineItem... items)
    {
        return new Event(id, EventType.PURCHASE, user, null, null, List.of(items), Double.NaN, at, Channel.WEB,
            null, null);
    }
}
