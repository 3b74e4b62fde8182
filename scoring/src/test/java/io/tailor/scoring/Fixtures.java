package io.tailor.scoring;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;

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

    /**
     * Three crowds, each browsing its own ring of ten of {@link #products()} across the three categories:
     * shoppers view one product of a ring and then the next. Two steps apart on a ring, two products are never
     * seen together, but are seen with the same product.
     */
    public static final String[][] RINGS = {
        {"p0-0", "p1-3", "p2-5", "p0-7", "p1-8", "p2-2", "p0-3", "p1-6", "p2-9", "p0-9"},
        {"p0-1", "p1-0", "p2-0", "p0-2", "p1-1", "p2-1", "p0-4", "p1-2", "p2-3", "p0-5"},
        {"p0-6", "p1-4", "p2-4", "p0-8", "p1-5", "p2-6", "p1-7", "p2-7", "p2-8", "p1-9"},
    };

    /**
     * The item model of the {@link #RINGS} crowds (five shoppers per step, an hour before {@link #NOW}).
     *
     * @param products the catalog, containing the rings' products.
     * @return the model, without factors.
     */
    public static ItemModel ringModel(final List<Product> products)
    {
        final CatalogSnapshot catalog = snapshot(products);
        final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        int shopper = 0;
        for (final String[] ring : RINGS)
        {
            for (int i = 0; i < ring.length; i++)
            {
                for (int repeat = 0; repeat < 5; repeat++, shopper++)
                {
                    final Profile other = new Profile(D);
                    updater.apply(other, event("a" + shopper, EventType.VIEW, "o" + shopper, ring[i],
                        NOW - 3_600_000L), catalog, crowd);
                    updater.apply(other, event("b" + shopper, EventType.VIEW, "o" + shopper,
                        ring[(i + 1) % ring.length], NOW - 3_540_000L), catalog, crowd);
                }
            }
        }
        return ItemModel.build(catalog, crowd::stats, NOW, ModelSettings.DEFAULT, 1);
    }
}
