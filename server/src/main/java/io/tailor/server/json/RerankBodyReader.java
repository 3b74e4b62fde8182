package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.util.Hashing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the body of {@code POST /v1/rerank} ({@code RerankQuery} in openapi.yaml): the shopper, the placement,
 * the supplied list ({@code items}, 1 to {@value RecommendationRequest#MAX_RERANK} distinct product ids) and how
 * many of it to return. Unknown fields are refused.
 */
public final class RerankBodyReader
{
    /** Largest body accepted: 500 ids of up to 128 characters, quoted, with room for the rest. */
    public static final int MAX_BODY_BYTES = 128 * 1024;
    /** "items[0]" to "items[499]": an item's field, for its error, made once rather than per item read. */
    private static final String[] ITEM_FIELDS = IntStream.range(0, RecommendationRequest.MAX_RERANK)
        .mapToObj(i -> "items[" + i + "]").toArray(String[]::new);
    /** Slots of the repeat check's table: a power of two, at least twice the most items, so probes stay short. */
    private static final int REPEAT_SLOTS = Integer.highestOneBit(RecommendationRequest.MAX_RERANK) << 2;

    private RerankBodyReader()
    {
    }

    /**
     * The query as sent; ids are checked, the placement is left to the handler.
     *
     * @param user              customer id, or {@code null}.
     * @param anonymousId       anonymous id, or {@code null}.
     * @param placement         placement's wire name, or {@code null} for the default.
     * @param items             the supplied list, in the storefront's order.
     * @param keys              {@link Hashing#key(CharSequence)} of each of {@code items}, in the same order: what
     *                          the catalog is searched by, made while the id is at hand.
     * @param k                 most items to return, or 0 for all.
     * @param explain           whether to explain each item.
     * @param recordImpressions whether the answer counts as shown for the frequency cap.
     */
    public record Body(String user, String anonymousId, String placement, List<String> items, long[] keys, int k,
        boolean explain, boolean recordImpressions)
    {
    }

    /**
     * Reads and checks a body.
     *
     * @param bytes the body.
     * @return the query.
     * @throws InvalidInput naming the field that breaks the contract, or {@code null} for malformed JSON.
     */
    public static Body read(final byte[] bytes) throws InvalidInput
    {
        return OneJsonObject.read(bytes, RerankBodyReader::readObject);
    }

    private static Body readObject(final JsonParser parser) throws InvalidInput, IOException
    {
        String user = null;
        String anonymousId = null;
        String placement = null;
        Items items = null;
        int k = 0;
        boolean explain = false;
        // A search or category page is not a recommendation slot: its products do not count towards the cap
        // unless the storefront says so.
        boolean recordImpressions = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_NULL)
            {
                throw new InvalidInput(name, name + " must not be null; leave it out instead");
            }
            switch (name)
            {
                case "user" -> user = Fields.readId(parser, "user");
                case "anonymousId" -> anonymousId = Fields.readId(parser, "anonymousId");
                case "placement" -> placement = Fields.readString(parser, "placement");
                case "items" -> items = readItems(parser);
                case "k" -> k = Fields.readInt(parser, "k", 1, RecommendationRequest.MAX_RERANK);
                case "explain" -> explain = Fields.readBoolean(parser, "explain");
                case "recordImpressions" -> recordImpressions = Fields.readBoolean(parser, "recordImpressions");
                default -> throw new InvalidInput(name, "unknown field " + name);
            }
        }
        if (user == null && anonymousId == null)
        {
            throw new InvalidInput("user", "user or anonymousId is required");
        }
        if (items == null)
        {
            throw new InvalidInput("items", "items is required: the product ids to order");
        }
        return new Body(user, anonymousId, placement, items.ids(), items.keys(), k, explain, recordImpressions);
    }

    /** The supplied ids and their keys. */
    private record Items(List<String> ids, long[] keys)
    {
    }

    /**
     * Reads the ids, checking and hashing each into its catalog key in the parser's characters, and refuses a
     * repeat by its key (the string compared only when two keys are equal) in a small open-addressing table instead
     * of a set of strings: a 500-id list is a few microseconds of hashing, not a node and a string hash per id.
     */
    private static Items readItems(final JsonParser parser) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw new InvalidInput("items", "items must be an array of product ids");
        }
        final List<String> ids = new ArrayList<>();
        final long[] keys = new long[RecommendationRequest.MAX_RERANK];
        // position + 1 of the id whose key is in a slot; 0 for an empty slot
        final int[] slots = new int[REPEAT_SLOTS];
        while (parser.nextToken() != JsonToken.END_ARRAY)
        {
            final int position = ids.size();
            if (position == RecommendationRequest.MAX_RERANK)
            {
                throw new InvalidInput("items", "items may name at most " + RecommendationRequest.MAX_RERANK +
                    " products");
            }
            final String field = ITEM_FIELDS[position];
            // Checked and hashed in the parser's buffer; the string is made once, for the answer.
            Fields.checkIdCharacters(parser, field);
            final char[] text = parser.getTextCharacters();
            final int offset = parser.getTextOffset();
            final int length = parser.getTextLength();
            final long key = Hashing.key(text, offset, length);
            final String id = new String(text, offset, length);
            int slot = (int)key & (REPEAT_SLOTS - 1);
            while (slots[slot] != 0)
            {
                final int other = slots[slot] - 1;
                if (keys[other] == key && ids.get(other).equals(id))
                {
                    throw new InvalidInput(field, field + " repeats " + id + ": each product once");
                }
                slot = (slot + 1) & (REPEAT_SLOTS - 1);
            }
            slots[slot] = position + 1;
            keys[position] = key;
            ids.add(id);
        }
        if (ids.isEmpty())
        {
            throw new InvalidInput("items", "items must name at least one product");
        }
        return new Items(ids, Arrays.copyOf(keys, ids.size()));
    }
}
