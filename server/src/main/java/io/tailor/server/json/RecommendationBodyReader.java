package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.scoring.rank.RecommendationRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /v1/recommendations} ({@code RecommendationQuery} in openapi.yaml): the
 * same parameters as the query string of the {@code GET}, plus the cart's contents, other context
 * products and products to leave out. Unknown fields are refused.
 */
public final class RecommendationBodyReader
{
    /** Largest body accepted; a recommendation query is a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private RecommendationBodyReader()
    {
    }

    /**
     * The query as sent; ids are checked, placement and category are left to the handler, which checks
     * them exactly as for the {@code GET}.
     *
     * @param user              customer id, or {@code null}.
     * @param anonymousId       anonymous id, or {@code null}.
     * @param placement         placement's wire name, or {@code null} for the default.
     * @param product           the page's product, or {@code null}.
     * @param cart              ids of the products in the cart.
     * @param context           ids of other products the page is about (e.g. this session's, client-side).
     * @param exclude           ids never to recommend in this answer.
     * @param k                 items wanted, or 0 for the default.
     * @param category          category filter, or {@code null}.
     * @param explain           whether to explain each item.
     * @param recordImpressions whether the answer counts as shown for the frequency cap.
     */
    public record Body(String user, String anonymousId, String placement, String product, List<String> cart,
        List<String> context, List<String> exclude, int k, String category, boolean explain,
        boolean recordImpressions)
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
        return OneJsonObject.read(bytes, RecommendationBodyReader::readObject);
    }

    private static Body readObject(final JsonParser parser) throws InvalidInput, IOException
    {
        String user = null;
        String anonymousId = null;
        String placement = null;
        String product = null;
        List<String> cart = List.of();
        List<String> context = List.of();
        List<String> exclude = List.of();
        int k = 0;
        String category = null;
        boolean explain = false;
        boolean recordImpressions = true;
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
                case "product" -> product = Fields.readId(parser, "product");
                case "cart" -> cart = readIds(parser, "cart");
                case "context" -> context = readIds(parser, "context");
                case "exclude" -> exclude = readIds(parser, "exclude");
                case "k" -> k = Fields.readInt(parser, "k", 1, RecommendationRequest.MAX_K);
                case "category" -> category = Fields.readString(parser, "category");
                case "explain" -> explain = Fields.readBoolean(parser, "explain");
                case "recordImpressions" -> recordImpressions = Fields.readBoolean(parser, "recordImpressions");
                default -> throw new InvalidInput(name, "unknown field " + name);
            }
        }
        if (user == null && anonymousId == null)
        {
            throw new InvalidInput("user", "user or anonymousId is required");
        }
        if (cart.size() + context.size() > RecommendationRequest.MAX_CONTEXT)
        {
            throw new InvalidInput("context", "cart and context together may name at most " +
                RecommendationRequest.MAX_CONTEXT + " products");
        }
        return new Body(user, anonymousId, placement, product, cart, context, exclude, k, category, explain,
            recordImpressions);
    }

    private static List<String> readIds(final JsonParser parser, final String field) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw new InvalidInput(field, field + " must be an array of product ids");
        }
        final List<String> ids = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY)
        {
            if (ids.size() == RecommendationRequest.MAX_CONTEXT)
            {
                throw new InvalidInput(field, field + " may name at most " + RecommendationRequest.MAX_CONTEXT +
                    " products");
            }
            ids.add(Fields.readId(parser, field + "[" + ids.size() + "]"));
        }
        return ids;
    }
}
