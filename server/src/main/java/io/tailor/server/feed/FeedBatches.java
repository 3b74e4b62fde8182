package io.tailor.server.feed;

import io.tailor.scoring.catalog.Product;
import io.tailor.server.json.InvalidInput;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a feed into batches of products: each item mapped ({@link FeedProductMapper}), broken ones (unreadable,
 * not a valid product, an id seen before in the same feed) kept with their line numbers and skipped, full batches
 * handed on as they fill, so a feed of any size takes memory for one batch and the ids seen.
 */
public final class FeedBatches implements FeedSink
{
    /** Broken lines kept for the report; more are counted only. */
    public static final int MAX_BROKEN_KEPT = 100;

    private final FeedProductMapper mapper;
    private final int batchSize;
    private final BatchConsumer consumer;
    private final Map<String, Long> seen = new HashMap<>();
    private final List<BrokenLine> broken = new ArrayList<>();
    private List<Product> batch;
    private long brokenCount;
    private long items;

    /**
     * Batches for a consumer.
     *
     * @param mapper    item to product.
     * @param batchSize products per batch.
     * @param consumer  receives each batch.
     */
    public FeedBatches(final FeedProductMapper mapper, final int batchSize, final BatchConsumer consumer)
    {
        this.mapper = mapper;
        this.batchSize = batchSize;
        this.consumer = consumer;
        this.batch = new ArrayList<>(batchSize);
    }

    /** Receives batches of valid products, ids unique within the feed. */
    @FunctionalInterface
    public interface BatchConsumer
    {
        /**
         * One batch.
         *
         * @param products the products; the list is the consumer's.
         * @throws FeedAborted when they could not be applied and reading must stop.
         */
        void accept(List<Product> products) throws FeedAborted;
    }

    /**
     * A line (or XML item) skipped.
     *
     * @param line   line number where it starts.
     * @param field  the field at fault, or {@code null} when the line as a whole is.
     * @param reason what is wrong.
     */
    public record BrokenLine(long line, String field, String reason)
    {
    }

    /**
     * Reads a whole feed of a format into a sink.
     *
     * @param in     the feed; not closed.
     * @param format its format.
     * @param sink   receives the items.
     * @throws FeedAborted when the feed cannot be read on or the sink stopped.
     */
    public static void read(final InputStream in, final FeedFormat format, final FeedSink sink) throws FeedAborted
    {
        if (format == FeedFormat.MERCHANT_XML)
        {
            MerchantXmlReader.read(in, sink);
        }
        else
        {
            DelimitedFeedReader.read(in, format, sink);
        }
    }

    /**
     * Reads a feed and hands on its last batch.
     *
     * @param in     the feed; not closed.
     * @param format its format.
     * @throws FeedAborted when the feed cannot be read on (what was read before is handed on) or a batch could not
     *                     be applied.
     */
    public void readAll(final InputStream in, final FeedFormat format) throws FeedAborted
    {
        try
        {
            read(in, format, this);
        }
        finally
        {
            flush();
        }
    }

    @Override
    public void item(final long line, final Map<String, String> fields) throws FeedAborted
    {
        items++;
        final Product product;
        try
        {
            product = mapper.product(fields);
        }
        catch (final InvalidInput ex)
        {
            brokenLine(line, ex.field(), ex.reason());
            return;
        }
        final Long first = seen.putIfAbsent(product.id(), line);
        if (first != null)
        {
            brokenLine(line, "id", "id " + product.id() + " was already on line " + first);
            return;
        }
        batch.add(product);
        if (batch.size() >= batchSize)
        {
            flush();
        }
    }

    @Override
    public void broken(final long line, final String reason)
    {
        items++;
        brokenLine(line, null, reason);
    }

    private void brokenLine(final long line, final String field, final String reason)
    {
        brokenCount++;
        if (broken.size() < MAX_BROKEN_KEPT)
        {
            broken.add(new BrokenLine(line, field, reason));
        }
    }

    private void flush() throws FeedAborted
    {
        if (batch.isEmpty())
        {
            return;
        }
        final List<Product> full = batch;
        batch = new ArrayList<>(batchSize);
        consumer.accept(full);
    }

    /**
     * Items read, broken ones included.
     *
     * @return the count.
     */
    public long items()
    {
        return items;
    }

    /**
     * The ids of the valid products read.
     *
     * @return ids; a view.
     */
    public Set<String> ids()
    {
        return seen.keySet();
    }

    /**
     * Broken lines, the first {@value #MAX_BROKEN_KEPT}.
     *
     * @return the lines in feed order.
     */
    public List<BrokenLine> broken()
    {
        return List.copyOf(broken);
    }

    /**
     * Broken lines in all.
     *
     * @return the count.
     */
    public long brokenCount()
    {
        return brokenCount;
    }
}
