package io.tailor.server.feed;

import java.util.Locale;

/**
 * How a feed is written: the {@code format} of a feed definition and of {@code tailor feed import --format}.
 */
public enum FeedFormat
{
    /** Google Merchant Center XML: RSS 2.0 {@code <item>} or Atom {@code <entry>} with the {@code g:} namespace. */
    MERCHANT_XML("merchant-xml"),
    /** Tab-separated values, a header line naming the fields. */
    TSV("tsv"),
    /** Comma-separated values (RFC 4180 quoting), a header line naming the fields. */
    CSV("csv");

    private final String wireName;

    FeedFormat(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * The name in definitions and on the command line.
     *
     * @return e.g. {@code merchant-xml}.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * The format of a wire name.
     *
     * @param name e.g. {@code tsv}.
     * @return the format, or {@code null} when unknown.
     */
    public static FeedFormat fromWireName(final String name)
    {
        for (final FeedFormat format : values())
        {
            if (format.wireName.equals(name))
            {
                return format;
            }
        }
        return null;
    }

    /**
     * The format a file name's extension says: {@code .xml}, {@code .tsv} or {@code .txt} (Merchant Center's name
     * for TSV), {@code .csv}; a trailing {@code .gz} is not looked through.
     *
     * @param fileName the file name.
     * @return the format, or {@code null} when the extension says none.
     */
    public static FeedFormat fromFileName(final String fileName)
    {
        final String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom"))
        {
            return MERCHANT_XML;
        }
        if (name.endsWith(".tsv") || name.endsWith(".txt"))
        {
            return TSV;
        }
        return name.endsWith(".csv") ? CSV : null;
    }
}
