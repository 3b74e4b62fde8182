package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.server.config.InputLimits;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reading and checking single JSON values: the shared rules of every request body and parameter.
 */
public final class Fields
{
    private Fields()
    {
    }

    /**
     * A field name as problems name it: an empty key becomes {@code ""}, so that the field a problem names is
     * never blank.
     *
     * @param name the key as sent.
     * @return the key, or {@code ""} (two quotes) for the empty key.
     */
    public static String name(final String name)
    {
        return name == null || name.isEmpty() ? "\"\"" : name;
    }

    /**
     * Checks an id.
     *
     * @param field field path for the error.
     * @param value the id.
     * @return the id.
     * @throws InvalidInput when it is not a valid id.
     */
    public static String id(final String field, final String value) throws InvalidInput
    {
        if (value == null || value.isEmpty())
        {
            throw new InvalidInput(field, field + " must not be empty");
        }
        if (!InputLimits.isId(value))
        {
            throw notAnId(field);
        }
        return value;
    }

    /**
     * Checks a string value as an id where the parser holds its characters ({@link JsonParser#getTextCharacters()}),
     * before any string is made of it.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @throws InvalidInput when it is not a string or not a valid id.
     * @throws IOException  when the JSON is malformed.
     */
    public static void checkIdCharacters(final JsonParser parser, final String field) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_STRING)
        {
            throw new InvalidInput(field, field + " must be a string");
        }
        final int length = parser.getTextLength();
        if (length == 0)
        {
            throw new InvalidInput(field, field + " must not be empty");
        }
        if (!InputLimits.isId(parser.getTextCharacters(), parser.getTextOffset(), length))
        {
            throw notAnId(field);
        }
    }

    private static InvalidInput notAnId(final String field)
    {
        return new InvalidInput(field, field + " must be 1 to 128 characters of letters, digits and . _ : @ + - = ~" +
            ", starting with a letter, digit or _");
    }

    /**
     * Reads a string value and checks it as an id.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @return the id.
     * @throws InvalidInput when it is not a string or not a valid id.
     * @throws IOException  when the JSON is malformed.
     */
    public static String readId(final JsonParser parser, final String field) throws InvalidInput, IOException
    {
        return id(field, readString(parser, field));
    }

    /**
     * Reads a string value.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @return the string.
     * @throws InvalidInput when the value is not a string.
     * @throws IOException  when the JSON is malformed.
     */
    public static String readString(final JsonParser parser, final String field) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_STRING)
        {
            throw new InvalidInput(field, field + " must be a string");
        }
        return parser.getText();
    }

    /**
     * Reads free text: a string without control characters, at most {@link InputLimits#MAX_TEXT_LENGTH}.
     *
     * @param parser    parser positioned on the value.
     * @param field     field path.
     * @param maxLength largest length accepted.
     * @return the text.
     * @throws InvalidInput when invalid.
     * @throws IOException  when the JSON is malformed.
     */
    public static String readText(final JsonParser parser, final String field, final int maxLength)
        throws InvalidInput, IOException
    {
        final String text = readString(parser, field);
        return text(field, text, maxLength);
    }

    /**
     * Checks free text.
     *
     * @param field     field path.
     * @param text      the text.
     * @param maxLength largest length accepted.
     * @return the text.
     * @throws InvalidInput when too long or holding control characters.
     */
    public static String text(final String field, final String text, final int maxLength) throws InvalidInput
    {
        if (text.length() > maxLength)
        {
            throw new InvalidInput(field, field + " must be at most " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c) &&
                !validSurrogatePair(text, i))
            {
                throw new InvalidInput(field, field + " must not contain control characters");
            }
            if (Character.isHighSurrogate(c))
            {
                i++;
            }
        }
        return text;
    }

    /**
     * Reads a finite number within bounds.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @param min    smallest accepted.
     * @param max    largest accepted.
     * @return the number.
     * @throws InvalidInput when not a number, not finite or out of bounds.
     * @throws IOException  when the JSON is malformed.
     */
    public static double readNumber(final JsonParser parser, final String field, final double min, final double max)
        throws InvalidInput, IOException
    {
        final JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT)
        {
            throw new InvalidInput(field, field + " must be a number");
        }
        final double value = parser.getDoubleValue();
        if (!Double.isFinite(value) || value < min || value > max)
        {
            throw new InvalidInput(field, field + " must be a number in " + plain(min) + ".." + plain(max));
        }
        return value;
    }

    /**
     * Reads an integer within bounds.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @param min    smallest accepted.
     * @param max    largest accepted.
     * @return the integer.
     * @throws InvalidInput when not an integer or out of bounds.
     * @throws IOException  when the JSON is malformed.
     */
    public static int readInt(final JsonParser parser, final String field, final int min, final int max)
        throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT)
        {
            throw new InvalidInput(field, field + " must be an integer");
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT)
        {
            throw new InvalidInput(field, field + " must be an integer in " + min + ".." + max);
        }
        final int value = parser.getIntValue();
        if (value < min || value > max)
        {
            throw new InvalidInput(field, field + " must be an integer in " + min + ".." + max);
        }
        return value;
    }

    /**
     * Reads a boolean.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @return the value.
     * @throws InvalidInput when not a boolean.
     */
    public static boolean readBoolean(final JsonParser parser, final String field) throws InvalidInput
    {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE)
        {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE)
        {
            return false;
        }
        throw new InvalidInput(field, field + " must be true or false");
    }

    /**
     * Reads a time: an ISO-8601 string with offset (e.g. {@code 2026-11-25T10:15:30Z}) or epoch milliseconds.
     *
     * @param parser parser positioned on the value.
     * @param field  field path.
     * @return epoch milliseconds.
     * @throws InvalidInput when not a time.
     * @throws IOException  when the JSON is malformed.
     */
    public static long readTime(final JsonParser parser, final String field) throws InvalidInput, IOException
    {
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT)
        {
            if (parser.getNumberType() != JsonParser.NumberType.INT &&
                parser.getNumberType() != JsonParser.NumberType.LONG)
            {
                throw new InvalidInput(field, field + " must be an ISO-8601 time or epoch milliseconds");
            }
            return parser.getLongValue();
        }
        if (token != JsonToken.VALUE_STRING)
        {
            throw new InvalidInput(field, field + " must be an ISO-8601 time such as 2026-11-25T10:15:30Z");
        }
        return parseTime(field, parser.getText());
    }

    /**
     * Parses an ISO-8601 time with offset.
     *
     * @param field field path.
     * @param text  the time.
     * @return epoch milliseconds.
     * @throws InvalidInput when not a time.
     */
    public static long parseTime(final String field, final String text) throws InvalidInput
    {
        if (text.length() > 64)
        {
            throw new InvalidInput(field, field + " must be an ISO-8601 time such as 2026-11-25T10:15:30Z");
        }
        try
        {
            return Instant.parse(text).toEpochMilli();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            // ArithmeticException: a valid year such as +999999999 has no epoch milliseconds.
            try
            {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            catch (final DateTimeParseException | ArithmeticException again)
            {
                throw new InvalidInput(field, field + " must be an ISO-8601 time such as 2026-11-25T10:15:30Z");
            }
        }
    }

    /**
     * Skips a value of any kind, refusing nesting deeper than {@code maxDepth}.
     *
     * @param parser   parser positioned on the value.
     * @param field    field path.
     * @param maxDepth deepest nesting accepted.
     * @throws InvalidInput when nested too deeply.
     * @throws IOException  when the JSON is malformed.
     */
    public static void skipBounded(final JsonParser parser, final String field, final int maxDepth)
        throws InvalidInput, IOException
    {
        final JsonToken token = parser.currentToken();
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY)
        {
            return;
        }
        int depth = 1;
        while (depth > 0)
        {
            final JsonToken next = parser.nextToken();
            if (next == null)
            {
                throw new InvalidInput(field, "unexpected end of input in " + field);
            }
            if (next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY)
            {
                depth++;
                if (depth > maxDepth)
                {
                    throw new InvalidInput(field, field + " must not be nested deeper than " + maxDepth + " levels");
                }
            }
            else if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY)
            {
                depth--;
            }
        }
    }

    private static boolean validSurrogatePair(final String text, final int i)
    {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() &&
            Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static String plain(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ?
            Long.toString((long)value) : Double.toString(value);
    }
}
