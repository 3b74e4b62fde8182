package io.tailor.server.feed;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a Google Merchant Center XML feed as a stream with the JDK's StAX parser: RSS 2.0 ({@code <item>} in a
 * {@code <channel>}) or Atom ({@code <entry>} in a {@code <feed>}), fields as children in the {@code g:} namespace
 * ({@value #GOOGLE_NAMESPACE}); an item's plain {@code <title>}, {@code <link>} (Atom: its {@code href}) and
 * {@code <description>} count when no {@code g:} element of that name is there. Fields with children of their own
 * ({@code g:shipping}) are skipped. Only the item being read is held in memory.
 * <p>
 * No DTDs and no external entities are read (a feed is untrusted input).
 */
public final class MerchantXmlReader
{
    /** The namespace of Merchant Center's fields. */
    public static final String GOOGLE_NAMESPACE = "http://base.google.com/ns/1.0";
    /** Longest text of one field read; a longer one makes its item broken. */
    public static final int MAX_FIELD_CHARS = 65_536;

    private static final XMLInputFactory FACTORY = factory();

    private MerchantXmlReader()
    {
    }

    private static XMLInputFactory factory()
    {
        final XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * Reads every item.
     *
     * @param in   the feed; not closed.
     * @param sink receives the items.
     * @throws FeedAborted when the XML is not well-formed (items before it were given) or the sink stopped.
     */
    public static void read(final InputStream in, final FeedSink sink) throws FeedAborted
    {
        XMLStreamReader xml = null;
        long line = 1;
        try
        {
            xml = FACTORY.createXMLStreamReader(in);
            while (xml.hasNext())
            {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && isItem(xml))
                {
                    line = xml.getLocation().getLineNumber();
                    readItem(xml, line, sink);
                }
            }
        }
        catch (final XMLStreamException ex)
        {
            final long at = ex.getLocation() == null ? line : ex.getLocation().getLineNumber();
            throw new FeedAborted(at, "the XML is not well-formed: " + firstLine(ex.getMessage()));
        }
        finally
        {
            close(xml);
        }
    }

    private static boolean isItem(final XMLStreamReader xml)
    {
        final String name = xml.getLocalName();
        return "item".equals(name) || "entry".equals(name);
    }

    private static void readItem(final XMLStreamReader xml, final long line, final FeedSink sink)
        throws XMLStreamException, FeedAborted
    {
        final Map<String, String> google = new HashMap<>();
        final Map<String, String> plain = new HashMap<>();
        String tooLong = null;
        while (true)
        {
            final int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT)
            {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT)
            {
                continue;
            }
            final String name = xml.getLocalName();
            final boolean inGoogle = GOOGLE_NAMESPACE.equals(xml.getNamespaceURI());
            final String href = inGoogle ? null : xml.getAttributeValue(null, "href");
            final StringBuilder text = new StringBuilder();
            final boolean flat = readText(xml, text);
            if (text.length() > MAX_FIELD_CHARS)
            {
                tooLong = name;
                continue;
            }
            if (!flat)
            {
                continue;
            }
            final Map<String, String> fields = inGoogle ? google : plain;
            final String value = "link".equals(name) && href != null && text.toString().isBlank() ? href :
                text.toString().trim();
            fields.putIfAbsent(name, value);
        }
        if (tooLong != null)
        {
            sink.broken(line, tooLong + " must be at most " + MAX_FIELD_CHARS + " characters");
            return;
        }
        plain.putAll(google);
        sink.item(line, plain);
    }

    /**
     * Reads a field element up to its end tag.
     *
     * @return whether it had only text (no child elements).
     */
    private static boolean readText(final XMLStreamReader xml, final StringBuilder text) throws XMLStreamException
    {
        int depth = 1;
        boolean flat = true;
        while (depth > 0)
        {
            final int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT)
            {
                depth++;
                flat = false;
            }
            else if (event == XMLStreamConstants.END_ELEMENT)
            {
                depth--;
            }
            else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA ||
                event == XMLStreamConstants.SPACE) && text.length() <= MAX_FIELD_CHARS)
            {
                text.append(xml.getTextCharacters(), xml.getTextStart(),
                    Math.min(xml.getTextLength(), MAX_FIELD_CHARS + 1 - text.length()));
            }
        }
        return flat;
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "unreadable";
        }
        final int message0 = message.lastIndexOf("Message: ");
        final String text = message0 >= 0 ? message.substring(message0 + "Message: ".length()) : message;
        final int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }

    private static void close(final XMLStreamReader xml)
    {
        if (xml == null)
        {
            return;
        }
        try
        {
            xml.close();
        }
        catch (final XMLStreamException ignored)
        {
            // closing a reader never closes the stream; nothing is left to release
        }
    }
}
