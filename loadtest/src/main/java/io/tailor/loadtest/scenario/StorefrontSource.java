package io.tailor.loadtest.scenario;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tailor.loadtest.data.Ascii;
import io.tailor.loadtest.data.StoreModel;
import io.tailor.loadtest.data.ZipfSampler;
import io.tailor.loadtest.driver.RequestSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shoppers of the synthetic store, one driver thread's share. For the storefront target each page view
 * becomes a recommendation request followed by its {@code view} event and, at the mix's rates, an
 * {@code add_to_cart}, a {@code purchase} and a product launch; the recommendations and events targets send
 * only one of those kinds.
 * <p>
 * Who and what: customers ({@code u<n>}) and anonymous shoppers ({@code a<n>}) by Zipf activity over a fixed
 * shuffle of their numbers, products from the shopper's taste cluster ({@link StoreModel#drawProduct}) or,
 * at the mix's share, one launched earlier in this run. Requests are written byte by byte into the driver's
 * buffer; nothing but the occasional growth of the launch list is allocated per request.
 */
public final class StorefrontSource implements RequestSource
{
    /** Products in one re-rank request: the API's maximum, a long search result. */
    public static final int RERANK_ITEMS = 500;

    private static final int REC = 0;
    private static final int VIEW = 1;
    private static final int CART = 2;
    private static final int PURCHASE = 3;
    private static final int LAUNCH = 4;
    private static final int QUEUE = 8;
    private static final int OK = 200;

    private static final byte[] RECOMMENDATIONS_USER = Ascii.bytes("/v1/recommendations?user=u");
    private static final byte[] RECOMMENDATIONS_ANONYMOUS = Ascii.bytes("/v1/recommendations?anonymousId=a");
    private static final byte[][] PLACEMENT = {Ascii.bytes("&placement=home"), Ascii.bytes("&placement=product"),
        Ascii.bytes("&placement=cart"), Ascii.bytes("&placement=email")};
    private static final byte[] PRODUCT_PARAMETER = Ascii.bytes("&product=");
    private static final byte[] K_PARAMETER = Ascii.bytes("&k=");
    private static final byte[] POST_EVENTS = Ascii.bytes("POST /v1/events");
    private static final byte[] PUT_PRODUCTS = Ascii.bytes("PUT /v1/products");
    private static final byte[] JSON = Ascii.bytes("\r\nContent-Type: application/json");
    private static final byte[] NDJSON = Ascii.bytes("\r\nContent-Type: application/x-ndjson");
    private static final byte[][] EVENT_TYPE = {null, Ascii.bytes("\",\"type\":\"view\","),
        Ascii.bytes("\",\"type\":\"add_to_cart\","), Ascii.bytes("\",\"type\":\"purchase\",")};
    private static final byte[] USER = Ascii.bytes("\"user\":\"u");
    private static final byte[] ANONYMOUS = Ascii.bytes("\"anonymousId\":\"a");
    private static final byte[] PRODUCT_FIELD = Ascii.bytes("\",\"product\":\"");
    private static final byte[] ITEMS_FIELD = Ascii.bytes("\",\"items\":[{\"product\":\"");
    private static final byte[] QUANTITY_PRICE = Ascii.bytes("\",\"quantity\":1,\"price\":");
    private static final byte[] ITEMS_END = Ascii.bytes("}]}");
    private static final byte[] QUOTE_END = Ascii.bytes("\"}");
    private static final byte[] ID_FIELD = Ascii.bytes("{\"id\":\"");
    private static final byte[] POST_RERANK = Ascii.bytes("POST /v1/rerank");
    private static final byte[] RERANK_ITEMS_FIELD = Ascii.bytes("\",\"items\":[");
    private static final byte[] RERANK_END = Ascii.bytes("]}");

