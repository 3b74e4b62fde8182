package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body holding one object, a JSON array of objects or NDJSON (one object per line), and
 * keeps every valid element while naming each invalid one, so a batch with some bad lines still lands its
 * good ones.
 *
 * @param <T> element type.
 */
public final class BatchReader<T>
{
    /** Reads one element from a parser positioned on it. */
    @FunctionalInterface
    public interface ElementReader<T>
    {
        /**
         * Reads an element.
         *
         * @param parser parser positioned on the element's first token; must leave it on the element's last.
         * @return the element.
         * @throws InvalidInput when the element breaks the contract.
         * @throws IOException  when the JSON is malformed.
         */
        T read(JsonParser parser) throws InvalidInput, IOException;
    }

    /**
     * One element that was refused.
     *
     * @param index  0-based position of the element in the batch.
     * @param line   1-based line for NDJSON, 0 otherwise.
     * @param field  offending field, or {@code null}.
     * @param reason what is wrong.
     */
    public record Rejection(int index, int line, String field, String reason)
    {
    }

    /**
     * What a body held.
     *
     * @param accepted   valid elements, in order.
     * @param indexes    batch position of each accepted element.
     * @param rejections invalid elements.
     * @param single     whether the body was one object rather than a batch.
     * @param <T>        element type.
     */
    public record Result<T>(List<T> accepted, List<Integer> indexes, List<Rejection> rejections, boolean single)
    {
    }

    /** Thrown when the body as a whole cannot be read. */
    public static final class UnreadableBody extends Exception
    {
        private final boolean tooLarge;

        UnreadableBody(final String reason, final boolean tooLarge)
        {
            super(reason, null, false, false);
            this.tooLarge = tooLarge;
        }

        /**
         * Whether the batch held more elements than allowed.
         *
         * @return true for a too-large batch (413), false for malformed input (400).
         */
        public boolean tooLarge()
        {
            return tooLarge;
        }
    }

    private final ElementReader<T> reader;
    private final int maxElements;
    private final String noun;

    /**
     * Batch reader.
     *
     * @param reader      reads one element.
     * @param maxElements most elements accepted in one body.
     * @param noun        what an element is called in messages, e.g. "event".
     */
    public BatchReader(final ElementReader<T> reader, final int maxElements, final String noun)
    {
        this.reader = reader;
        this.maxElements = maxElements;
        this.noun = noun;
    }

    /**
     * Reads a body.
     *
     * @param body   the bytes.
     * @param ndjson whether the sender declared {@code application/x-ndjson}.
     * @return elements and rejections.
     * @throws UnreadableBody when the body is empty, malformed as a whole, or holds too many elements.
     */
    public Result<T> read(final byte[] body, final boolean ndjson) throws UnreadableBody
    {
        final int first = firstNonWhitespace(body, 0, body.length);
        if (first < 0)
        {
            throw new UnreadableBody("the body is empty", false);
        }
        if (ndjson)
        {
            return readLines(body);
        }
        if (body[first] == '[')
        {
            return readArray(body);
        }
        if (body[first] == '{')
        {
            final int end = objectEnd(body, first);
            if (end > 0 && firstNonWhitespace(body, end, body.length) >= 0)
            {
                return readLines(body);
            }
            return readSingle(body);
        }
        throw new UnreadableBody("the body must be a JSON object, a JSON array or NDJSON", false);
    }

