package io.tailor.server.demo;

import io.tailor.scoring.catalog.Product;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A believable store catalog for the demo: categories in a tree, brands per department, marketing
 * attributes (style, season, function, colour), log-normal prices, launch dates with some new arrivals,
 * and one sensitive category. The same seed always gives the same catalog, so documented ids exist.
 */
public final class DemoCatalog
{
    /** One leaf category of the demo store. */
    private record Department(String category, String code, String[] brands, String[] nouns, double medianPrice,
        boolean sensitive)
    {
    }

    private static final String[] SPORT_BRANDS = {"Swift", "Stride", "Nimbus", "Apex"};
    private static final String[] OUTDOOR_BRANDS = {"Ridge", "Northwind", "Fjell"};
    private static final String[] FASHION_BRANDS = {"Oak & Ivy", "Linea", "Cotton Lane"};
    private static final String[] HOME_BRANDS = {"Hearth", "Brava", "Kobo"};
    private static final String[] MEDIA_BRANDS = {"Quill Press", "Lantern Books"};
    private static final String[] TECH_BRANDS = {"Sonic", "Pulse", "Vanta"};
    private static final String[] CARE_BRANDS = {"Verda", "Lumen"};

    private static final Department[] DEPARTMENTS = {
        new Department("apparel/shoes/running", "run", SPORT_BRANDS,
            new String[] {"Trail Runner", "Road Racer", "Tempo Trainer", "Marathon Flyer", "Daily Miler"}, 110, false),
        new Department("apparel/shoes/hiking", "hike", OUTDOOR_BRANDS,
            new String[] {"Summit Boot", "Trek Mid", "Scree Low", "Alpine GTX"}, 140, false),
        new Department("apparel/shoes/casual", "shoe", FASHION_BRANDS,
            new String[] {"Canvas Sneaker", "Loafer", "Chelsea Boot", "Court Shoe"}, 80, false),
        new Department("apparel/shirts", "shirt", FASHION_BRANDS,
            new String[] {"Oxford Shirt", "Linen Shirt", "Polo", "Flannel Shirt"}, 45, false),
        new Department("apparel/jackets", "jacket", OUTDOOR_BRANDS,
            new String[] {"Rain Shell", "Down Parka", "Softshell", "Fleece"}, 160, false),
        new Department("sports/running-gear", "rgear", SPORT_BRANDS,
            new String[] {"Running Socks", "Hydration Vest", "Running Cap", "Sport Watch Strap"}, 25, false),
        new Department("outdoor/tents", "tent", OUTDOOR_BRANDS,
            new String[] {"Dome Tent", "Tunnel Tent", "Bivy", "Ultralight Shelter"}, 250, false),
        new Department("outdoor/backpacks", "pack", OUTDOOR_BRANDS,
            new String[] {"Daypack", "Trekking Pack", "Summit Pack", "Hip Pack"}, 90, false),
        new Department("home/kitchen/cookware", "cook", HOME_BRANDS,
            new String[] {"Skillet", "Dutch Oven", "Saucepan", "Wok"}, 70, false),
        new Department("home/kitchen/coffee", "coffee", HOME_BRANDS,
            new String[] {"Pour-over Set", "Espresso Maker", "Burr Grinder", "Milk Frother"}, 60, false),
        new Department("media/books/fiction", "novel", MEDIA_BRANDS,
            new String[] {"Crime Novel", "Sea Saga", "Space Opera", "Family Drama"}, 18, false),
        new Department("media/books/cookbooks", "cookbook", MEDIA_BRANDS,
            new String[] {"Weeknight Dinners", "Baking Basics", "Plant Kitchen", "Grill Guide"}, 28, false),
        new Department("electronics/audio/headphones", "audio", TECH_BRANDS,
            new String[] {"Over-ear Headphones", "Earbuds", "Sport Earphones", "Studio Monitor"}, 120, false),
        new Department("beauty/skincare", "skin", CARE_BRANDS,
            new String[] {"Day Cream", "Serum", "Cleanser", "Sun Fluid"}, 30, false),
        new Department("health/pregnancy-tests", "preg", CARE_BRANDS,
            new String[] {"Pregnancy Test", "Ovulation Test"}, 12, true),
    };

    private static final String[] ADJECTIVES = {"Pro", "Lite", "Classic", "Edge", "Air", "Max", "Core", "Eco"};
    private static final String[] STYLES = {"sport", "casual", "classic", "technical", "minimal"};
    private static final String[] SEASONS = {"summer", "winter", "all-season", "spring-autumn"};
    private static final String[] FUNCTIONS = {"waterproof", "lightweight", "insulated", "breathable", "durable",
        "cushioned"};
    private static final String[] COLOURS = {"black", "white", "navy", "olive", "red", "grey", "sand"};

    private DemoCatalog()
    {
    }

    /**
     * Generates products, spread over the departments, ids {@code <code>-<number>} (e.g. {@code run-0001}).
     *
     * @param count number of products.
     * @param seed  random seed.
     * @param nowMs the present, for launch dates.
     * @return the products.
     */
    public static List<Product> generate(final int count, final long seed, final long nowMs)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Product> products = new ArrayList<>(count);
        final int[] numbers = new int[DEPARTMENTS.length];
        for (int i = 0; i < count; i++)
        {
            final int d = i % DEPARTMENTS.length;
            final Department department = DEPARTMENTS[d];
            final String id = String.format("%s-%04d", department.code(), ++numbers[d]);
            final String brand = department.brands()[random.nextInt(department.brands().length)];
            final String title = brand + " " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " +
                department.nouns()[random.nextInt(department.nouns().length)];
            final double price = Math.round(department.medianPrice() * Math.exp(0.35 * gaussian(random)) * 100) / 100.0;
            final long ageDays = random.nextInt(100) < 6 ? random.nextInt(14) : 30 + random.nextInt(700);
            final long launchedAt = nowMs - ageDays * 86_400_000L - random.nextInt(86_400_000);
            final Map<String, List<String>> attributes = Map.of(
                "style", List.of(STYLES[random.nextInt(STYLES.length)]),
                "season", List.of(SEASONS[random.nextInt(SEASONS.length)]),
                "function", List.of(FUNCTIONS[random.nextInt(FUNCTIONS.length)],
                    FUNCTIONS[random.nextInt(FUNCTIONS.length)]),
                "colour", List.of(COLOURS[random.nextInt(COLOURS.length)]));
            final boolean inStock = random.nextInt(100) >= 4;
            products.add(new Product(id, title, department.category(), brand, price, attributes, inStock, launchedAt,
                department.sensitive(), null));
        }
        return products;
    }

    /**
     * Leaf categories of the demo store, for generating shoppers' tastes.
     *
     * @return the category paths.
     */
    public static List<String> categories()
    {
        final List<String> categories = new ArrayList<>();
        for (final Department department : DEPARTMENTS)
        {
            if (!department.sensitive())
            {
                categories.add(department.category());
            }
        }
        return categories;
    }

    private static double gaussian(final SplittableRandom random)
    {
        double u = 0;
        for (int i = 0; i < 6; i++)
        {
            u += random.nextDouble();
        }
        return (u - 3.0) / Math.sqrt(0.5);
    }
}