    private final ScenarioSettings.Target target;
    private final StoreModel store;
    private final StorefrontMix mix;
    private final int batch;
    private final HttpRequestWriter http;
    private final SplittableRandom random;
    private final ZipfSampler shopperActivity;
    private final ZipfSampler anonymousActivity;
    private final IdPermutation shopperIds;
    private final IdPermutation anonymousIds;
    private final double[] placementCumulative;
    private final byte[] eventIdPrefix;
    private final byte[] launchedIdPrefix;
    private final List<String> types;
    private final ByteBuf body = Unpooled.buffer(4096);

    private final int[] queueKind = new int[QUEUE];
    private final long[] queueShopper = new long[QUEUE];
    private final boolean[] queueAnonymous = new boolean[QUEUE];
    private final long[] queueProduct = new long[QUEUE];
    private final int[] queuePlacement = new int[QUEUE];
    private int queueHead;
    private int queueSize;

    private long eventSequence;
    private long tag;
    private int[] launchTemplates = new int[64];
    private long launchesStarted;
    private long[] launched = new long[64];
    private int launchedCount;

    /**
     * One thread's source.
     *
     * @param settings scenario.
     * @param worker   driver thread index.
     * @param host     Host header value, and any header lines that follow it.
     */
    public StorefrontSource(final ScenarioSettings settings, final int worker, final String host)
    {
        this.target = settings.target();
        this.store = settings.store();
        this.mix = settings.mix();
        this.batch = settings.batch();
        this.http = new HttpRequestWriter(host);
        this.random = new SplittableRandom(settings.seed() * 1_000_003L + worker);
        this.shopperActivity = new ZipfSampler(settings.shoppers(), settings.shopperSkew());
        this.anonymousActivity = new ZipfSampler(settings.anonymous(), settings.shopperSkew());
        this.shopperIds = new IdPermutation(settings.shoppers(), settings.seed());
        this.anonymousIds = new IdPermutation(settings.anonymous(), settings.seed() + 1);
        final double total = mix.home() + mix.product() + mix.cart() + mix.email();
        this.placementCumulative = new double[] {mix.home() / total, (mix.home() + mix.product()) / total,
            (mix.home() + mix.product() + mix.cart()) / total, 1.0};
        this.eventIdPrefix = Ascii.bytes("lt" + settings.runTag() + "-" + worker + "-");
        this.launchedIdPrefix = Ascii.bytes("n" + settings.runTag() + "-" + worker + "-");
        this.types = typesOf(settings.target());
    }

    /**
     * Request type names of a target.
     *
     * @param target the target.
     * @return the names, indexed by type.
     */
    public static List<String> typesOf(final ScenarioSettings.Target target)
    {
        return switch (target)
        {
            case STOREFRONT -> List.of("recommendations", "view", "add_to_cart", "purchase", "launch");
            case RECOMMENDATIONS -> List.of("recommendations");
            case EVENTS -> List.of("events");
            case RERANK -> List.of("rerank");
            case PING -> List.of("ping");
        };
    }

    @Override
    public List<String> types()
    {
        return types;
    }

    @Override
    public long tag()
    {
        return tag;
    }

    @Override
    public int write(final ByteBuf out)
    {
        tag = 0;
        switch (target)
        {
            case RECOMMENDATIONS ->
            {
                drawPageView(false);
                writeQueued(out);
                queueSize = 0;
                return 0;
            }
            case EVENTS ->
            {
                writeEventBatch(out);
                return 0;
            }
            case RERANK ->
            {
                writeRerank(out);
                return 0;
            }
            case STOREFRONT ->
            {
                if (queueSize == 0)
                {
                    drawPageView(true);
                }
                return writeQueued(out);
            }
            default -> throw new IllegalStateException("not a storefront target: " + target);
        }
    }

    @Override
    public void completed(final int type, final int status, final long launchTag)
    {
        if (target == ScenarioSettings.Target.STOREFRONT && type == LAUNCH && status == OK)
        {
            if (launchedCount == launched.length)
            {
                launched = Arrays.copyOf(launched, launched.length * 2);
            }
            launched[launchedCount++] = launchTag;
        }
    }