    private Result<T> readSingle(final byte[] body) throws UnreadableBody
    {
        final List<T> accepted = new ArrayList<>(1);
        final List<Rejection> rejections = new ArrayList<>(1);
        try (JsonParser parser = Json.FACTORY.createParser(body))
        {
            parser.nextToken();
            try
            {
                accepted.add(reader.read(parser));
                if (parser.nextToken() != null)
                {
                    throw new InvalidInput(null, "unexpected content after the " + noun);
                }
            }
            catch (final InvalidInput ex)
            {
                rejections.add(new Rejection(0, 0, ex.field(), ex.reason()));
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw new UnreadableBody(describe(ex), false);
        }
        catch (final IOException ex)
        {
            throw new UnreadableBody("the body could not be read: " + ex.getMessage(), false);
        }
        return new Result<>(accepted, accepted.isEmpty() ? List.of() : List.of(0), rejections, true);
    }

    private Result<T> readArray(final byte[] body) throws UnreadableBody
    {
        final List<T> accepted = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        try (JsonParser parser = Json.FACTORY.createParser(body))
        {
            parser.nextToken();
            final int arrayDepth = parser.getParsingContext().getNestingDepth();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY)
            {
                if (parser.currentToken() == null)
                {
                    throw new UnreadableBody("unexpected end of the array", false);
                }
                if (index == maxElements)
                {
                    throw new UnreadableBody("a request may hold at most " + maxElements + " " + noun + "s", true);
                }
                try
                {
                    accepted.add(reader.read(parser));
                    indexes.add(index);
                }
                catch (final InvalidInput ex)
                {
                    rejections.add(new Rejection(index, 0, ex.field(), ex.reason()));
                    while (parser.getParsingContext().getNestingDepth() > arrayDepth)
                    {
                        if (parser.nextToken() == null)
                        {
                            throw new UnreadableBody("unexpected end of the array", false);
                        }
                    }
                }
                index++;
            }
            if (parser.nextToken() != null)
            {
                throw new UnreadableBody("unexpected content after the array", false);
            }
            if (index == 0)
            {
                throw new UnreadableBody("the array is empty: send at least one " + noun, false);
            }
        }
        catch (final JsonProcessingException ex)
        {
            throw new UnreadableBody(describe(ex), false);
        }
        catch (final IOException ex)
        {
            throw new UnreadableBody("the body could not be read: " + ex.getMessage(), false);
        }
        return new Result<>(accepted, indexes, rejections, false);
    }

    private Result<T> readLines(final byte[] body) throws UnreadableBody
    {
        final List<T> accepted = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        int index = 0;
        int line = 0;
        int start = 0;
        while (start < body.length)
        {
            int end = start;
            while (end < body.length && body[end] != '\n')
            {
                end++;
            }
            line++;
            if (firstNonWhitespace(body, start, end) >= 0)
            {
                if (index == maxElements)
                {
                    throw new UnreadableBody("a request may hold at most " + maxElements + " " + noun + "s", true);
                }
                try (JsonParser parser = Json.FACTORY.createParser(body, start, end - start))
                {
                    parser.nextToken();
                    accepted.add(reader.read(parser));
                    if (parser.nextToken() != null)
                    {
                        throw new InvalidInput(null, "unexpected content after the " + noun + " on this line");
                    }
                    indexes.add(index);
                }
                catch (final InvalidInput ex)
                {
                    removeLastIfAdded(accepted, indexes);
                    rejections.add(new Rejection(index, line, ex.field(), ex.reason()));
                }
                catch (final JsonProcessingException ex)
                {
                    removeLastIfAdded(accepted, indexes);
                    rejections.add(new Rejection(index, line, null, describe(ex)));
                }
                catch (final IOException ex)
                {
                    removeLastIfAdded(accepted, indexes);
                    rejections.add(new Rejection(index, line, null, "unreadable line: " + ex.getMessage()));
                }
                index++;
            }
            start = end + 1;
        }
        if (index == 0)
        {
            throw new UnreadableBody("the body is empty", false);
        }
        return new Result<>(accepted, indexes, rejections, false);
    }

    private static <T> void removeLastIfAdded(final List<T> accepted, final List<Integer> indexes)
    {
        if (accepted.size() > indexes.size())
        {
            accepted.remove(accepted.size() - 1);
        }
    }

    private static int firstNonWhitespace(final byte[] body, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
            {
                return i;
            }
        }
        return -1;
    }

    /** End (exclusive) of the object starting at {@code start}, by bracket counting outside strings; -1 if none. */
    private static int objectEnd(final byte[] body, final int start)
    {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < body.length; i++)
        {
            final byte b = body[i];
            if (inString)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b == '{' || b == '[')
            {
                depth++;
            }
            else if (b == '}' || b == ']')
            {
                depth--;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /**
     * A short description of a JSON syntax error, with line and column, without echoing the input.
     *
     * @param ex the parse error.
     * @return the description.
     */
    public static String describe(final JsonProcessingException ex)
    {
        final String message = ex.getOriginalMessage();
        final String what;
        if (ex instanceof StreamConstraintsException)
        {
            what = "the JSON exceeds a limit: " + message;
        }
        else if (message != null && message.startsWith("Duplicate field"))
        {
            what = "duplicate key: " + message.substring("Duplicate field".length()).trim();
        }
        else
        {
            what = "malformed JSON: " + firstLine(message);
        }
        return ex.getLocation() == null ? what :
            what + " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "syntax error";
        }
        final int newline = message.indexOf('\n');
        final String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
