package io.tailor.benchmarks.eval;

import net.librec.conf.Configuration;
import net.librec.math.algorithm.Randoms;
import net.librec.math.structure.SparseMatrix;
import net.librec.recommender.AbstractRecommender;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.ItemKNNRecommender;
import net.librec.recommender.cf.UserKNNRecommender;
import net.librec.recommender.cf.ranking.BPRRecommender;
import net.librec.recommender.cf.ranking.WRMFRecommender;
import net.librec.similarity.BinaryCosineSimilarity;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A LibRec 2.0.0 recommender as a peer: trained by LibRec's own code on the evaluation's training matrix,
 * its scores read through LibRec's own {@code predict(user, item)}, its ranking and metrics done by the
 * evaluation exactly as for every other method.
 * <p>
 * LibRec's job runner would also rank every item for every user and evaluate with its own metrics; that is
 * skipped by calling {@code setup()} and {@code trainModel()} directly (they are protected, hence the method
 * handles). The data are implicit: every training interaction is a 1 (see {@link LibRecDataModel}).
 */
public final class LibRecPeer extends ScoredMethod
{
    /** LibRec logs through commons-logging to java.util.logging; kept referenced so the level sticks. */
    private static final Logger LIBREC_LOG = Logger.getLogger("net.librec");

    private static final MethodHandle SETUP;
    private static final MethodHandle TRAIN;
    private static final MethodHandle PREDICT;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup =
                MethodHandles.privateLookupIn(AbstractRecommender.class, MethodHandles.lookup());
            SETUP = lookup.findVirtual(AbstractRecommender.class, "setup", MethodType.methodType(void.class));
            TRAIN = lookup.findVirtual(AbstractRecommender.class, "trainModel", MethodType.methodType(void.class));
            PREDICT = lookup.findVirtual(AbstractRecommender.class, "predict",
                MethodType.methodType(double.class, int.class, int.class));
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * The LibRec algorithms offered as peers, with the settings of LibRec's own example configurations (the
     * {@code rec/...properties} files in {@code librec-core-2.0.0.jar}). The KNN examples use Pearson or plain
     * cosine similarity, which are undefined or constant on 0/1 data (LibRec's cosine is taken over co-rated
     * entries only); binary cosine ({@code bcos}) is the similarity for implicit feedback.
     */
    public enum Algorithm
    {
        /** Item-based k-nearest neighbours: the sum of the similarities of the k most similar items owned. */
        ITEMKNN("itemknn", "rec/cf/itemknn-testranking.properties, similarity pcc replaced by bcos",
            ItemKNNRecommender::new, "item", Map.of(
            "rec.neighbors.knn.number", "50")),
        /** User-based k-nearest neighbours. */
        USERKNN("userknn", "rec/cf/userknn-testranking.properties, similarity cos replaced by bcos",
            UserKNNRecommender::new, "user", Map.of(
            "rec.neighbors.knn.number", "200")),
        /** Bayesian personalised ranking with matrix factorisation (Rendle et al., UAI 2009). */
        BPR("bpr", "rec/cf/ranking/bpr-test.properties", BPRRecommender::new, null, Map.of(
            "rec.factor.number", "10",
            "rec.iterator.maximum", "100",
            "rec.iterator.learnrate", "0.01",
            "rec.iterator.learnrate.maximum", "0.01",
            "rec.user.regularization", "0.01",
            "rec.item.regularization", "0.01",
            "rec.learnrate.bolddriver", "false",
            "rec.learnrate.decay", "1.0")),
        /** Weighted regularised matrix factorisation for implicit feedback (Hu, Koren, Volinsky, ICDM 2008). */
        WRMF("wrmf", "rec/cf/ranking/wrmf-test.properties", WRMFRecommender::new, null, Map.of(
            "rec.factor.number", "10",
            "rec.iterator.maximum", "20",
            "rec.user.regularization", "0.01",
            "rec.item.regularization", "0.01",
            "rec.wrmf.weight.coefficient", "4.0"));

        private final String optionName;
        private final String source;
        private final Supplier<AbstractRecommender> factory;
        private final String similarityKey;
        private final Map<String, String> defaults;

        Algorithm(final String optionName, final String source, final Supplier<AbstractRecommender> factory,
            final String similarityKey, final Map<String, String> defaults)
        {
            this.optionName = optionName;
            this.source = source;
            this.factory = factory;
            this.similarityKey = similarityKey;
            this.defaults = defaults;
        }

        /**
         * Name on the command line.
         *
         * @return e.g. {@code itemknn}.
         */
        public String optionName()
        {
            return optionName;
        }

        /**
         * Algorithm for a command-line name.
         *
         * @param name e.g. {@code bpr}, any case.
         * @return the algorithm.
         * @throws IllegalArgumentException for an unknown name.
         */
        public static Algorithm fromOptionName(final String name)
        {
            for (final Algorithm algorithm : values())
            {
                if (algorithm.optionName.equalsIgnoreCase(name.strip()))
                {
                    return algorithm;
                }
            }
            throw new IllegalArgumentException("unknown LibRec peer '" + name + "' (itemknn, userknn, bpr, wrmf)");
        }
    }

    /** Setting that makes the ItemKNN peer run LibRec's own (slow) scoring instead of {@link ItemKnnScorer}. */
    public static final String NATIVE = "eval.itemknn.native";

    private static final int SIMILARITY_CHECKS = 2_000;

    private final Algorithm algorithm;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final long seed;
    private final boolean fastItemKnn;
    private AbstractRecommender recommender;
    private ItemKnnScorer itemKnn;
    private TrainingData data;
    private int items;

    /**
     * A peer with LibRec's example settings, overridden by {@code overrides}.
     *
     * @param algorithm the algorithm.
     * @param overrides LibRec configuration keys to set, e.g. {@code rec.factor.number=64}.
     * @param tieBreak  the run's tie-break.
     * @param seed      LibRec's random seed ({@code rec.random.seed}).
     */
    public LibRecPeer(final Algorithm algorithm, final Map<String, String> overrides, final TieBreak tieBreak,
        final long seed)
    {
        super(tieBreak);
        this.algorithm = algorithm;
        this.seed = seed;
        settings.put("settingsFrom", "librec-core 2.0.0 " + algorithm.source);
        settings.put("rec.recommender.class", algorithm.optionName);
        if (algorithm.similarityKey != null)
        {
            settings.put("rec.recommender.similarities", algorithm.similarityKey);
            settings.put("rec.similarity.class", "bcos");
        }
        algorithm.defaults.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(e -> settings.put(e.getKey(), e.getValue()));
        settings.putAll(overrides);
        settings.put("rec.recommender.isranking", "true");
        settings.put("rec.random.seed", Long.toString(seed));
        fastItemKnn = algorithm == Algorithm.ITEMKNN && !Boolean.parseBoolean(settings.get(NATIVE));
        if (fastItemKnn)
        {
            settings.put("scoring", "LibRec ItemKNN ranking rule on LibRec bcos similarities, in primitive arrays " +
                "(ItemKnnScorer; equal to ItemKNNRecommender.predict, see LibRecPeerTest; " + NATIVE + "=true runs " +
                "LibRec's own)");
        }
    }

    @Override
    public String name()
    {
        return "librec-" + algorithm.optionName;
    }

    @Override
    public Map<String, String> settings()
    {
        return settings;
    }

    @Override
    public void train(final TrainingData data) throws Exception
    {
        LIBREC_LOG.setLevel(Level.WARNING);
        final Configuration conf = new Configuration();
        for (final Map.Entry<String, String> setting : settings.entrySet())
        {
            conf.set(setting.getKey(), setting.getValue());
        }
        conf.set("rec.recommender.ranking.topn", "10");
        conf.set("rec.recommender.verbose", "false");
        Randoms.seed(seed);

        this.data = data;
        items = data.items().size();
        final LibRecDataModel model = new LibRecDataModel(conf, data);
        if (fastItemKnn)
        {
            itemKnn = new ItemKnnScorer(data, Integer.parseInt(settings.get("rec.neighbors.knn.number")));
            checkSimilarities(model);
            return;
        }
        final RecommenderContext context = new RecommenderContext(conf, model);
        if (algorithm.similarityKey != null)
        {
            conf.set("rec.recommender.similarity.key", algorithm.similarityKey);
            final BinaryCosineSimilarity similarity = new BinaryCosineSimilarity();
            similarity.buildSimilarityMatrix(model);
            context.setSimilarity(similarity);
        }
        recommender = algorithm.factory.get();
        recommender.setContext(context);
        try
        {
            SETUP.invokeExact(recommender);
            TRAIN.invokeExact(recommender);
        }
        catch (final Exception | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(name() + " failed to train", ex);
        }
    }

    /** Holds {@link ItemKnnScorer}'s similarities to LibRec's own on sampled co-occurring pairs. */
    private void checkSimilarities(final LibRecDataModel model)
    {
        final SparseMatrix train = (SparseMatrix)model.getTrainDataSet();
        final BinaryCosineSimilarity similarity = new BinaryCosineSimilarity();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < SIMILARITY_CHECKS && data.userCount() > 0; n++)
        {
            final int[] owned = data.userItems(random.nextInt(data.userCount()));
            if (owned.length < 2)
            {
                continue;
            }
            final int a = owned[random.nextInt(owned.length)];
            final int b = owned[random.nextInt(owned.length)];
            if (a == b)
            {
                continue;
            }
            final double expected = similarity.getCorrelation(train.column(a), train.column(b));
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(itemKnn.similarity(a, b)))
            {
                throw new IllegalStateException("ItemKNN similarity of items " + a + " and " + b + " is " +
                    itemKnn.similarity(a, b) + " but LibRec's BinaryCosineSimilarity gives " + expected);
            }
        }
    }

    @Override
    protected int itemCount()
    {
        return items;
    }

    @Override
    protected void scoreAll(final EvalCase evalCase, final double[] scores) throws Exception
    {
        final int user = evalCase.userIndex();
        if (itemKnn != null)
        {
            itemKnn.scoreAll(data.userItems(user), scores);
            return;
        }
        for (int item = 0; item < items; item++)
        {
            scores[item] = evalCase.trained(item) ? Double.NEGATIVE_INFINITY : predict(user, item);
        }
    }

    @Override
    public void score(final EvalCase evalCase, final int[] itemsToScore, final int count, final double[] scores)
        throws Exception
    {
        if (itemKnn != null)
        {
            super.score(evalCase, itemsToScore, count, scores);
            return;
        }
        final int user = evalCase.userIndex();
        for (int i = 0; i < count; i++)
        {
            scores[i] = predict(user, itemsToScore[i]);
        }
    }

    /**
     * LibRec's own {@code predict(user, item)} of the trained recommender; not available for the ItemKNN
     * peer unless it runs natively.
     *
     * @param user user index.
     * @param item item index.
     * @return the score.
     * @throws Exception when LibRec fails.
     */
    double predict(final int user, final int item) throws Exception
    {
        try
        {
            return (double)PREDICT.invokeExact(recommender, user, item);
        }
        catch (final Exception | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(name() + " failed to predict", ex);
        }
    }

    @Override
    public String toString()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