    /** Queues the requests of one page view: recommendation first, then the events it causes. */
    private void drawPageView(final boolean withEvents)
    {
        final boolean anonymous = random.nextDouble() < mix.anonymous();
        final long shopper = anonymous ? anonymousIds.apply(anonymousActivity.sampleIndex(random)) :
            shopperIds.apply(shopperActivity.sampleIndex(random));
        final long product = drawProduct(shopper, anonymous);
        final double u = random.nextDouble();
        int placement = 0;
        while (u >= placementCumulative[placement] && placement < placementCumulative.length - 1)
        {
            placement++;
        }
        enqueue(REC, shopper, anonymous, product, placement);
        if (!withEvents)
        {
            return;
        }
        enqueue(VIEW, shopper, anonymous, product, placement);
        if (random.nextDouble() < mix.addToCart())
        {
            enqueue(CART, shopper, anonymous, product, placement);
        }
        if (random.nextDouble() < mix.purchase())
        {
            enqueue(PURCHASE, shopper, anonymous, product, placement);
        }
        if (random.nextDouble() < mix.launch())
        {
            enqueue(LAUNCH, shopper, anonymous, store.drawProduct(store.clusterOf(shopper, anonymous), random),
                placement);
        }
    }

    /** A catalog product index (>= 0), or a launched product as -(k + 1). */
    private long drawProduct(final long shopper, final boolean anonymous)
    {
        if (launchedCount > 0 && random.nextDouble() < mix.newProduct())
        {
            return -(launched[random.nextInt(launchedCount)] + 1);
        }
        return store.drawProduct(store.clusterOf(shopper, anonymous), random);
    }

    private void enqueue(final int kind, final long shopper, final boolean anonymous, final long product,
        final int placement)
    {
        final int at = (queueHead + queueSize) % QUEUE;
        queueKind[at] = kind;
        queueShopper[at] = shopper;
        queueAnonymous[at] = anonymous;
        queueProduct[at] = product;
        queuePlacement[at] = placement;
        queueSize++;
    }

    private int writeQueued(final ByteBuf out)
    {
        final int at = queueHead;
        queueHead = (queueHead + 1) % QUEUE;
        queueSize--;
        final int kind = queueKind[at];
        switch (kind)
        {
            case REC -> writeRecommendation(out, queueShopper[at], queueAnonymous[at], queueProduct[at],
                queuePlacement[at]);
            case VIEW, CART, PURCHASE ->
            {
                body.clear();
                writeEvent(body, kind, queueShopper[at], queueAnonymous[at], queueProduct[at]);
                http.withBody(out, POST_EVENTS, JSON, body);
            }
            case LAUNCH -> writeLaunch(out, (int)queueProduct[at]);
            default -> throw new IllegalStateException("unknown request kind " + kind);
        }
        return kind;
    }

    private void writeRecommendation(final ByteBuf out, final long shopper, final boolean anonymous,
        final long product, final int placement)
    {
        http.startGet(out);
        out.writeBytes(anonymous ? RECOMMENDATIONS_ANONYMOUS : RECOMMENDATIONS_USER);
        Ascii.writeLong(out, shopper);
        out.writeBytes(PLACEMENT[placement]);
        // placement 1 is product, 2 is cart: both name the product on the page.
        if (placement == 1 || placement == 2)
        {
            out.writeBytes(PRODUCT_PARAMETER);
            writeProductId(out, product);
        }
        out.writeBytes(K_PARAMETER);
        Ascii.writeLong(out, mix.k());
        http.endGet(out);
    }

