package io.tailor.client;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One interaction, as {@code POST /v1/events} takes it ({@code Event} in openapi.yaml). Every event has an
 * {@code id}, random unless given: the node counts an id it has seen as a duplicate, so a batch sent again after
 * a lost answer counts once. The node checks the rest (which fields each type needs) and names what is wrong.
 */
public final class Event
{
    private final String id;
    private final String type;
    private final String user;
    private final String anonymousId;
    private final String loyaltyId;
    private final String product;
    private final List<LineItem> items;
    private final Double value;
    private final Instant ts;
    private final String channel;
    private final String store;
    private final String requestId;
    private final Map<String, ?> properties;

    private Event(final Builder builder)
    {
        this.id = builder.id != null ? builder.id : UUID.randomUUID().toString();
        this.type = Objects.requireNonNull(builder.type, "type");
        this.user = builder.user;
        this.anonymousId = builder.anonymousId;
        this.loyaltyId = builder.loyaltyId;
        this.product = builder.product;
        this.items = builder.items == null ? null : List.copyOf(builder.items);
        this.value = builder.value;
        this.ts = builder.ts;
        this.channel = builder.channel;
        this.store = builder.store;
        this.requestId = builder.requestId;
        this.properties = builder.properties == null ? null : Map.copyOf(builder.properties);
        if (user == null && anonymousId == null && loyaltyId == null)
        {
            throw new IllegalArgumentException("an event names its shopper: user, anonymousId or loyaltyId");
        }
    }

    /**
     * An event of a type: {@code view}, {@code click}, {@code add_to_cart}, {@code remove_from_cart},
     * {@code purchase}, {@code refund}, {@code rating}, {@code search}, {@code service}, {@code impression},
     * {@code identify}.
     *
     * @param type the type.
     * @return a builder.
     */
    public static Builder builder(final String type)
    {
        return new Builder(type);
    }

    /**
     * A customer viewed a product.
     *
     * @param user    customer id.
     * @param product product id.
     * @return the event.
     */
    public static Event view(final String user, final String product)
    {
        return builder("view").user(user).product(product).build();
    }

    /**
     * A customer clicked a recommended product.
     *
     * @param user      customer id.
     * @param product   product id.
     * @param requestId the {@code requestId} of the list it was in, so the click is credited to it.
     * @return the event.
     */
    public static Event click(final String user, final String product, final String requestId)
    {
        return builder("click").user(user).product(product).requestId(requestId).build();
    }

    /**
     * The idempotency key.
     *
     * @return the id.
     */
    public String id()
    {
        return id;
    }

    /**
     * The type.
     *
     * @return the type.
     */
    public String type()
    {
        return type;
    }

    /**
     * Writes the event as one JSON object.
     *
     * @param json where to.
     * @throws IOException when the generator fails.
     */
    void write(final JsonGenerator json) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("type", type);
        field(json, "user", user);
        field(json, "anonymousId", anonymousId);
        field(json, "loyaltyId", loyaltyId);
        field(json, "product", product);
        if (items != null)
        {
            json.writeArrayFieldStart("items");
            for (final LineItem item : items)
            {
                json.writeStartObject();
                json.writeStringField("product", item.product());
                json.writeNumberField("quantity", item.quantity());
                if (item.price() != null)
                {
                    json.writeNumberField("price", item.price());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (value != null)
        {
            json.writeNumberField("value", value);
        }
        if (ts != null)
        {
            json.writeStringField("ts", ts.toString());
        }
        field(json, "channel", channel);
        field(json, "store", store);
        field(json, "requestId", requestId);
        if (properties != null)
        {
            json.writeFieldName("properties");
            json.writeObject(properties);
        }
        json.writeEndObject();
    }

    private static void field(final JsonGenerator json, final String name, final String text) throws IOException
    {
        if (text != null)
        {
            json.writeStringField(name, text);
        }
    }

    /**
     * A line of a purchase or refund.
     *
     * @param product  product id.
     * @param quantity how many, at least 1.
     * @param price    unit price, or {@code null}.
     */
    public record LineItem(String product, int quantity, Double price)
    {
        /**
         * Validates.
         *
         * @param product  product.
         * @param quantity quantity.
         * @param price    price.
         */
        public LineItem
        {
            Objects.requireNonNull(product, "product");
            if (quantity < 1)
            {
                throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
            }
        }
    }

    /** Builds an event; fields left unset are not sent. */
    public static final class Builder
    {
        private final String type;
        private String id;
        private String user;
        private String anonymousId;
        private String loyaltyId;
        private String product;
        private List<LineItem> items;
        private Double value;
        private Instant ts;
        private String channel;
        private String store;
        private String requestId;
        private Map<String, ?> properties;

        private Builder(final String type)
        {
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * The idempotency key; by default a random UUID. Give one when the event has its own identity (an
         * order line), so that sending it again from anywhere counts once.
         *
         * @param value the id.
         * @return this.
         */
        public Builder id(final String value)
        {
            id = value;
            return this;
        }

        /**
         * The customer id.
         *
         * @param value id.
         * @return this.
         */
        public Builder user(final String value)
        {
            user = value;
            return this;
        }

        /**
         * The anonymous (cookie or device) id.
         *
         * @param value id.
         * @return this.
         */
        public Builder anonymousId(final String value)
        {
            anonymousId = value;
            return this;
        }

        /**
         * A loyalty card.
         *
         * @param value id.
         * @return this.
         */
        public Builder loyaltyId(final String value)
        {
            loyaltyId = value;
            return this;
        }

        /**
         * The product.
         *
         * @param value id.
         * @return this.
         */
        public Builder product(final String value)
        {
            product = value;
            return this;
        }

        /**
         * Adds a purchase line.
         *
         * @param productId product.
         * @param quantity  quantity.
         * @param price     unit price, or {@code null}.
         * @return this.
         */
        public Builder item(final String productId, final int quantity, final Double price)
        {
            if (items == null)
            {
                items = new ArrayList<>(4);
            }
            items.add(new LineItem(productId, quantity, price));
            return this;
        }

        /**
         * The value (an amount, a rating).
         *
         * @param amount value.
         * @return this.
         */
        public Builder value(final double amount)
        {
            value = amount;
            return this;
        }

        /**
         * When it happened; by default when the node receives it.
         *
         * @param time instant.
         * @return this.
         */
        public Builder ts(final Instant time)
        {
            ts = time;
            return this;
        }

        /**
         * The channel: {@code web}, {@code app}, {@code store}, {@code callcenter}.
         *
         * @param value channel.
         * @return this.
         */
        public Builder channel(final String value)
        {
            channel = value;
            return this;
        }

        /**
         * The store (for {@code store} events).
         *
         * @param value id.
         * @return this.
         */
        public Builder store(final String value)
        {
            store = value;
            return this;
        }

        /**
         * The {@code requestId} of the recommended list the event came from, for attribution.
         *
         * @param value the list's request id.
         * @return this.
         */
        public Builder requestId(final String value)
        {
            requestId = value;
            return this;
        }

        /**
         * Free-form context (string keys; strings, numbers, booleans, lists and maps as values).
         *
         * @param value properties.
         * @return this.
         */
        public Builder properties(final Map<String, ?> value)
        {
            properties = value;
            return this;
        }

        /**
         * The event.
         *
         * @return the event, with a random id unless one was given.
         */
        public Event build()
        {
            return new Event(this);
        }
    }
}
