package io.tailor.loadtest.data;

import io.netty.buffer.ByteBuf;

import java.util.SplittableRandom;

/**
 * The past of each generated customer ({@code u<n>}), as NDJSON events: sessions of product views from the
 * shopper's taste cluster over the last 60 days, some views followed by an add-to-cart and some carts by a
 * purchase. Each shopper's history follows from the seed and its number alone, so histories can be made in
 * any order, and event ids ({@code h<seed>-<n>-<k>}) are stable: loading the same data twice counts
 * duplicates, not double views, while another seed's events are new.
 */
public final class ShopperHistories
{
    /** Default mean number of events per shopper. */
    public static final double DEFAULT_EVENTS_PER_SHOPPER = 4.0;
    /** Probability that a view is followed by an add-to-cart. */
    public static final double CART_PER_VIEW = 0.15;
    /** Probability that a cart is followed by a purchase. */
    public static final double PURCHASE_PER_CART = 0.4;
    /** Most views in one history. */
    public static final int MAX_VIEWS = 100;

    private static final long MINUTE_MS = 60_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final byte[] VIEW = Ascii.bytes("\",\"type\":\"view\",\"user\":\"u");
    private static final byte[] CART = Ascii.bytes("\",\"type\":\"add_to_cart\",\"user\":\"u");
    private static final byte[] PURCHASE = Ascii.bytes("\",\"type\":\"purchase\",\"user\":\"u");
    private static final byte[] PRODUCT = Ascii.bytes("\",\"product\":\"p");
    private static final byte[] ITEMS = Ascii.bytes("\",\"items\":[{\"product\":\"p");
    private static final byte[] QUANTITY_PRICE = Ascii.bytes("\",\"quantity\":1,\"price\":");
    private static final byte[] ITEMS_END_TS = Ascii.bytes("}],\"ts\":");
    private static final byte[] TS = Ascii.bytes("\",\"ts\":");

    private final StoreModel store;
    private final long seed;
    private final byte[] idPrefix;
    private final double meanViews;

    /**
     * Histories of a store's shoppers.
     *
     * @param store             the store.
     * @param seed              random seed.
     * @param eventsPerShopper  mean number of events per shopper, at least 1.
     */
    public ShopperHistories(final StoreModel store, final long seed, final double eventsPerShopper)
    {
        if (!(eventsPerShopper >= 1))
        {
            throw new IllegalArgumentException("events per shopper must be at least 1: " + eventsPerShopper);
        }
        this.store = store;
        this.seed = seed;
        this.idPrefix = Ascii.bytes("{\"id\":\"h" + seed + "-");
        // Each view brings on average 1 + CART_PER_VIEW * (1 + PURCHASE_PER_CART) events.
        this.meanViews = Math.max(1.0, eventsPerShopper / (1.0 + CART_PER_VIEW * (1.0 + PURCHASE_PER_CART)));
    }

    /**
     * Writes one shopper's history as NDJSON lines, oldest first.
     *
     * @param out     target.
     * @param shopper shopper number (the customer id is {@code u<shopper>}).
     * @param nowMs   the present: every event is at least a minute before it and at most 60 days.
     * @return number of events written.
     */
    public int write(final ByteBuf out, final long shopper, final long nowMs)
    {
        final SplittableRandom random = new SplittableRandom(StoreModel.mix64(seed ^ (shopper * 0xD1B54A32D192ED03L)));
        final int cluster = store.clusterOf(shopper, false);
        final int views = views(random);
        final long end = nowMs - MINUTE_MS;
        final long start = end - (1 + random.nextInt(60)) * DAY_MS + random.nextInt((int)DAY_MS);
        final long step = Math.max(MINUTE_MS, (end - start) / (views + 1));
        long at = start;
        long last = start;
        int sequence = 0;
        for (int v = 0; v < views; v++)
        {
            // Times never go backwards and never pass the end, even for the longest histories.
            at = Math.min(end, Math.max(last + 1000L,
                Math.min(end - 3 * MINUTE_MS, at + step / 2 + (long)(random.nextDouble() * step))));
            final int product = store.drawProduct(cluster, random);
            writeEvent(out, VIEW, shopper, sequence++, product, at);
            last = at;
            if (random.nextDouble() < CART_PER_VIEW)
            {
                last = Math.min(end, at + 30_000L);
                writeEvent(out, CART, shopper, sequence++, product, last);
                if (random.nextDouble() < PURCHASE_PER_CART)
                {
                    last = Math.min(end, at + 2 * MINUTE_MS);
                    writePurchase(out, shopper, sequence++, product, last);
                }
            }
        }
        return sequence;
    }

    /** Geometric number of views with the configured mean, at least 1, at most {@link #MAX_VIEWS}. */
    private int views(final SplittableRandom random)
    {
        if (meanViews <= 1.0)
        {
            return 1;
        }
        final double p = 1.0 / meanViews;
        final double u = 1.0 - random.nextDouble();
        final int extra = (int)Math.floor(Math.log(u) / Math.log1p(-p));
        return (int)Math.min(MAX_VIEWS, 1L + extra);
    }

    private void writeEvent(final ByteBuf out, final byte[] typeAndUser, final long shopper, final int sequence,
        final int product, final long at)
    {
        out.writeBytes(idPrefix);
        Ascii.writeLong(out, shopper);
        out.writeByte('-');
        Ascii.writeLong(out, sequence);
        out.writeBytes(typeAndUser);
        Ascii.writeLong(out, shopper);
        out.writeBytes(PRODUCT);
        Ascii.writeLong(out, product);
        out.writeBytes(TS);
        Ascii.writeLong(out, at);
        out.writeByte('}');
        out.writeByte('\n');
    }

    private void writePurchase(final ByteBuf out, final long shopper, final int sequence, final int product,
        final long at)
    {
        out.writeBytes(idPrefix);
        Ascii.writeLong(out, shopper);
        out.writeByte('-');
        Ascii.writeLong(out, sequence);
        out.writeBytes(PURCHASE);
        Ascii.writeLong(out, shopper);
        out.writeBytes(ITEMS);
        Ascii.writeLong(out, product);
        out.writeBytes(QUANTITY_PRICE);
        Ascii.writeCents(out, store.priceCents(product));
        out.writeBytes(ITEMS_END_TS);
        Ascii.writeLong(out, at);
        out.writeByte('}');
        out.writeByte('\n');
    }
}
