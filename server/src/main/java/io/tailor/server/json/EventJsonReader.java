package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.server.config.InputLimits;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one event object and validates it against the API contract ({@code Event} in openapi.yaml).
 * <p>
 * Unknown fields are refused rather than ignored, so a misspelt field is reported instead of silently
 * dropping data. A missing {@code ts} means now (server time).
 */
public final class EventJsonReader
{
    private final InputLimits limits;

    /**
     * Reader with limits.
     *
     * @param limits input limits.
     */
    public EventJsonReader(final InputLimits limits)
    {
        this.limits = limits;
    }

    /**
     * Reads an event.
     *
     * @param parser parser positioned on the event's {@code START_OBJECT}; left on its {@code END_OBJECT}.
     * @param nowMs  server time, for a missing {@code ts} and the time bounds.
     * @return the validated event.
     * @throws InvalidInput when the event breaks the contract.
     * @throws IOException  when the JSON is malformed.
     */
    public Event read(final JsonParser parser, final long nowMs) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT)
        {
            throw new InvalidInput(null, "an event must be a JSON object");
        }
        String id = null;
        EventType type = null;
        String user = null;
        String anonymousId = null;
        String product = null;
        List<LineItem> items = List.of();
        double value = Double.NaN;
        long ts = Long.MIN_VALUE;
        Channel channel = Channel.WEB;
        String store = null;
        String requestId = null;
        String loyaltyId = null;
        boolean gpc = false;

        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = Fields.name(parser.currentName());
            final JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL)
            {
                throw new InvalidInput(name, name + " must not be null; leave it out instead");
            }
            switch (name)
            {
                case "id" -> id = Fields.readId(parser, "id");
                case "type" ->
                {
                    final String wire = Fields.readString(parser, "type");
                    type = EventType.fromWireName(wire);
                    if (type == null)
                    {
                        throw new InvalidInput("type", "type must be one of view, click, add_to_cart, " +
                            "remove_from_cart, purchase, refund, rating, search, service, impression, identify");
                    }
                }
                case "user" -> user = Fields.readId(parser, "user");
                case "anonymousId" -> anonymousId = Fields.readId(parser, "anonymousId");
                case "product" -> product = Fields.readId(parser, "product");
                case "items" -> items = readItems(parser);
                case "value" -> value = Fields.readNumber(parser, "value", -limits.maxAmount(), limits.maxAmount());
                case "ts" -> ts = Fields.readTime(parser, "ts");
                case "channel" ->
                {
                    channel = Channel.fromWireName(Fields.readString(parser, "channel"));
                    if (channel == null)
                    {
                        throw new InvalidInput("channel", "channel must be one of web, app, store, callcenter");
                    }
                }
                case "store" -> store = Fields.readId(parser, "store");
                case "requestId" -> requestId = Fields.readId(parser, "requestId");
                case "loyaltyId" -> loyaltyId = Fields.readId(parser, "loyaltyId");
                case "gpc" -> gpc = Fields.readBoolean(parser, "gpc");
                case "properties" ->
                {
                    if (token != JsonToken.START_OBJECT)
                    {
                        throw new InvalidInput("properties", "properties must be an object");
                    }
                    Fields.skipBounded(parser, "properties", limits.maxPropertiesDepth());
                }
                default -> throw new InvalidInput(name, "unknown field " + name);
            }
        }

        if (type == null)
        {
            throw new InvalidInput("type", "type is required");
        }
        if (user == null && anonymousId == null && loyaltyId == null)
        {
            throw new InvalidInput("user", "user, anonymousId or loyaltyId is required");
        }
        if (type == EventType.IDENTIFY && (user == null || (anonymousId == null) == (loyaltyId == null)))
        {
            throw new InvalidInput(user == null ? "user" : "anonymousId",
                "an identify event links user to one anonymousId or loyaltyId");
        }
        checkProduct(type, product, items);
        if (type == EventType.RATING && !(value >= 0 && value <= 5))
        {
            throw new InvalidInput("value", "a rating needs value in 0..5");
        }
        if (ts == Long.MIN_VALUE)
        {
            ts = nowMs;
        }
        else if (ts > nowMs + limits.maxFutureSkew().toMillis())
        {
            throw new InvalidInput("ts", "ts must not be more than " + limits.maxFutureSkew().toMinutes() +
                " minutes in the future");
        }
        else if (ts < nowMs - limits.maxEventAge().toMillis())
        {
            throw new InvalidInput("ts", "ts must not be more than " + limits.maxEventAge().toDays() + " days old");
        }
        return new Event(id, type, user, anonymousId, product, items, value, ts, channel, store, requestId,
            loyaltyId, gpc);
    }

    private static void checkProduct(final EventType type, final String product, final List<LineItem> items)
        throws InvalidInput
    {
        switch (type)
        {
            case PURCHASE, REFUND ->
            {
                if (product == null && items.isEmpty())
                {
                    throw new InvalidInput("items", "a " + type.wireName() + " needs items[] or product");
                }
                if (product != null && !items.isEmpty())
                {
                    throw new InvalidInput("product", "give either product or items[], not both");
                }
            }
            case VIEW, CLICK, ADD_TO_CART, REMOVE_FROM_CART, RATING, IMPRESSION ->
            {
                if (product == null)
                {
                    throw new InvalidInput("product", "a " + type.wireName() + " needs product");
                }
                if (!items.isEmpty())
                {
                    throw new InvalidInput("items", "items[] is only for purchase and refund");
                }
            }
            default ->
            {
                if (!items.isEmpty())
                {
                    throw new InvalidInput("items", "items[] is only for purchase and refund");
                }
            }
        }
    }

    private List<LineItem> readItems(final JsonParser parser) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw new InvalidInput("items", "items must be an array");
        }
        final List<LineItem> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY)
        {
            final String path = "items[" + items.size() + "]";
            if (items.size() == limits.maxItems())
            {
                throw new InvalidInput("items", "items must have at most " + limits.maxItems() + " lines");
            }
            if (parser.currentToken() != JsonToken.START_OBJECT)
            {
                throw new InvalidInput(path, path + " must be an object");
            }
            String product = null;
            int quantity = 1;
            double price = Double.NaN;
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = Fields.name(parser.currentName());
                final String field = path + "." + name;
                if (parser.nextToken() == JsonToken.VALUE_NULL)
                {
                    throw new InvalidInput(field, field + " must not be null; leave it out instead");
                }
                switch (name)
                {
                    case "product" -> product = Fields.readId(parser, field);
                    case "quantity" -> quantity = Fields.readInt(parser, field, 1, limits.maxQuantity());
                    case "price" -> price = Fields.readNumber(parser, field, 0, limits.maxAmount());
                    default -> throw new InvalidInput(field, "unknown field " + field);
                }
            }
            if (product == null)
            {
                throw new InvalidInput(path + ".product", path + ".product is required");
            }
            items.add(new LineItem(product, quantity, price));
        }
        if (items.isEmpty())
        {
            throw new InvalidInput("items", "items must not be empty");
        }
        return List.copyOf(items);
    }
}
