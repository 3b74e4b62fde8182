package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.promotion.PromotionSource;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.Hashing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tailor itself, through the code the server runs: the training events are replayed in time order through
 * {@link ProfileUpdater} into one {@link Profile} per shopper and an {@link ItemSignalAccumulator}, the
 * {@link ItemModel} is built from the accumulator at the time of the last training event, and each case is
 * answered by {@link Recommender#recommend} at the time of the held-out interaction.
 * <p>
 * The recommender leaves out what a profile remembers the shopper owning (its bounded purchased-or-rated
 * list) and what was touched within the recent-exclusion window; the evaluation's protocol makes every
 * training item ineligible, so the list is asked for {@link RecommendationRequest#MAX_K} items and the
 * training items are dropped from it before the first k are taken. How many of the plain top k were
 * training items is reported as a diagnostic.
 */
public final class TailorMethod implements EvalMethod
{
    private final TailorSettings settings;
    private Recommender recommender;
    private RecentSessionIndex sessions;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation out = new Recommendation();
    private final Map<String, Profile> profiles = new HashMap<>();
    private final String name;
    private final boolean ratingsAsViews;
    /** Length of the list asked for: a served list's (its last place may be the exploration slot), or 0 for
     *  the longest list, of which the first unseen items count (the default protocol). */
    private final int servedK;
    private ItemModel model;
    private int[] toCatalog;
    private int[] fromCatalog;
    private int[] scratchItems = new int[0];
    private float[] scratchScores = new float[0];

    private long cases;
    private long seenInPlainTopK;
    private long shortLists;
    private long candidates;
    private long missedByCandidates;
    private long targetsNotCandidates;

    /**
     * Tailor with settings.
     *
     * @param name           name in the report.
     * @param settings       scoring settings.
     * @param ratingsAsViews replay every rating as a view of the same product at the same time: a diagnostic
     *                       variant that shows what ratings would give if they fed popularity like views do.
     */
    public TailorMethod(final String name, final TailorSettings settings, final boolean ratingsAsViews)
    {
        this(name, settings, ratingsAsViews, 0);
    }

    /**
     * Tailor with settings, judged on lists of the length a storefront asks for.
     *
     * @param name           name in the report.
     * @param settings       scoring settings.
     * @param ratingsAsViews see {@link #TailorMethod(String, TailorSettings, boolean)}.
     * @param servedK        length of the list asked for, as served (the exploration slot is its last place and
     *                       products the shopper already had take places too), or 0 for the default protocol: the
     *                       longest list, of which the first unseen items count.
     */
    public TailorMethod(final String name, final TailorSettings settings, final boolean ratingsAsViews,
        final int servedK)
    {
        if (servedK < 0 || servedK > RecommendationRequest.MAX_K)
        {
            throw new IllegalArgumentException("servedK must be in 0.." + RecommendationRequest.MAX_K + ": " +
                servedK);
        }
        this.name = name;
        this.settings = settings;
        this.ratingsAsViews = ratingsAsViews;
        this.servedK = servedK;
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
        if (ratingsAsViews)
        {
            described.put("events", "DIAGNOSTIC: every rating replayed as a view (not the contract mapping)");
        }
        if (servedK > 0)
        {
            described.put("list", "served lists of " + servedK + " (items the shopper had count as misses)");
        }
        described.putAll(settings.describe());
        return described;
    }

    /**
     * The settings this method runs with.
     *
     * @return the settings.
     */
    public TailorSettings tailorSettings()
    {
        return settings;
    }

    @Override
    public void train(final TrainingData data)
    {
        final CatalogSnapshot catalog =
            CatalogSnapshot.build(data.products(), null, new ContentVectorizer(settings.dimensions()), 1L);
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(settings.model());
        // The recent sessions of the server's node: every view and click, as the node applies them.
        sessions = new RecentSessionIndex();
        recommender = new Recommender(settings.ranking(), SegmentSource.NONE, PromotionSource.NONE, sessions);
        final ProfileUpdater updater = new ProfileUpdater(settings.profile());
        profiles.clear();
        final List<Event> events = data.events();
        for (int i = 0, size = events.size(); i < size; i++)
        {
            final Event event = ratingsAsViews ? asView(events.get(i)) : events.get(i);
            final Profile profile = profiles.computeIfAbsent(event.shopper(), s -> new Profile(settings.dimensions()));
            updater.apply(profile, event, catalog, signals);
            if (event.type() == EventType.VIEW || event.type() == EventType.CLICK)
            {
                // As the server's node does with the events it applies.
                sessions.view(Hashing.key(event.shopper()), Hashing.key(event.product()), event.timestampMs());
            }
        }
        final ItemModel built = ItemModel.build(catalog, signals, data.endMs(), settings.model(), 1L);
        model = built.withFactors(ItemFactors.learn(built, settings.model().factors()));

        final ItemIndex items = data.items();
        toCatalog = new int[items.size()];
        fromCatalog = new int[catalog.size()];
        Arrays.fill(fromCatalog, ItemIndex.MISSING);
        for (int i = 0; i < toCatalog.length; i++)
        {
            toCatalog[i] = catalog.indexOf(items.id(i));
            if (toCatalog[i] != CatalogSnapshot.MISSING)
            {
                fromCatalog[toCatalog[i]] = i;
            }
        }
        cases = 0;
        seenInPlainTopK = 0;
        shortLists = 0;
        candidates = 0;
        missedByCandidates = 0;
        targetsNotCandidates = 0;
    }

    private static Event asView(final Event event)
    {
        if (event.type() != EventType.RATING)
        {
            return event;
        }
        return new Event(event.id(), EventType.VIEW, event.user(), event.anonymousId(), event.product(), List.of(),
            Double.NaN, event.timestampMs(), event.channel(), event.store(), event.requestId());
    }

    @Override
    public int recommend(final EvalCase evalCase, final int k, final int[] result)
    {
        final Profile profile = profiles.get(evalCase.user());
        request.reset(evalCase.atMs()).placement(settings.placement())
            .k(servedK > 0 ? servedK : RecommendationRequest.MAX_K)
            .shopperKey(Hashing.key(evalCase.user()));
        recommender.recommend(model, profile, request, out);
        cases++;
        candidates += out.candidates();
        int count = 0;
        boolean targetListed = false;
        for (int n = 0, size = out.count(); n < size; n++)
        {
            final int item = fromCatalog[out.item(n)];
            if (n < k && (item == ItemIndex.MISSING || evalCase.trained(item)))
            {
                seenInPlainTopK++;
            }
            if (item == evalCase.target())
            {
                targetListed = true;
            }
            if (item != ItemIndex.MISSING && !evalCase.trained(item) && count < k)
            {
                result[count++] = item;
            }
        }
        if (count < k)
        {
            shortLists++;
        }
        if (!targetListed)
        {
            targetsNotCandidates++;
            // Would the blend have ranked the target into the top k had candidate generation offered it?
            if (count == k && targetCatalogScore(profile, evalCase) > out.score(indexOfLast(result[k - 1])))
            {
                missedByCandidates++;
            }
        }
        return count;
    }

    private int indexOfLast(final int item)
    {
        final int catalogItem = toCatalog[item];
        for (int n = 0, size = out.count(); n < size; n++)
        {
            if (out.item(n) == catalogItem)
            {
                return n;
            }
        }
        throw new IllegalStateException("item not in the list");
    }

    private float targetCatalogScore(final Profile profile, final EvalCase evalCase)
    {
        final int target = toCatalog[evalCase.target()];
        if (target == CatalogSnapshot.MISSING)
        {
            return Float.NEGATIVE_INFINITY;
        }
        final int[] one = {target};
        final float[] score = new float[1];
        recommender.score(model, profile, request.reset(evalCase.atMs()).placement(settings.placement()), one, 1,
            score);
        return score[0];
    }

    @Override
    public void score(final EvalCase evalCase, final int[] items, final int count, final double[] scores)
    {
        if (scratchItems.length < count)
        {
            scratchItems = new int[count];
            scratchScores = new float[count];
        }
        int known = 0;
        for (int i = 0; i < count; i++)
        {
            final int catalogItem = toCatalog[items[i]];
            if (catalogItem != CatalogSnapshot.MISSING)
            {
                scratchItems[known++] = catalogItem;
            }
        }
        request.reset(evalCase.atMs()).placement(settings.placement());
        recommender.score(model, profiles.get(evalCase.user()), request, scratchItems, known, scratchScores);
        for (int i = 0, n = 0; i < count; i++)
        {
            scores[i] = toCatalog[items[i]] == CatalogSnapshot.MISSING ? Double.NEGATIVE_INFINITY : scratchScores[n++];
        }
    }

    @Override
    public Map<String, Object> diagnostics()
    {
        final Map<String, Object> d = new LinkedHashMap<>();
        final double n = Math.max(1, cases);
        d.put("meanCandidatesScored", candidates / n);
        d.put("trainingItemsInPlainTop10PerCase", seenInPlainTopK / n);
        d.put("casesWithFewerThan10EligibleItems", shortLists);
        d.put("targetsNotInTop100", targetsNotCandidates / n);
        d.put("targetsTheBlendWouldRankInTop10ButCandidatesMissed", missedByCandidates / n);
        return d;
    }
}
