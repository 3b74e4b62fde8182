package io.tailor.server.feed;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a TSV or CSV feed as a stream with jackson-dataformat-csv: a header line naming the fields as Merchant
 * Center does ({@code id}, {@code title}, {@code price}, ...; a {@code g:} prefix is dropped), then one item per
 * row. CSV quotes as RFC 4180 does; TSV, as Merchant Center writes it, has no quoting. A row with another number of
 * columns than the header is broken and skipped; empty lines are skipped. Only the row being read is in memory.
 */
public final class DelimitedFeedReader
{
    private static final CsvFactory FACTORY = new CsvFactory();

    private DelimitedFeedReader()
    {
    }

    /**
     * Reads every row.
     *
     * @param in     the feed, UTF-8 (a byte-order mark is skipped); not closed.
     * @param format {@link FeedFormat#TSV} or {@link FeedFormat#CSV}.
     * @param sink   receives the items.
     * @throws FeedAborted when there is no header, the quoting breaks off (rows before it were given) or the sink
     *                     stopped.
     */
    public static void read(final InputStream in, final FeedFormat format, final FeedSink sink) throws FeedAborted
    {
        final CsvSchema schema = format == FeedFormat.TSV ?
            CsvSchema.emptySchema().withColumnSeparator('\t').withoutQuoteChar().withoutEscapeChar() :
            CsvSchema.emptySchema().withColumnSeparator(',').withQuoteChar('"');
        final Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        long line = 1;
        try (CsvParser csv = FACTORY.createParser(reader))
        {
            csv.setSchema(schema);
            csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            csv.disable(CsvParser.Feature.TRIM_SPACES);
            List<String> header = null;
            final List<String> row = new ArrayList<>();
            // without a schema's columns, each row is an array of strings
            for (JsonToken token = csv.nextToken(); token != null; token = csv.nextToken())
            {
                if (token == JsonToken.START_ARRAY)
                {
                    // the parser counts rows' lines from 0
                    line = csv.currentTokenLocation().getLineNr() + 1L;
                    row.clear();
                }
                else if (token == JsonToken.VALUE_STRING)
                {
                    row.add(csv.getText());
                }
                else if (token == JsonToken.END_ARRAY && header == null)
                {
                    header = header(row);
                }
                else if (token == JsonToken.END_ARRAY && !(row.size() == 1 && row.get(0).isBlank()))
                {
                    deliver(header, row, line, sink);
                }
            }
            if (header == null)
            {
                throw new FeedAborted(1, "the feed is empty: a header line naming the fields is needed");
            }
        }
        catch (final IOException ex)
        {
            throw new FeedAborted(line, "the " + format.wireName() + " cannot be read on: " +
                firstLine(ex.getMessage()));
        }
    }

    private static List<String> header(final List<String> row) throws FeedAborted
    {
        final List<String> names = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++)
        {
            String name = row.get(i).trim().toLowerCase(Locale.ROOT);
            if (i == 0 && !name.isEmpty() && name.charAt(0) == '\uFEFF')
            {
                name = name.substring(1);
            }
            if (name.startsWith("g:"))
            {
                name = name.substring(2);
            }
            names.add(name);
        }
        if (!names.contains("id"))
        {
            throw new FeedAborted(1, "the header line must name the fields and have an id column, as Merchant " +
                "Center feeds do: id, title, price, ...");
        }
        return List.copyOf(names);
    }

    private static void deliver(final List<String> header, final List<String> row, final long line,
        final FeedSink sink) throws FeedAborted
    {
        if (row.size() != header.size())
        {
            sink.broken(line, row.size() + " columns where the header has " + header.size());
            return;
        }
        final Map<String, String> fields = new HashMap<>(header.size() * 2);
        for (int i = 0; i < header.size(); i++)
        {
            fields.putIfAbsent(header.get(i), row.get(i).trim());
        }
        sink.item(line, fields);
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "unreadable";
        }
        final int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
