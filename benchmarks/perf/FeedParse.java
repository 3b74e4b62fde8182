import io.tailor.server.config.InputLimits;
import io.tailor.server.feed.FeedBatches;
import io.tailor.server.feed.FeedFormat;
import io.tailor.server.feed.FeedProductMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Issue 16 item 2: reads a generated Merchant Center XML feed of a given size through the feed readers and mapping
 * (FeedBatches, batches of 500 dropped once made), as a fetch does minus the grid, to show a feed of that size is
 * read as a stream: run it with a heap far smaller than the feed. Prints items, MB/s and the heap's bound.
 *
 *   java -Xmx256m -cp server/target/tailor-server.jar benchmarks/perf/FeedParse.java 1024
 */
public final class FeedParse
{
    public static void main(final String[] args) throws Exception
    {
        final long megabytes = Long.parseLong(args.length > 0 ? args[0] : "1024");
        final long[] products = new long[1];
        final FeedBatches batches = new FeedBatches(new FeedProductMapper(Map.of(), InputLimits.DEFAULT), 500,
            batch -> products[0] += batch.size());
        final GeneratedFeed feed = new GeneratedFeed(megabytes << 20);
        final long started = System.nanoTime();
        batches.readAll(feed, FeedFormat.MERCHANT_XML);
        final double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("read %,d MB in %.1f s (%.0f MB/s): %,d items, %,d products, %,d broken; max heap %,d MB%n",
            feed.produced >> 20, seconds, (feed.produced >> 20) / seconds, batches.items(), products[0],
            batches.brokenCount(), Runtime.getRuntime().maxMemory() >> 20);
    }

    /** An RSS feed of items of about 1 KB each (a 700-character description), made as it is read. */
    private static final class GeneratedFeed extends InputStream
    {
        private static final String DESCRIPTION = "Soft organic cotton, regular fit, ribbed crew neck. ".repeat(14);
        private final long size;
        private long produced;
        private long item;
        private byte[] chunk = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" " +
            "xmlns:g=\"http://base.google.com/ns/1.0\"><channel><title>Generated</title>\n")
            .getBytes(StandardCharsets.UTF_8);
        private int at;
        private boolean closed;

        GeneratedFeed(final long size)
        {
            this.size = size;
        }

        @Override
        public int read()
        {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(final byte[] into, final int offset, final int length)
        {
            if (at == chunk.length && !next())
            {
                return -1;
            }
            final int n = Math.min(length, chunk.length - at);
            System.arraycopy(chunk, at, into, offset, n);
            at += n;
            produced += n;
            return n;
        }

        private boolean next()
        {
            if (closed)
            {
                return false;
            }
            if (produced >= size)
            {
                chunk = "</channel></rss>\n".getBytes(StandardCharsets.UTF_8);
                closed = true;
            }
            else
            {
                final long i = item++;
                chunk = ("<item><g:id>SKU-" + i + "</g:id><g:title>Tee " + i + "</g:title><g:description>" +
                    DESCRIPTION + "</g:description><g:link>https://shop.example/p/" + i + "</g:link><g:price>" +
                    (5 + i % 200) + ".99 EUR</g:price><g:availability>in stock</g:availability><g:brand>Brand " +
                    i % 40 + "</g:brand><g:product_type>Apparel &gt; Tops &gt; Tees " + i % 30 +
                    "</g:product_type><g:item_group_id>g" + i / 4 + "</g:item_group_id><g:custom_label_0>casual" +
                    "</g:custom_label_0></item>\n").getBytes(StandardCharsets.UTF_8);
            }
            at = 0;
            return true;
        }
    }
}
