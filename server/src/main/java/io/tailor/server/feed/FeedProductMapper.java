package io.tailor.server.feed;

import io.tailor.scoring.catalog.Product;
import io.tailor.server.config.InputLimits;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.ProductJsonReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one feed item (Merchant Center field names) into a product:
 * <pre>
 *   id                          the product id (required)
 *   title                       title, whitespace runs made one space
 *   product_type "A &gt; B &gt; C"    category path A/B/C; else google_product_category; else {@value #NO_CATEGORY}
 *   brand                       brand
 *   price "19.99 EUR"           price (required) and attribute currency; sale_price, when given in the same
 *                               currency, is the price shoppers pay: price becomes it and attribute sale=yes
 *   availability                in_stock, preorder, backorder: in stock; out_of_stock: not (spaces or
 *                               underscores); preorder and backorder kept as attribute availability
 *   item_group_id               attribute item_group_id: the product model has no variants, so the variants of
 *                               a group are products sharing that attribute (their content vectors share it)
 *   custom_label_0..4           marketing attributes, named as the feed's labels say (custom_label_0 -&gt; style)
 *                               or by the field's own name
 *   color size gender age_group material pattern condition   attributes of those names
 * </pre>
 * Other fields (link, image_link, description, shipping, ...) are not part of the product model and are ignored.
 */
public final class FeedProductMapper
{
    /** Category of an item with neither product_type nor google_product_category. */
    public static final String NO_CATEGORY = "uncategorized";
    /** The marketing attributes of Merchant Center. */
    public static final List<String> CUSTOM_LABELS =
        List.of("custom_label_0", "custom_label_1", "custom_label_2", "custom_label_3", "custom_label_4");

    private static final List<String> PLAIN_ATTRIBUTES =
        List.of("color", "size", "gender", "age_group", "material", "pattern", "condition");
    private static final Pattern AMOUNT =
        Pattern.compile("([0-9]+(?:[.,][0-9]+)?)\\s*([A-Za-z]{3})?|([A-Za-z]{3})\\s*([0-9]+(?:[.,][0-9]+)?)");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_SEGMENT = 64;
    private static final int MAX_VALUE = 128;

    private final Map<String, String> labels;
    private final InputLimits limits;

    /**
     * A mapper.
     *
     * @param labels custom label field to the attribute name it fills (e.g. custom_label_0 to style); labels not
     *               named keep their field's name. Checked by {@link #checkLabels(Map, String)}.
     * @param limits input limits (title length, price range, attributes).
     */
    public FeedProductMapper(final Map<String, String> labels, final InputLimits limits)
    {
        this.labels = Map.copyOf(labels);
        this.limits = limits;
    }

    /**
     * Checks a label mapping.
     *
     * @param labels custom label field to attribute name.
     * @param field  the field a problem names, e.g. {@code labels}.
     * @return the mapping.
     * @throws InvalidInput when a key is no custom label or a name no attribute name.
     */
    public static Map<String, String> checkLabels(final Map<String, String> labels, final String field)
        throws InvalidInput
    {
        for (final Map.Entry<String, String> label : labels.entrySet())
        {
            if (!CUSTOM_LABELS.contains(label.getKey()))
            {
                throw new InvalidInput(field + "." + label.getKey(), "labels are named custom_label_0 to " +
                    "custom_label_4");
            }
            if (!ATTRIBUTE_NAME.matcher(label.getValue()).matches())
            {
                throw new InvalidInput(field + "." + label.getKey(), "an attribute name is 1 to 64 letters, " +
                    "digits, _ or -");
            }
        }
        return labels;
    }

    /**
     * Maps an item.
     *
     * @param fields the item's fields.
     * @return the product.
     * @throws InvalidInput naming the field when the item cannot be a product.
     */
    public Product product(final Map<String, String> fields) throws InvalidInput
    {
        final String id = Fields.id("id", fields.getOrDefault("id", ""));
        final String title = Fields.text("title", WHITESPACE.matcher(fields.getOrDefault("title", "")).replaceAll(" ")
            .trim(), limits.maxTextLength());
        final String category = category(fields);
        final String brand = Fields.text("brand", fields.getOrDefault("brand", ""), MAX_VALUE);
        final Map<String, List<String>> attributes = new LinkedHashMap<>();
        final String priceText = fields.getOrDefault("price", "");
        if (priceText.isEmpty())
        {
            throw new InvalidInput("price", "price is required, e.g. 19.99 EUR");
        }
        final Amount price = amount("price", priceText);
        double paid = price.value();
        final String saleText = fields.getOrDefault("sale_price", "");
        if (!saleText.isEmpty())
        {
            final Amount sale = amount("sale_price", saleText);
            if (sale.currency() != null && price.currency() != null && !sale.currency().equals(price.currency()))
            {
                throw new InvalidInput("sale_price", "sale_price is in " + sale.currency() + ", price in " +
                    price.currency());
            }
            if (sale.value() < price.value())
            {
                paid = sale.value();
                attributes.put("sale", List.of("yes"));
            }
        }
        final String currency = price.currency();
        if (currency != null)
        {
            attributes.put("currency", List.of(currency));
        }
        final boolean inStock = availability(fields, attributes);
        put(attributes, "item_group_id", fields.get("item_group_id"));
        for (final String label : CUSTOM_LABELS)
        {
            put(attributes, labels.getOrDefault(label, label), fields.get(label));
        }
        for (final String name : PLAIN_ATTRIBUTES)
        {
            put(attributes, name, fields.get(name));
        }
        if (attributes.size() > limits.maxAttributes())
        {
            throw new InvalidInput("attributes", "at most " + limits.maxAttributes() + " attributes");
        }
        return new Product(id, title, category, brand, paid, Collections.unmodifiableMap(attributes), inStock,
            Product.UNKNOWN_LAUNCH, false, null);
    }

    private String category(final Map<String, String> fields) throws InvalidInput
    {
        String source = "product_type";
        String text = fields.getOrDefault(source, "");
        if (text.isBlank())
        {
            source = "google_product_category";
            text = fields.getOrDefault(source, "");
        }
        if (text.isBlank())
        {
            return NO_CATEGORY;
        }
        // Merchant Center separates levels with " > "; several paths may follow each other after a comma
        final int comma = text.indexOf(',');
        final String first = comma > 0 && "product_type".equals(source) ? text.substring(0, comma) : text;
        final List<String> segments = new ArrayList<>();
        for (final String level : first.split(">"))
        {
            final String segment = WHITESPACE.matcher(level.replace(Product.CATEGORY_SEPARATOR, '-')
                .replace('\\', '-')).replaceAll(" ").trim();
            if (segment.isEmpty() || ".".equals(segment) || "..".equals(segment))
            {
                continue;
            }
            if (segments.size() == InputLimits.MAX_CATEGORY_DEPTH)
            {
                break;
            }
            segments.add(segment.length() > MAX_SEGMENT ? segment.substring(0, MAX_SEGMENT).trim() : segment);
        }
        if (segments.isEmpty())
        {
            throw new InvalidInput(source, source + " must name a category, e.g. Apparel > Shoes > Running");
        }
        try
        {
            return ProductJsonReader.category(String.join(String.valueOf(Product.CATEGORY_SEPARATOR), segments));
        }
        catch (final InvalidInput ex)
        {
            throw new InvalidInput(source, ex.reason());
        }
    }

    private static boolean availability(final Map<String, String> fields, final Map<String, List<String>> attributes)
        throws InvalidInput
    {
        final String value = fields.getOrDefault("availability", "").toLowerCase(Locale.ROOT).replace(' ', '_');
        switch (value)
        {
            case "", "in_stock" ->
            {
                return true;
            }
            case "out_of_stock" ->
            {
                return false;
            }
            case "preorder", "backorder" ->
            {
                attributes.put("availability", List.of(value));
                return true;
            }
            default -> throw new InvalidInput("availability", "availability must be in_stock, out_of_stock, " +
                "preorder or backorder");
        }
    }

    private Amount amount(final String field, final String text) throws InvalidInput
    {
        final Matcher matcher = AMOUNT.matcher(text.trim());
        if (!matcher.matches())
        {
            throw new InvalidInput(field, field + " must be an amount and a currency, e.g. 19.99 EUR");
        }
        final String number = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
        final String currency = matcher.group(1) != null ? matcher.group(2) : matcher.group(3);
        final double value = Double.parseDouble(number.replace(',', '.'));
        if (value > limits.maxAmount())
        {
            throw new InvalidInput(field, field + " must be at most " + limits.maxAmount());
        }
        return new Amount(value, currency == null ? null : currency.toUpperCase(Locale.ROOT));
    }

    private void put(final Map<String, List<String>> attributes, final String name, final String value)
        throws InvalidInput
    {
        if (value == null || value.isBlank())
        {
            return;
        }
        attributes.put(name, List.of(Fields.text(name, WHITESPACE.matcher(value).replaceAll(" ").trim(),
            Math.min(MAX_VALUE, limits.maxTextLength()))));
    }

    private record Amount(double value, String currency)
    {
    }
}
