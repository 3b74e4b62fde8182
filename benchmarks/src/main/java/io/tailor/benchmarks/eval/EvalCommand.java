package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.rank.Diversity;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.ScoringWeights;
import io.tailor.server.cli.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./tailor eval}: replays a dataset through Tailor's scoring and ranks it side by side with a
 * popularity baseline and LibRec peers, on one leave-last-out split, with one metric implementation.
 */
@Command(name = "tailor eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Replays a dataset (MovieLens or REES46) chronologically through Tailor's profile updater, item model and "
            + "recommender, holds out each shopper's last new item, and reports HR@k, NDCG@k (full ranking), "
            + "catalog coverage@k and the sampled-negatives variant for Tailor, a popularity baseline and LibRec "
            + "peers trained on the same training set.",
        "Writes eval-<dataset>.json and eval-<dataset>.md under --out and prints the table.",
        "A session dataset (train.txt, test.txt) is evaluated as the session-based literature does: training "
            + "sessions replayed as anonymous shoppers' views, each test prefix a fresh anonymous shopper, P@20 and "
            + "MRR@20 over all items beside POP, S-POP, S-KNN and V-SKNN."},
    footer = {"", "Examples:",
        "  ./tailor eval --dataset ../shared/data/movielens-latest-small",
        "  ./tailor eval --dataset ../shared/data/rees46-sample --peers itemknn,bpr",
        "  ./tailor eval --dataset ../shared/data/tmall-sessions --cases 5000",
        "  ./tailor eval --dataset ../shared/data/tmall-sessions --cases 5000 --endpoint http://127.0.0.1:8080 "
            + "--every-page",
        "  ./tailor eval --dataset ../shared/data/movielens-latest-small --tune "
            + "--results-md benchmarks/RESULTS.md"})
