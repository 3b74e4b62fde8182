package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RawJsonValueTest
{
    private static final byte[] START = "{\"product\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"score\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldBeWrittenAsValuesWithTheGeneratorsSeparators() throws IOException
    {
        final RawJsonValue value = new RawJsonValue(4);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.FACTORY.createGenerator(out))
        {
            json.writeStartObject();
            json.writeFieldName("items");
            json.writeStartArray();
            for (int i = 0; i < 3; i++)
            {
                assertThat(item(value, "p-" + i, i + 0.25f)).isTrue();
                json.writeRawValue(value);
            }
            json.writeEndArray();
            json.writeFieldName("score");
            value.clear();
            value.appendScore(-2f);
            json.writeRawValue(value);
            json.writeEndObject();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"items\":[{\"product\":\"p-0\",\"score\":0.25}," +
            "{\"product\":\"p-1\",\"score\":1.25},{\"product\":\"p-2\",\"score\":2.25}],\"score\":-2}");
    }

    @Test
    void shouldReachTheOutputWholeWhenTheGeneratorsBufferIsFull() throws IOException
    {
        // Enough values to fill the generator's buffer (8,000 bytes) several times: some of them do not fit in what
        // is left of it and go through the copy.
        final RawJsonValue value = new RawJsonValue(64);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Json.FACTORY.createGenerator(out))
        {
            json.writeStartArray();
            for (int i = 0; i < 2_000; i++)
            {
                item(value, "product-" + i, i / 7f);
                json.writeRawValue(value);
            }
            json.writeEndArray();
        }

        final JsonNode items = new ObjectMapper().readTree(out.toByteArray());
        assertThat(items).hasSize(2_000);
        for (int i = 0; i < 2_000; i++)
        {
            assertThat(items.get(i).get("product").asText()).isEqualTo("product-" + i);
            assertThat(items.get(i).get("score").asDouble()).isCloseTo(i / 7.0, Offset.offset(1e-4));
        }
    }

    @Test
    void shouldQuoteItsTextAsAJsonStringWhenUsedAsOne()
    {
        final RawJsonValue value = new RawJsonValue(8);
        item(value, "p-1", 0.5f);

        assertThat(new String(value.asQuotedChars())).isEqualTo("{\\\"product\\\":\\\"p-1\\\",\\\"score\\\":0.5}");
        assertThat(new String(value.asQuotedUTF8(), StandardCharsets.UTF_8))
            .isEqualTo(new String(value.asQuotedChars()));
    }

    @Test
    void shouldAppendNothingForAScoreSixDecimalsCannotSay()
    {
        final RawJsonValue value = new RawJsonValue(8);
        value.append(START);

        assertThat(value.appendScore(Float.NaN)).isFalse();
        assertThat(value.appendScore(0.0000001f)).isFalse();
        assertThat(value.length()).isEqualTo(START.length);
        assertThat(value.getValue()).isEqualTo("{\"product\":\"");
    }

    /** An item's text: {"product":"ID","score":SCORE}; whether the score could be written. */
    private static boolean item(final RawJsonValue value, final String id, final float score)
    {
        value.clear();
        value.append(START).appendAscii(id).append(MIDDLE);
        final boolean scored = value.appendScore(score);
        value.append(END);
        return scored;
    }
}
