package io.tailor.loadtest.data;

import java.util.List;

/**
 * The synthetic store's category tree: departments with sub-categories down to leaves (every product sits
 * in one leaf), each leaf with a noun for titles, a median price and a share of the catalog. One leaf is
 * sensitive (pregnancy tests), as real stores have.
 */
public final class CategoryTree
{
    /**
     * A department: top-level category with its brands and price level.
     *
     * @param name        path segment.
     * @param medianPrice typical price of its products.
     * @param brands      brand names sold in it.
     */
    public record Department(String name, double medianPrice, List<String> brands)
    {
    }

    /**
     * A leaf category.
     *
     * @param path        full path, e.g. {@code apparel/shoes/running}.
     * @param department  index into {@link #DEPARTMENTS}.
     * @param noun        what a product of it is called in a title.
     * @param priceFactor multiplier of the department's median price.
     * @param weight      relative share of the catalog.
     * @param sensitive   whether products in it are marked sensitive.
     */
    public record Leaf(String path, int department, String noun, double priceFactor, double weight,
        boolean sensitive)
    {
    }

    /** Departments, in a fixed order (indices are part of the generated data). */
    public static final List<Department> DEPARTMENTS = List.of(
        new Department("apparel", 60, List.of("Oak & Ivy", "Linea", "Cotton Lane", "Norvik", "Marlow", "Tessa")),
        new Department("sports", 45, List.of("Swift", "Stride", "Nimbus", "Apex", "Kestrel", "Volta")),
        new Department("outdoor", 120, List.of("Ridge", "Northwind", "Fjell", "Cairn", "Talus")),
        new Department("home", 55, List.of("Hearth", "Brava", "Kobo", "Lumio", "Quarto", "Selva")),
        new Department("media", 20, List.of("Quill Press", "Lantern Books", "Echo Records", "Pixel Forge")),
        new Department("electronics", 150, List.of("Sonic", "Pulse", "Vanta", "Orbit", "Helix", "Cobalt")),
        new Department("beauty", 28, List.of("Verda", "Lumen", "Solene", "Mira")),
        new Department("toys", 30, List.of("Brickwell", "Tumble", "Puzzlebee", "Kite & Co")),
        new Department("garden", 40, List.of("Greenfold", "Terra", "Bloomly")),
        new Department("health", 18, List.of("Vitalis", "Carewell")));