public final class EvalCommand implements Callable<Integer>
{
    @Option(names = "--dataset", required = true, paramLabel = "PATH",
        description = "Dataset folder (MovieLens: ratings.csv + movies.csv) or REES46 CSV file or folder.")
    Path dataset;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "movielens, rees46 or sessions; detected from the files when left out.")
    String format;

    @Option(names = "--peers", paramLabel = "LIST", split = ",", defaultValue = "itemknn,userknn,bpr,wrmf",
        description = "LibRec peers: itemknn, userknn, bpr, wrmf, or none (default: ${DEFAULT-VALUE}).")
    List<String> peers;

    @Option(names = "--librec", paramLabel = "PEER.KEY=VALUE",
        description = "Overrides a LibRec setting of one peer, e.g. bpr.rec.factor.number=32; repeatable.")
    List<String> librecOverrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "benchmarks/results",
        description = "Folder for eval-<dataset>.json and .md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--results-md", paramLabel = "FILE",
        description = "Also put the Markdown table into this file's Quality section (e.g. benchmarks/RESULTS.md).")
    Path resultsMarkdown;

    @Option(names = "--k", description = "Cut-off of HR, NDCG and coverage (default: 10), or of P and MRR on "
        + "session data (default: 20, as in the session literature).")
    Integer kOption;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "0", description = "Session data: answer a seeded "
        + "sample of N cases instead of all (default: all).")
    int maxCases;

    @Option(names = "--negatives", defaultValue = "100",
        description = "Sampled negatives per held-out item (default: ${DEFAULT-VALUE}, as in NCF).")
    int negatives;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of sampling, tie-breaks and LibRec "
        + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-items", defaultValue = "2", description = "Fewest distinct items a shopper needs to be "
        + "evaluated; others are skipped and counted, their events stay in training (default: ${DEFAULT-VALUE}).")
    int minItems;

    @Option(names = "--launch-at-first-event", description = "Launch each product when the data first mentions "
        + "it (as the catalog's default launch time would have, had the store uploaded it then), so that products "
        + "are new arrivals for the newArrivalWindow after: what the exploration slot works on. Default off: "
        + "the datasets carry no launch times.")
    boolean launchAtFirstEvent;

    @Option(names = "--served-k", paramLabel = "N", defaultValue = "0", description = "Also judge Tailor on "
        + "lists of N as a storefront asks for them, with the exploration slot off and on (its last place), "
        + "products the shopper had counting as misses: what exploration costs the served list (with "
        + "--launch-at-first-event). 0: not run.")
    int servedK;

    @Option(names = "--tune", description = "Also tune Tailor's half-lives on the validation split (each "
        + "shopper's second-to-last new item) and report the chosen settings as 'tailor-tuned'.")
    boolean tune;

    @Option(names = "--popularity-half-life", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Tailor's item popularity half-life (server default 3d); e.g. 30m, 1h, 3d, 10y.")
    Duration popularityHalfLife;

    @Option(names = "--affinity-half-life", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Tailor's profile affinity half-life (server default 30d).")
    Duration affinityHalfLife;

    @Option(names = "--session-half-life", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Tailor's session half-life (server default 30m).")
    Duration sessionHalfLife;

    @Option(names = "--cooccurrence-half-life", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Tailor's co-occurrence half-life (server default 30d).")
    Duration cooccurrenceHalfLife;

    @Option(names = "--co-view-window", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Two products viewed (or rated) this close in time are 'seen together' (server default 1h).")
    Duration coViewWindow;

    @Option(names = "--pairs-per-event", paramLabel = "N",
        description = "Most recent products one event pairs with, 0 to 24 (server default 8).")
    Integer pairsPerEvent;

    @Option(names = "--neighbors", split = ",", paramLabel = "TRACKED,KEPT",
        description = "Co-occurrence neighbours tracked per product and kept in the model (server default 32,24).")
    List<Integer> neighbors;

    @Option(names = "--candidates", split = ",", paramLabel = "PER_CATEGORY,POPULAR",
        description = "Candidates per category of interest and popular candidates overall (server default 32,128).")
    List<Integer> candidates;

    @Option(names = "--diversity-penalty", paramLabel = "X",
        description = "Score taken off per repeated brand or category in the home list (server default 0.1).")
    Double diversityPenalty;

    @Option(names = "--weights", paramLabel = "A,S,C,CO,CAT,B,POP,F,P[,CF]", split = ",",
        description = "Tailor's scoring weights of the home placement: affinity, session, context, co-occurrence, "
            + "category, brand, popularity, freshness, price fit and optionally collaborative (server default "
            + "1.0,1.2,0,1.5,0.6,0.3,0.5,0.3,0.15,3.0).")
    List<Float> weights;

    @Option(names = "--reshow-viewed", paramLabel = "W",
        description = "reshowViewed of every placement: how strongly viewed, not bought products are shown again, "
            + "0 (off) to 10 (server default per placement).")
    Float reshowViewed;

    @Option(names = "--transition", paramLabel = "W",
        description = "Weight of the transition term (products viewed next after the page's and the session's "
            + "latest products) on every placement, -10 to 10; 0 turns it off (server default "
            + "0.5).")
    Float transition;

    @Option(names = "--similar-sessions", paramLabel = "W",
        description = "Weight of the similar-sessions term (products of the recent sessions most like the "
            + "shopper's, V-SKNN) on every placement, -10 to 10; 0 turns it off (server default 0).")
    Float similarSessions;

    @Option(names = "--session-share", paramLabel = "N", defaultValue = "1",
        description = "Session data: the recent-session index sees one in N training sessions, as one node of an "
            + "N-node cluster sees its share of the traffic (default 1: all).")
    int sessionShare;

    @Option(names = "--session-capacity", paramLabel = "N", defaultValue = "65536",
        description = "Session data: sessions the recent-session index keeps (default 65536, the server's).")
    int sessionCapacity;

    @Option(names = "--session-neighbours", split = ",", paramLabel = "K,SAMPLE",
        description = "Session data: the K most similar of the SAMPLE most recent sessions sharing a product vote "
            + "(default 100,500, Ludewig and Jannach's).")
    List<Integer> sessionNeighbours;

    @Option(names = "--baselines", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Session data: run the baselines (POP, S-POP, S-KNN, V-SKNN, V-SKNN on the live index; "
            + "default on); --no-baselines runs Tailor only.")
    boolean baselines;

    @Option(names = "--endpoint", paramLabel = "URL",
        description = "Session data: evaluate a running node through its HTTP API instead of in-process (e.g. "
            + "http://127.0.0.1:8080): products it lacks are uploaded, the training sessions sent as anonymous "
            + "views, each case a fresh anonymous shopper asking GET /v1/recommendations; the node's own settings "
            + "rank (the scoring options here do not apply) and the baselines are not run.")
    URI endpoint;

    @Option(names = "--key", paramLabel = "KEY", description = "API key for --endpoint, with catalog:write, "
        + "events:write and recs:read (default: the TAILOR_API_KEY environment variable, else none).")
    String apiKey;

    @Option(names = "--product-ids", paramLabel = "IDS", defaultValue = "dataset",
        description = "Session data with --endpoint: the products' ids on the node, 'dataset' (the ids of the "
            + "files, as a store's own) or 'index' (i0, i1, ... in order of first appearance, the in-process "
            + "catalog's; default: ${DEFAULT-VALUE}).")
    String productIds;

    @Option(names = "--every-page", description = "Session data: ask for a list on every page of each case's "
        + "prefix and record it as shown (the frequency cap counts it), as a storefront does, instead of one list "
        + "per case after its last view.")
    boolean everyPage;

    @Option(names = "--cap-spares-returns", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Session data, in-process with --every-page: whether the frequency cap counts a product's "
            + "impressions since the shopper last went back to it after a list showed it, as the node does (default "
            + "on); --no-cap-spares-returns counts every impression of the window, the rule before.")
    boolean capSparesReturns;

    @Option(names = "--page-interval", paramLabel = "DURATION", converter = DurationConverter.class,
        defaultValue = "5s", description = "Session data with --endpoint --every-page: least time between two pages "
            + "of a case, a shopper's pace (default ${DEFAULT-VALUE}, the replay's time between clicks, which replays "
            + "the in-process timeline exactly; the node applies a list's impressions within 200 ms).")
    Duration pageInterval;

    @Option(names = "--placements", paramLabel = "LIST", split = ",", defaultValue = "product",
        description = "Session data with --endpoint: the placements asked, in order (default ${DEFAULT-VALUE}, the "
            + "page of the session's last click, where a storefront asks for the next item). The node learns from the "
            + "cases' views as from any traffic, so a placement asked after another answers from a model that has "
            + "seen the cases (their next items among them) and scores too high: give each placement a freshly "
            + "loaded node for numbers comparable with the in-process ones (the report marks such rows).")
    List<String> placements;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "64", description = "Session data with "
        + "--endpoint: cases in flight at once, shoppers browsing at the same time (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--factors", split = ",", paramLabel = "RANK,ITERATIONS",
        description = "Collaborative item factors: dimensions (0 turns them off) and power iterations "
            + "(server default 32,4).")
    List<Integer> factors;

    @Option(names = "--holdout", paramLabel = "SPLIT", defaultValue = "test",
        description = "Which items are held out: 'test' (each shopper's last new item; the default, the "
            + "reported numbers) or 'validation' (the second-to-last, training on what comes before it): for "
            + "choosing settings without looking at the test items.")
    String holdout;

    @Option(names = "--variants", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Run the diagnostic variant of Tailor that replays ratings as views (on data with ratings; "
            + "default on); --no-variants leaves it out.")
    boolean variants;

    private int k;
    private String[] args = new String[0];
    private PrintStream stdout = System.out;
    private PrintStream log = System.err;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args   command-line arguments.
     * @param stdout where the tables go.
     * @param stderr where progress and errors go.
     * @return the exit code: 0 for success.
     */
    public static int run(final String[] args, final PrintStream stdout, final PrintStream stderr)
    {
        final EvalCommand command = new EvalCommand();
        command.args = args.clone();
        command.stdout = stdout;
        command.log = stderr;
        final CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception
    {
        final long start = System.nanoTime();
        final DatasetFormat datasetFormat = format == null ? DatasetFormat.detect(dataset) :
            DatasetFormat.fromOptionName(format);
        k = kOption != null ? kOption : datasetFormat == DatasetFormat.SESSIONS ? 20 : 10;
        if (k < 1 || k > 100 || negatives < 1 || minItems < 2 || maxCases < 0)
        {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--k must be in 1..100, --negatives at least 1, --min-items at least 2, --cases at least 0");
        }
        if (datasetFormat == DatasetFormat.SESSIONS)
        {
            return evaluateSessions(start);
        }
        final Dataset read = datasetFormat == DatasetFormat.MOVIELENS ? MovieLensReader.read(dataset) :
            Rees46Reader.read(dataset);
        final Dataset data = launchAtFirstEvent ? launchedAtFirstEvent(read) : read;
        log.printf("eval: %s (%s): %d products, %d events%n", data.name(), datasetFormat.optionName(),
            data.products().size(), data.events().size());

        final ItemIndex items = new ItemIndex(data.products());
        final Split test = LeaveLastOutSplitter.split(data.events(), items, minItems);
        final Split split = switch (holdout)
        {
            case "test" -> test;
            case "validation" -> LeaveLastOutSplitter.split(test.train(), items, minItems);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                "--holdout must be 'test' or 'validation': " + holdout);
        };
        if (split.cases().isEmpty())
        {
            throw new IllegalStateException("no shopper has " + minItems + " distinct items: nothing to evaluate");
        }
        final Evaluation evaluation = new Evaluation(data, items, split, k, negatives, seed);

        final TailorSettings base = baseSettings();
        final boolean views = variants && hasRatings(data.events());
        final List<EvalMethod> methods = new ArrayList<>();
        methods.add(new PopularityMethod(evaluation.tieBreak()));
        methods.add(new TailorMethod("tailor", base, false));
        if (views)
        {
            methods.add(new TailorMethod("tailor-ratings-as-views", base, true));
        }
        if (servedK > 0)
        {
            final ExplorationSettings exploration = base.ranking().exploration();
            methods.add(new TailorMethod("tailor-served-" + servedK, base.withExploration(base.label(),
                exploration.withSlots(base.placement(), 0).withPromotionSlots(base.placement(), 0)), false, servedK));
            methods.add(new TailorMethod("tailor-served-" + servedK + "-exploring", base, false, servedK));
        }
        Map<String, Object> tuning = null;
        if (tune)
        {
            tuning = new LinkedHashMap<>();
            for (final boolean asViews : views ? new boolean[] {false, true} : new boolean[] {false})
            {
                final String name = asViews ? "tailor-ratings-as-views-tuned" : "tailor-tuned";
                final TailorTuner.Outcome outcome = TailorTuner.tune(data, items, split, base, k, negatives, seed,
                    minItems, asViews, log);
                tuning.put(name, outcome.report());
                methods.add(new TailorMethod(name, outcome.chosen(), asViews));
            }
        }
        final Map<String, Map<String, String>> overrides = overrides();
        for (final String peer : peers)
        {
            if (peer.isBlank() || peer.strip().equalsIgnoreCase("none"))
            {
                continue;
            }
            final LibRecPeer.Algorithm algorithm = LibRecPeer.Algorithm.fromOptionName(peer);
            methods.add(new LibRecPeer(algorithm, overrides.getOrDefault(algorithm.optionName(), Map.of()),
                evaluation.tieBreak(), seed));
        }

        final List<MethodResult> results = new ArrayList<>();
        for (final EvalMethod method : methods)
        {
            results.add(evaluation.run(method, log));
        }

        final EvalReport report = new EvalReport(datasetFacts(data, datasetFormat, split, evaluation),
            protocolFacts(), environment((System.nanoTime() - start) / 1e9), tuning, results);
        write(report, data.name());
        return 0;
    }

    /** An empty recent-session index with the command line's bounds and neighbourhood. */
    private RecentSessionIndex recentSessions()
    {
        final boolean given = sessionNeighbours != null;
        if (given && sessionNeighbours.size() != 2)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--session-neighbours takes K,SAMPLE");
        }
        try
        {
            return new RecentSessionIndex(sessionCapacity, RecentSessionIndex.DEFAULT_ITEMS_PER_SESSION,
                RecentSessionIndex.DEFAULT_SESSION_GAP_MS,
                given ? sessionNeighbours.get(1) : RecentSessionIndex.DEFAULT_SAMPLE,
                given ? sessionNeighbours.get(0) : RecentSessionIndex.DEFAULT_NEIGHBOURS);
        }
        catch (final IllegalArgumentException e)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private int evaluateSessions(final long start) throws IOException
    {
        final SessionData data = SessionsReader.read(dataset);
        final SessionEvaluation evaluation = switch (holdout)
        {
            case "test" -> SessionEvaluation.test(data, maxCases, seed, k);
            case "validation" -> SessionEvaluation.validation(data, maxCases, seed, k);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                "--holdout must be 'test' or 'validation': " + holdout);
        };
        log.printf("eval: %s (sessions): %d items, %d training sessions, %d cases (%s)%n", data.name(),
            data.itemCount(), evaluation.training().size(), evaluation.cases().size(), holdout);
        final TailorSettings base = baseSettings();
        if (sessionShare < 1 || sessionCapacity < 1)
        {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--session-share and --session-capacity must be at least 1");
        }
        final List<SessionMethod> methods = new ArrayList<>();
        SessionNode node = null;
        if (endpoint != null)
        {
            final String[] ids = switch (productIds)
            {
                case "dataset" -> data.itemIds();
                case "index" -> indexIds(data.itemCount());
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--product-ids must be 'dataset' or 'index': " + productIds);
            };
            node = new SessionNode(endpoint, apiKey != null ? apiKey : System.getenv("TAILOR_API_KEY"), ids, log);
            if (concurrency < 1 || concurrency > 1024 || pageInterval.isNegative())
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--concurrency must be in 1..1024 and --page-interval at least 0");
            }
            for (final String name : placements)
            {
                final Placement placement = Placement.fromWireName(name.strip());
                if (placement != Placement.HOME && placement != Placement.PRODUCT)
                {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                        "--placements takes home and product: " + name);
                }
                // A second placement on the same node is answered by a model that has learnt the first one's cases.
                final String learnt = methods.isEmpty() ? "" : ", node had learnt the cases";
                methods.add(new HttpSessionMethod("tailor over HTTP (" + placement.wireName() + learnt + ")", node,
                    ids, placement, everyPage, pageInterval.toMillis(), concurrency));
            }
        }
        else
        {
            if (baselines)
            {
                methods.add(new SessionPopularityMethod(false));
                methods.add(new SessionPopularityMethod(true));
                methods.add(new SessionKnnMethod(false, SessionKnnMethod.DEFAULT_NEIGHBOURS,
                    SessionKnnMethod.DEFAULT_SAMPLE));
                methods.add(new SessionKnnMethod(true, SessionKnnMethod.DEFAULT_NEIGHBOURS,
                    SessionKnnMethod.DEFAULT_SAMPLE));
                methods.add(new LiveSessionKnnMethod(sessionCapacity, sessionShare));
            }
            methods.add(new TailorSessionMethod("tailor (home)", base.withPlacement(Placement.HOME), Placement.HOME,
                recentSessions(), sessionShare, everyPage, capSparesReturns));
            methods.add(new TailorSessionMethod("tailor (product)", base.withPlacement(Placement.PRODUCT),
                Placement.PRODUCT, recentSessions(), sessionShare, everyPage, capSparesReturns));
        }
        final List<SessionEvaluation.Result> results = new ArrayList<>();
        try
        {
            for (final SessionMethod method : methods)
            {
                results.add(evaluation.run(method, log));
            }
        }
        finally
        {
            if (node != null)
            {
                node.close();
            }
        }
        long newItemCases = 0;
        for (final SessionCase c : evaluation.cases())
        {
            newItemCases += c.targetNew() ? 1 : 0;
        }
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", data.name());
        d.put("format", DatasetFormat.SESSIONS.optionName());
        d.put("path", dataset.toString());
        d.put("items", data.itemCount());
        d.put("trainingSessions", evaluation.training().size());
        long clicks = 0;
        for (final int[] session : evaluation.training())
        {
            clicks += session.length;
        }
        d.put("trainingClicks", clicks);
        d.put("casesInSplit", "validation".equals(holdout) ? "the validation split" : data.cases().size());
        d.put("cases", evaluation.cases().size());
        d.put("newItemCases", newItemCases);
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("k", k);
        p.put("seed", seed);
        p.put("maxCases", maxCases);
        p.put("holdout", "validation".equals(holdout) ? "validation: the most recent 10 % of the training sessions, "
            + "every prefix a case; training on the rest" : "test");
        p.put("replay", "training sessions are anonymous shoppers' views " + TailorSessionMethod.SESSION_SPACING_MS
            / 1000 + " s apart, clicks " + TailorSessionMethod.CLICK_SPACING_MS / 1000 + " s apart; each case a "
            + "fresh anonymous shopper; " + (endpoint != null ? "sent to the node at " + endpoint + " through its "
            + "HTTP API, which learns from every event, the cases' views included" :
            "the model does not learn from the cases"));
        p.put("lists", everyPage ? "one on every page of each case's prefix, recorded as shown (the frequency cap "
            + "counts it); the last one is scored" : "one per case, after the prefix's last view");
        final SessionEvalReport report = new SessionEvalReport(d, p,
            environment((System.nanoTime() - start) / 1e9), results);
        final String slug = data.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-") +
            ("validation".equals(holdout) ? "-validation" : "") + (endpoint != null ? "-http" : "") +
            (everyPage ? "-every-page" + (endpoint == null && !capSparesReturns ? "-cap-counts-all" : "") : "");
        Files.createDirectories(out);
        final Path json = out.resolve("eval-" + slug + ".json");
        final Path md = out.resolve("eval-" + slug + ".md");
        final String markdown = report.toMarkdown();
        Files.writeString(json, Json.write(report.toJson()), StandardCharsets.UTF_8);
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        stdout.println();
        stdout.print(markdown);
        log.printf("eval: wrote %s and %s%n", json, md);
        return 0;
    }

    private static String[] indexIds(final int itemCount)
    {
        final String[] ids = new String[itemCount];
        for (int i = 0; i < itemCount; i++)
        {
            ids[i] = "i" + i;
        }
        return ids;
    }

    private TailorSettings baseSettings()
    {
        TailorSettings s = TailorSettings.DEFAULT;
        if (popularityHalfLife != null || affinityHalfLife != null || sessionHalfLife != null)
        {
            s = s.withHalfLives("given",
                popularityHalfLife != null ? popularityHalfLife : s.model().popularityHalfLife(),
                affinityHalfLife != null ? affinityHalfLife : s.profile().affinityHalfLife(),
                sessionHalfLife != null ? sessionHalfLife : s.ranking().sessionHalfLife());
        }
        if (cooccurrenceHalfLife != null || coViewWindow != null || pairsPerEvent != null)
        {
            s = s.withCooccurrence("given",
                cooccurrenceHalfLife != null ? cooccurrenceHalfLife : s.model().cooccurrenceHalfLife(),
                coViewWindow != null ? coViewWindow : s.profile().coViewWindow(),
                pairsPerEvent != null ? pairsPerEvent : s.profile().pairsPerEvent());
        }
        if (neighbors != null)
        {
            if (neighbors.size() != 2)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--neighbors takes 2 numbers (tracked,kept): " + neighbors);
            }
            s = s.withNeighbors("given", neighbors.get(0), neighbors.get(1));
        }
        if (candidates != null)
        {
            if (candidates.size() != 2)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--candidates takes 2 numbers (per category,popular): " + candidates);
            }
            try
            {
                s = s.withCandidates("given", candidates.get(0), candidates.get(1));
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "--candidates: " + e.getMessage());
            }
        }
        if (diversityPenalty != null)
        {
            final Diversity d = s.ranking().diversityFor(s.placement());
            s = s.withDiversity("given", new Diversity(d.brandShare(), d.categoryShare(), diversityPenalty));
        }
        if (factors != null)
        {
            if (factors.size() != 2)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--factors takes 2 numbers (rank,iterations): " + factors);
            }
            try
            {
                s = s.withFactors("given", new FactorSettings(factors.get(0), factors.get(1)));
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "--factors: " + e.getMessage());
            }
        }
        if (reshowViewed != null)
        {
            try
            {
                s = s.withReshowViewed("given", reshowViewed);
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "--reshow-viewed: " + e.getMessage());
            }
        }
        if (transition != null)
        {
            try
            {
                s = s.withTransition("given", transition);
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "--transition: " + e.getMessage());
            }
        }
        if (similarSessions != null)
        {
            try
            {
                s = s.withSimilarSessions("given", similarSessions);
            }
            catch (final IllegalArgumentException e)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--similar-sessions: " + e.getMessage());
            }
        }
        if (weights != null)
        {
            if (weights.size() != 9 && weights.size() != 10)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--weights takes 9 or 10 numbers (affinity,session,context,cooccurrence,category,brand,"
                        + "popularity,freshness,priceFit[,collaborative]): " + weights);
            }
            final float collaborative = weights.size() == 10 ? weights.get(9) :
                s.ranking().weightsFor(s.placement()).collaborative();
            s = s.withWeights("given", new ScoringWeights(weights.get(0), weights.get(1), weights.get(2),
                weights.get(3), weights.get(4), weights.get(5), weights.get(6), weights.get(7), weights.get(8),
                collaborative, s.ranking().weightsFor(s.placement()).transition()));
        }
        return s;
    }

    private Map<String, Map<String, String>> overrides()
    {
        final Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (final String override : librecOverrides)
        {
            final int dot = override.indexOf('.');
            final int eq = override.indexOf('=');
            if (dot < 1 || eq < dot + 2)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "--librec takes PEER.KEY=VALUE, e.g. bpr.rec.factor.number=32: " + override);
            }
            final String peer = LibRecPeer.Algorithm.fromOptionName(override.substring(0, dot)).optionName();
            all.computeIfAbsent(peer, p -> new LinkedHashMap<>())
                .put(override.substring(dot + 1, eq).strip(), override.substring(eq + 1).strip());
        }
        return all;
    }

    private static boolean hasRatings(final List<Event> events)
    {
        for (int i = 0, size = events.size(); i < size; i++)
        {
            if (events.get(i).type() == EventType.RATING)
            {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> datasetFacts(final Dataset data, final DatasetFormat datasetFormat, final Split split,
        final Evaluation evaluation)
    {
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", data.name());
        d.put("format", datasetFormat.optionName());
        d.put("path", dataset.toString());
        d.put("products", data.products().size());
        d.put("events", data.events().size());
        d.put("skippedRows", data.skippedRows());
        d.put("users", split.users());
        d.put("evaluatedUsers", split.cases().size());
        d.put("skippedUsers", split.skippedUsers());
        d.put("trainEvents", split.train().size());
        d.put("trainInteractions", evaluation.training().interactions());
        d.put("droppedEvents", split.droppedEvents());
        return d;
    }

    private Map<String, Object> protocolFacts()
    {
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("k", k);
        p.put("negatives", negatives);
        p.put("seed", seed);
        p.put("minItems", minItems);
        p.put("split", "leave-last-out: per shopper, the item first interacted with last is held out; training is "
            + "every event before that interaction (other shoppers' later events included, as in NCF); events of "
            + "that shopper from then on are dropped; equal timestamps keep file order");
        p.put("holdout", "validation".equals(holdout) ? "validation: the same split applied again to the training "
            + "events, so the held-out item is each shopper's second-to-last new one; for choosing settings, not "
            + "for reporting" : "test");
        p.put("interactions", "views, clicks, carts, purchases and ratings of any value count as interactions; "
            + "peers see each distinct shopper-item pair as a 1");
        p.put("requestTime", "Tailor is asked at the time of the held-out interaction; its item model is built at "
            + "the time of the last training event");
        p.put("fullRanking", "every item the shopper has no training interaction with is eligible; ties broken by "
            + "a seeded hash of (shopper, item)");
        p.put("sampled", "the held-out item ranked among 'negatives' items drawn uniformly without replacement from "
            + "the items the shopper has not interacted with; the same draw for every method");
        return p;
    }

    private Map<String, Object> environment(final double totalSeconds)
    {
        final Map<String, Object> e = new LinkedHashMap<>();
        e.put("command", "./tailor eval " + String.join(" ", args));
        e.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("jdk", "JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        e.put("machine", cpuModel() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        e.put("cpus", Runtime.getRuntime().availableProcessors());
        e.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        e.put("totalSeconds", totalSeconds);
        return e;
    }

    private static String cpuModel()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    private void write(final EvalReport report, final String name) throws IOException
    {
        final String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        Files.createDirectories(out);
        final Path json = out.resolve("eval-" + slug + ".json");
        final Path md = out.resolve("eval-" + slug + ".md");
        final String markdown = report.toMarkdown();
        Files.writeString(json, Json.write(report.toJson()), StandardCharsets.UTF_8);
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        if (resultsMarkdown != null)
        {
            ResultsFile.update(resultsMarkdown, slug, markdown);
        }
        stdout.println();
        stdout.print(markdown);
        log.printf("eval: wrote %s and %s%s%n", json, md, resultsMarkdown != null ? " and " + resultsMarkdown : "");
    }

    /** The data with each product launched at the first event that names it (unknown if none does). */
    private static Dataset launchedAtFirstEvent(final Dataset data)
    {
        final Map<String, Long> first = new HashMap<>();
        for (final Event event : data.events())
        {
            if (event.product() != null)
            {
                first.merge(event.product(), event.timestampMs(), Math::min);
            }
        }
        final List<Product> products = new ArrayList<>(data.products().size());
        for (final Product product : data.products())
        {
            final Long at = first.get(product.id());
            products.add(at == null ? product : product.withLaunchedAtMs(at));
        }
        return new Dataset(data.name(), data.format(), products, data.events(), data.skippedRows());
    }
}