    private void writeEvent(final ByteBuf out, final int kind, final long shopper, final boolean anonymous,
        final long product)
    {
        out.writeBytes(ID_FIELD);
        out.writeBytes(eventIdPrefix);
        Ascii.writeLong(out, eventSequence++);
        out.writeBytes(EVENT_TYPE[kind]);
        out.writeBytes(anonymous ? ANONYMOUS : USER);
        Ascii.writeLong(out, shopper);
        if (kind == PURCHASE)
        {
            out.writeBytes(ITEMS_FIELD);
            writeProductId(out, product);
            out.writeBytes(QUANTITY_PRICE);
            Ascii.writeCents(out, store.priceCents(templateOf(product)));
            out.writeBytes(ITEMS_END);
        }
        else
        {
            out.writeBytes(PRODUCT_FIELD);
            writeProductId(out, product);
            out.writeBytes(QUOTE_END);
        }
    }

    private void writeEventBatch(final ByteBuf out)
    {
        body.clear();
        for (int i = 0; i < batch; i++)
        {
            final boolean anonymous = random.nextDouble() < mix.anonymous();
            final long shopper = anonymous ? anonymousIds.apply(anonymousActivity.sampleIndex(random)) :
                shopperIds.apply(shopperActivity.sampleIndex(random));
            final long product = drawProduct(shopper, anonymous);
            final double u = random.nextDouble();
            final int kind = u < mix.purchase() ? PURCHASE : u < mix.purchase() + mix.addToCart() ? CART : VIEW;
            writeEvent(body, kind, shopper, anonymous, product);
            if (batch > 1)
            {
                body.writeByte('\n');
            }
        }
        http.withBody(out, POST_EVENTS, batch > 1 ? NDJSON : JSON, body);
    }

    /**
     * A search page for one shopper: {@link #RERANK_ITEMS} distinct products, a run of the catalog's numbers from
     * one drawn from the shopper's taste (a search engine's hits cluster in a few categories).
     */
    private void writeRerank(final ByteBuf out)
    {
        final boolean anonymous = random.nextDouble() < mix.anonymous();
        final long shopper = anonymous ? anonymousIds.apply(anonymousActivity.sampleIndex(random)) :
            shopperIds.apply(shopperActivity.sampleIndex(random));
        final int products = store.products();
        final int first = store.drawProduct(store.clusterOf(shopper, anonymous), random);
        body.clear();
        body.writeByte('{');
        body.writeBytes(anonymous ? ANONYMOUS : USER);
        Ascii.writeLong(body, shopper);
        body.writeBytes(RERANK_ITEMS_FIELD);
        for (int i = 0, count = Math.min(RERANK_ITEMS, products); i < count; i++)
        {
            if (i > 0)
            {
                body.writeByte(',');
            }
            body.writeByte('"').writeByte('p');
            Ascii.writeLong(body, (first + i) % products);
            body.writeByte('"');
        }
        body.writeBytes(RERANK_END);
        http.withBody(out, POST_RERANK, JSON, body);
    }

    private void writeLaunch(final ByteBuf out, final int template)
    {
        final long k = launchesStarted++;
        if (k >= launchTemplates.length)
        {
            launchTemplates = Arrays.copyOf(launchTemplates, launchTemplates.length * 2);
        }
        launchTemplates[(int)k] = template;
        tag = k;
        body.clear();
        body.writeBytes(ID_FIELD);
        body.writeBytes(launchedIdPrefix);
        Ascii.writeLong(body, k);
        body.writeByte('"');
        store.writeLaunchedProductFields(body, template, k, System.currentTimeMillis());
        http.withBody(out, PUT_PRODUCTS, JSON, body);
    }

    private void writeProductId(final ByteBuf out, final long product)
    {
        if (product >= 0)
        {
            out.writeByte('p');
            Ascii.writeLong(out, product);
        }
        else
        {
            out.writeBytes(launchedIdPrefix);
            Ascii.writeLong(out, -product - 1);
        }
    }

    private int templateOf(final long product)
    {
        return product >= 0 ? (int)product : launchTemplates[(int)(-product - 1)];
    }
}
