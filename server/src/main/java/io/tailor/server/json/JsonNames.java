package io.tailor.server.json;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Field names written for every item of every answer, escaped and encoded once
 * ({@link com.fasterxml.jackson.core.JsonGenerator#writeFieldName(com.fasterxml.jackson.core.SerializableString)}).
 */
public final class JsonNames
{
    /** An item's product id. */
    public static final SerializedString PRODUCT = new SerializedString("product");
    /** An item's score. */
    public static final SerializedString SCORE = new SerializedString("score");
    /** An item's reasons. */
    public static final SerializedString REASONS = new SerializedString("reasons");

    private JsonNames()
    {
    }
}
