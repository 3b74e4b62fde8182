package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.promotion.PromotionSource;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.Hashing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tailor in the session evaluation, through the code the server runs. Each training session is an anonymous
 * shopper whose clicks are replayed as views through {@link ProfileUpdater} into a fresh {@link Profile} and the
 * {@link ItemSignalAccumulator}; the {@link ItemModel} is built at the end of training. Each case is a fresh
 * anonymous shopper whose prefix is replayed as views, then {@link Recommender#recommend} is asked for the top
 * k a few seconds after the last view.
 * <p>
 * The data has no timestamps: sessions start {@link #SESSION_SPACING_MS} apart in file order (65,000 sessions
 * span about 45 days), clicks within a session {@link #CLICK_SPACING_MS} apart, and the cases come after the
 * last training session. The model does not learn from the cases, like the published models, which are trained
 * once; the products have ids only (no category, brand or price in this data).
 * <p>
 * The training sessions' views also go to a {@link RecentSessionIndex} (the server keeps one per node from the
 * events it applies), one in {@code sessionShare} of them when it stands for one node of a cluster that sees only
 * its share of the traffic; the cases' views do not (the model does not learn from the cases).
 * <p>
 * On the {@link Placement#PRODUCT} placement the last clicked item is the page's product (the request's context),
 * as on a product page; on the others the request has no context.
 * <p>
 * Asked once per case (the literature's protocol), the list comes after the prefix's last view. Asked on every page
 * ({@code everyPage}, as a storefront asks), a list comes after each view of the prefix, each but the last recorded
 * as shown the way the node records a served list (an {@link ImpressionRecord} beside the profile, laid over the
 * decoded profile's counts when the next list is asked for), so that the frequency cap sees what a shopper paging
 * through the session saw; the last list is scored.
 */
public final class TailorSessionMethod implements SessionMethod
{
    /** Time between the starts of consecutive training sessions. */
    public static final long SESSION_SPACING_MS = 60_000L;
    /** Time between two clicks of a session. */
    public static final long CLICK_SPACING_MS = 5_000L;
    /**
     * Asked on every page, the time from a view to its page's list: the list is shown before the shopper moves
     * on, so a product they go back to is viewed in a later second than the list that showed it.
     */
    public static final long PAGE_LIST_DELAY_MS = 1_000L;

    private static final long START_MS = 1_600_000_000_000L;

    private final String name;
    private final TailorSettings settings;
    private final Placement placement;
    private final Recommender recommender;
    private final RecentSessionIndex sessions;
    private final int sessionShare;
    private final boolean everyPage;
    private final boolean capSparesReturns;
    private final long[] shownKeys = new long[RecommendationRequest.MAX_K];
    private final ImpressionRecord record = new ImpressionRecord();
    private final Profile scratchProfile;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation out = new Recommendation();
    private ProfileUpdater updater;
    private CatalogSnapshot catalog;
    private ItemModel model;
    private String[] productIds;
    private int[] fromCatalog;
    private long casesStartMs;
    private long caseCount;
    private long candidates;

    /**
     * Tailor with settings on a placement.
     *
     * @param name      name in the report.
     * @param settings  scoring settings.
     * @param placement the placement asked for.
     */
    public TailorSessionMethod(final String name, final TailorSettings settings, final Placement placement)
    {
        this(name, settings, placement, new RecentSessionIndex(), 1);
    }

    /**
     * Tailor with settings on a placement, with recent sessions of a given size and share of the traffic.
     *
     * @param name            name in the report.
     * @param settings        scoring settings.
     * @param placement       the placement asked for.
     * @param sessions        the recent-session index (empty), with its bounds and neighbourhood.
     * @param sessionShare    the index sees one in this many training sessions (1: all).
     */
    public TailorSessionMethod(final String name, final TailorSettings settings, final Placement placement,
        final RecentSessionIndex sessions, final int sessionShare)
    {
        this(name, settings, placement, sessions, sessionShare, false, false);
    }

    /**
     * Tailor with settings on a placement, with recent sessions of a given size and share of the traffic, asked
     * once per case or on every page of it.
     *
     * @param name            name in the report.
     * @param settings        scoring settings.
     * @param placement       the placement asked for.
     * @param sessions        the recent-session index (empty), with its bounds and neighbourhood.
     * @param sessionShare    the index sees one in this many training sessions (1: all).
     * @param everyPage       whether a list is asked for on every page of a case's prefix and recorded as shown
     *                        (the frequency cap counts it), as a storefront does; else once after the last view.
     * @param capSparesReturns with {@code everyPage}: whether the frequency cap counts a product's impressions
     *                        since the shopper last went back to it after a list showed it, as the node does
     *                        ({@link ImpressionRecord#returned}, {@link ImpressionRecord#overlay(byte[], Profile, long,
     *                        long, boolean)}); else every impression of the window, the rule before.
     */
    public TailorSessionMethod(final String name, final TailorSettings settings, final Placement placement,
        final RecentSessionIndex sessions, final int sessionShare, final boolean everyPage,
        final boolean capSparesReturns)
    {
        this.capSparesReturns = capSparesReturns;
        this.name = name;
        this.everyPage = everyPage;
        this.scratchProfile = new Profile(settings.dimensions());
        this.settings = settings;
        this.placement = placement;
        this.sessionShare = sessionShare;
        this.sessions = sessions;
        this.recommender = new Recommender(settings.ranking(), SegmentSource.NONE,
            PromotionSource.NONE, sessions);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> described = new LinkedHashMap<>();
        described.put("placement", placement.wireName() + (placement == Placement.PRODUCT ?
            " (the last clicked item is the page's product)" : ""));
        described.put("lists", everyPage ? "one on every page of the prefix, each recorded as shown (a storefront)"
            + (capSparesReturns ? "; the cap counts impressions since the shopper last went back to a product" :
            "; the cap counts every impression") :
            "one per case, after the prefix's last view");
        described.putAll(settings.describe());
        described.put("recentSessions", sessions.capacity() + " sessions, one in " + sessionShare
            + " training sessions; the " + sessions.neighbourCount() + " most similar of the " + sessions.sample()
            + " most recent sharing a product vote");
        return described;
    }

    /**
     * The item model built by {@link #train}: the cases do not change it (they are answered from it).
     *
     * @return the model, or {@code null} before training.
     */
    ItemModel model()
    {
        return model;
    }

    /**
     * The recent-session index the training sessions went to; the cases do not feed it.
     *
     * @return the index.
     */
    RecentSessionIndex recentSessions()
    {
        return sessions;
    }

    /**
     * Mean candidates scored per case so far.
     *
     * @return the mean, 0 before any case.
     */
    public double meanCandidates()
    {
        return caseCount == 0 ? 0.0 : (double)candidates / caseCount;
    }

    @Override
    public void train(final int itemCount, final List<int[]> training)
    {
        productIds = new String[itemCount];
        final List<Product> products = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++)
        {
            productIds[i] = "i" + i;
            products.add(new Product(productIds[i], productIds[i], "none", "", 0.0, Map.of(), true,
                Product.UNKNOWN_LAUNCH, false, null));
        }
        catalog = CatalogSnapshot.build(products, null, new ContentVectorizer(settings.dimensions()), 1L);
        fromCatalog = new int[catalog.size()];
        for (int i = 0; i < itemCount; i++)
        {
            fromCatalog[catalog.indexOf(productIds[i])] = i;
        }
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(settings.model());
        updater = new ProfileUpdater(settings.profile());
        long lastMs = START_MS;
        for (int s = 0, size = training.size(); s < size; s++)
        {
            lastMs = replay(new Profile(settings.dimensions()), "t" + s, training.get(s),
                START_MS + s * SESSION_SPACING_MS, signals);
            if (s % sessionShare == 0)
            {
                final long shopper = Hashing.key("t" + s);
                final int[] clicks = training.get(s);
                for (int c = 0; c < clicks.length; c++)
                {
                    sessions.view(shopper, Hashing.key(productIds[clicks[c]]),
                        START_MS + s * SESSION_SPACING_MS + c * CLICK_SPACING_MS);
                }
            }
        }
        final ItemModel built = ItemModel.build(catalog, signals, lastMs, settings.model(), 1L);
        model = built.withFactors(ItemFactors.learn(built, settings.model().factors()));
        casesStartMs = lastMs + SESSION_SPACING_MS;
        caseCount = 0;
        candidates = 0;
    }

    @Override
    public int recommend(final int[] prefix, final int k, final int[] result)
    {
        final Profile profile = new Profile(settings.dimensions());
        final String shopper = "c" + caseCount;
        final int last = prefix.length - 1;
        byte[] shown = null;
        for (int c = 0; c <= last; c++)
        {
            final long atMs = casesStartMs + c * CLICK_SPACING_MS;
            updater.apply(profile, new Event(shopper + "-" + c, EventType.VIEW, null, shopper, productIds[prefix[c]],
                List.of(), Double.NaN, atMs, Channel.WEB, null, null), catalog, ItemSignalHandler.NONE);
            if (shown != null && capSparesReturns)
            {
                // As the owner does on a view of a product a list showed: its cap count restarts.
                shownKeys[0] = Hashing.key(productIds[prefix[c]]);
                if (record.decode(shown).returned(shownKeys, 1, atMs))
                {
                    shown = record.encode();
                }
            }
            if (!everyPage && c < last)
            {
                continue;
            }
            if (everyPage)
            {
                // As the node answers: the stored profile decoded, the lists it served laid over its counts; the
                // page's list a moment after its view, well before the next view.
                final long requestMs = atMs + PAGE_LIST_DELAY_MS;
                final Profile read = ProfileCodec.decode(ProfileCodec.encode(profile), scratchProfile);
                ImpressionRecord.overlay(shown, read, requestMs, updater.impressionWindowMs(), capSparesReturns);
                ask(read, prefix[c], requestMs, k);
                if (c < last)
                {
                    for (int n = 0; n < out.count(); n++)
                    {
                        shownKeys[n] = catalog.key(out.item(n));
                    }
                    record.decode(shown).apply(Hashing.key(shopper + "-list-" + c), shownKeys, out.count(), requestMs,
                        updater.impressionWindowMs(), ImpressionRecord.tag(placement.ordinal(), 0, false), 0,
                        updater.impressionWindowMs());
                    shown = record.encode();
                }
            }
            else
            {
                ask(profile, prefix[c], atMs + CLICK_SPACING_MS, k);
            }
        }
        caseCount++;
        candidates += out.candidates();
        final int count = Math.min(k, out.count());
        for (int n = 0; n < count; n++)
        {
            result[n] = fromCatalog[out.item(n)];
        }
        return count;
    }

    /** Asks the recommender for the placement's list, the page's product {@code page} on the product placement. */
    private void ask(final Profile profile, final int page, final long atMs, final int k)
    {
        request.reset(atMs).placement(placement).k(Math.min(k, RecommendationRequest.MAX_K));
        if (placement == Placement.PRODUCT)
        {
            request.contextItem(catalog.indexOf(productIds[page]));
        }
        recommender.recommend(model, profile, request, out);
    }

    /** Replays clicks as views of one anonymous shopper; returns the time of the last. */
    private long replay(final Profile profile, final String shopper, final int[] clicks, final long startMs,
        final ItemSignalHandler signals)
    {
        long atMs = startMs;
        for (int c = 0; c < clicks.length; c++)
        {
            atMs = startMs + c * CLICK_SPACING_MS;
            updater.apply(profile, new Event(shopper + "-" + c, EventType.VIEW, null, shopper,
                productIds[clicks[c]], List.of(), Double.NaN, atMs, Channel.WEB, null, null), catalog, signals);
        }
        return atMs;
    }
}