    /** Leaves, in a fixed order (indices are part of the generated data). */
    public static final List<Leaf> LEAVES = List.of(
        new Leaf("apparel/shoes/running", 0, "Running Shoe", 1.8, 3, false),
        new Leaf("apparel/shoes/hiking", 0, "Hiking Boot", 2.2, 2, false),
        new Leaf("apparel/shoes/casual", 0, "Sneaker", 1.3, 3, false),
        new Leaf("apparel/shoes/formal", 0, "Oxford Shoe", 1.9, 1, false),
        new Leaf("apparel/shirts/t-shirts", 0, "T-Shirt", 0.4, 4, false),
        new Leaf("apparel/shirts/oxford", 0, "Oxford Shirt", 0.8, 2, false),
        new Leaf("apparel/shirts/polo", 0, "Polo Shirt", 0.6, 2, false),
        new Leaf("apparel/jackets/rain", 0, "Rain Jacket", 2.0, 1.5, false),
        new Leaf("apparel/jackets/down", 0, "Down Jacket", 3.0, 1.5, false),
        new Leaf("apparel/jackets/softshell", 0, "Softshell", 2.2, 1, false),
        new Leaf("apparel/trousers/jeans", 0, "Jeans", 1.2, 3, false),
        new Leaf("apparel/trousers/chinos", 0, "Chinos", 1.0, 2, false),
        new Leaf("apparel/trousers/shorts", 0, "Shorts", 0.6, 2, false),
        new Leaf("sports/running-gear", 1, "Running Vest", 0.7, 2, false),
        new Leaf("sports/cycling/helmets", 1, "Bike Helmet", 1.8, 1, false),
        new Leaf("sports/cycling/jerseys", 1, "Cycling Jersey", 1.4, 1, false),
        new Leaf("sports/fitness/mats", 1, "Yoga Mat", 0.8, 1.5, false),
        new Leaf("sports/fitness/weights", 1, "Dumbbell Set", 1.5, 1, false),
        new Leaf("sports/swimming", 1, "Swim Goggles", 0.5, 1, false),
        new Leaf("outdoor/tents", 2, "Tent", 2.0, 1, false),
        new Leaf("outdoor/backpacks", 2, "Backpack", 0.9, 2, false),
        new Leaf("outdoor/sleeping-bags", 2, "Sleeping Bag", 1.2, 1, false),
        new Leaf("outdoor/climbing", 2, "Climbing Harness", 0.8, 1, false),
        new Leaf("home/kitchen/cookware", 3, "Skillet", 1.2, 2, false),
        new Leaf("home/kitchen/coffee", 3, "Coffee Maker", 1.3, 1.5, false),
        new Leaf("home/kitchen/knives", 3, "Chef Knife", 1.0, 1, false),
        new Leaf("home/furniture/chairs", 3, "Chair", 3.0, 1.5, false),
        new Leaf("home/furniture/tables", 3, "Table", 5.0, 1, false),
        new Leaf("home/bedding", 3, "Duvet Cover", 1.0, 2, false),
        new Leaf("home/lighting", 3, "Lamp", 1.2, 1.5, false),
        new Leaf("media/books/fiction", 4, "Novel", 0.9, 4, false),
        new Leaf("media/books/cookbooks", 4, "Cookbook", 1.3, 1.5, false),
        new Leaf("media/books/travel", 4, "Travel Guide", 1.1, 1, false),
        new Leaf("media/books/children", 4, "Picture Book", 0.7, 2, false),
        new Leaf("media/music/vinyl", 4, "Vinyl Record", 1.4, 1.5, false),
        new Leaf("media/games", 4, "Board Game", 2.0, 1.5, false),
        new Leaf("electronics/audio/headphones", 5, "Headphones", 1.0, 2, false),
        new Leaf("electronics/audio/speakers", 5, "Speaker", 1.2, 1.5, false),
        new Leaf("electronics/phones/cases", 5, "Phone Case", 0.15, 3, false),
        new Leaf("electronics/phones/chargers", 5, "Charger", 0.2, 2, false),
        new Leaf("electronics/cameras", 5, "Camera", 4.0, 1, false),
        new Leaf("electronics/computers/laptops", 5, "Laptop", 6.0, 1, false),
        new Leaf("electronics/computers/accessories", 5, "Keyboard", 0.5, 2, false),
        new Leaf("beauty/skincare", 6, "Face Cream", 1.0, 3, false),
        new Leaf("beauty/haircare", 6, "Shampoo", 0.6, 2, false),
        new Leaf("beauty/fragrance", 6, "Eau de Parfum", 2.5, 1.5, false),
        new Leaf("toys/building", 7, "Building Set", 1.5, 2, false),
        new Leaf("toys/dolls", 7, "Doll", 1.0, 1.5, false),
        new Leaf("toys/puzzles", 7, "Puzzle", 0.6, 1.5, false),
        new Leaf("garden/tools", 8, "Pruner", 0.8, 1.5, false),
        new Leaf("garden/plants", 8, "Plant", 0.5, 2, false),
        new Leaf("garden/furniture", 8, "Garden Bench", 4.0, 1, false),
        new Leaf("health/vitamins", 9, "Vitamin D", 1.0, 1.5, false),
        new Leaf("health/pregnancy-tests", 9, "Pregnancy Test", 0.7, 0.3, true));

    /** Marketing attribute values, each list in a fixed order. */
    public static final List<String> STYLES = List.of("sport", "casual", "classic", "technical", "minimal",
        "vintage", "premium");
    /** Seasons. */
    public static final List<String> SEASONS = List.of("summer", "winter", "all-season", "spring-autumn");
    /** Functions. */
    public static final List<String> FUNCTIONS = List.of("waterproof", "lightweight", "insulated", "breathable",
        "durable", "cushioned", "eco", "compact");
    /** Colours. */
    public static final List<String> COLOURS = List.of("black", "white", "navy", "olive", "red", "grey", "sand",
        "blue", "green");
    /** Title adjectives. */
    public static final List<String> ADJECTIVES = List.of("Pro", "Lite", "Classic", "Edge", "Air", "Max", "Core",
        "Eco", "Flex", "Prime");

    private CategoryTree()
    {
    }
}
