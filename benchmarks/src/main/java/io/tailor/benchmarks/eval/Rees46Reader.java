package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads REES46 e-commerce event logs ({@value DatasetFormat#REES46_HEADER}) as Tailor products and events.
 * <p>
 * {@code view} becomes a {@code view}, {@code cart} an {@code add_to_cart}, {@code purchase} a
 * {@code purchase} of one unit at the row's price, {@code remove_from_cart} (in some REES46 files) a
 * {@code remove_from_cart}. A product is described by the first row that names it: {@code category_code}
 * with dots turned into slashes is its category (a row without one gets {@code category-<category_id>}),
 * {@code brand} its brand, {@code price} its price. Rows with an unknown event type, an id that breaks
 * the API's id rule, or an unreadable time or price are skipped and counted.
 */
public final class Rees46Reader
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int COLUMNS = 9;

    private Rees46Reader()
    {
    }

    /**
     * Reads a REES46 file, or every REES46 file of a folder in name order.
     *
     * @param path a file or folder.
     * @return the dataset.
     * @throws IOException when a file cannot be read or none is found.
     */
    public static Dataset read(final Path path) throws IOException
    {
        final List<Path> files = DatasetFormat.rees46Files(path);
        if (files.isEmpty())
        {
            throw new IOException("no REES46 event file (header '" + DatasetFormat.REES46_HEADER + "') in " + path);
        }
        final Map<String, Product> products = new LinkedHashMap<>();
        final List<Event> events = new ArrayList<>();
        long skipped = 0;
        long row = 0;
        for (final Path file : files)
        {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                reader.readLine();
                String line;
                while ((line = reader.readLine()) != null)
                {
                    row++;
                    if (line.isEmpty())
                    {
                        continue;
                    }
                    final Event event = event(row, Csv.split(line), products);
                    if (event == null)
                    {
                        skipped++;
                    }
                    else
                    {
                        events.add(event);
                    }
                }
            }
        }
        events.sort(Comparator.comparingLong(Event::timestampMs));
        final String name = Files.isDirectory(path) ? path.toAbsolutePath().normalize().getFileName().toString() :
            path.getFileName().toString().replaceFirst("\\.csv$", "");
        return new Dataset(name, DatasetFormat.REES46, List.copyOf(products.values()), events, skipped);
    }

    /** One row as an event, registering its product on first sight; {@code null} for a row to skip. */
    static Event event(final long row, final List<String> f, final Map<String, Product> products)
    {
        if (f.size() != COLUMNS)
        {
            return null;
        }
        final EventType type = type(f.get(1).strip());
        final String productId = f.get(2).strip();
        final String user = f.get(7).strip();
        if (type == null || !Ids.valid(productId) || !Ids.valid(user))
        {
            return null;
        }
        final long atMs;
        final double price;
        try
        {
            atMs = time(f.get(0));
            price = f.get(6).isBlank() ? 0.0 : Double.parseDouble(f.get(6).strip());
        }
        catch (final DateTimeParseException | NumberFormatException ex)
        {
            return null;
        }
        if (!(price >= 0.0) || Double.isInfinite(price))
        {
            return null;
        }
        products.computeIfAbsent(productId, id -> product(id, f.get(3).strip(), f.get(4).strip(), f.get(5).strip(),
            price));
        final String id = "e" + row;
        if (type == EventType.PURCHASE)
        {
            return new Event(id, type, user, null, null, List.of(new LineItem(productId, 1, price)), Double.NaN,
                atMs, Channel.WEB, null, null);
        }
        return new Event(id, type, user, null, productId, List.of(), Double.NaN, atMs, Channel.WEB, null, null);
    }

    /** A product from the row that first names it. */
    static Product product(final String id, final String categoryId, final String categoryCode, final String brand,
        final double price)
    {
        return new Product(id, "", category(categoryId, categoryCode), brand.toLowerCase(Locale.ROOT), price, Map.of(),
            true, Product.UNKNOWN_LAUNCH, false, null);
    }

    /** {@code category_code} with dots as slashes, or a category named after {@code category_id}. */
    static String category(final String categoryId, final String categoryCode)
    {
        if (!categoryCode.isEmpty())
        {
            return categoryCode.replace('.', '/');
        }
        return categoryId.isEmpty() ? "unknown" : "category-" + categoryId;
    }

    /** Event time such as {@code 2019-10-01 00:00:00 UTC}, in epoch milliseconds. */
    static long time(final String text)
    {
        String t = text.strip();
        if (t.endsWith(" UTC"))
        {
            t = t.substring(0, t.length() - 4);
        }
        return LocalDateTime.parse(t, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static EventType type(final String name)
    {
        return switch (name)
        {
            case "view" -> EventType.VIEW;
            case "cart" -> EventType.ADD_TO_CART;
            case "purchase" -> EventType.PURCHASE;
            case "remove_from_cart" -> EventType.REMOVE_FROM_CART;
            default -> null;
        };
    }
}
