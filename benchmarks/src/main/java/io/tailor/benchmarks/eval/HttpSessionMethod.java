package io.tailor.benchmarks.eval;

import io.tailor.scoring.rank.Placement;
import org.agrona.collections.Object2IntHashMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tailor in the session evaluation through a running node's HTTP API ({@link SessionNode}): the training sessions
 * go to the node as anonymous views (once for every method of a run), each case is a fresh anonymous shopper whose
 * prefix is sent as views before {@code GET /v1/recommendations} is asked, with {@code product} the last item on
 * the product placement. The node's own settings rank; {@link SessionMetrics} scores the lists as in-process.
 */
public final class HttpSessionMethod implements SessionMethod
{
    private final String name;
    private final SessionNode node;
    private final Placement placement;
    private final boolean everyPage;
    private final long pageIntervalMs;
    private final int concurrency;
    private final Object2IntHashMap<String> itemById;
    private final AtomicLong caseNumbers = new AtomicLong();

    /**
     * Tailor on a node, on a placement.
     *
     * @param name      name in the report.
     * @param node      the node, shared by the methods of a run.
     * @param productIds product id of each item index.
     * @param placement the placement asked for.
     * @param everyPage whether a list is asked for (and recorded as shown) on every page of a case's prefix, as a
     *                  storefront does, rather than once after its last view.
     * @param pageIntervalMs least time between two pages of a case, with {@code everyPage}.
     * @param concurrency cases in flight at once (shoppers browsing at the same time).
     */
    HttpSessionMethod(final String name, final SessionNode node, final String[] productIds, final Placement placement,
        final boolean everyPage, final long pageIntervalMs, final int concurrency)
    {
        this.pageIntervalMs = pageIntervalMs;
        this.concurrency = concurrency;
        this.name = name;
        this.node = node;
        this.placement = placement;
        this.everyPage = everyPage;
        this.itemById = new Object2IntHashMap<>(productIds.length * 2, 0.65f, -1);
        for (int i = 0; i < productIds.length; i++)
        {
            itemById.put(productIds[i], i);
        }
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
        described.put("node", node.endpoint() + " (its own settings rank)");
        described.put("placement", placement.wireName() + (placement == Placement.PRODUCT ?
            " (the last clicked item is the page's product)" : ""));
        described.put("lists", everyPage ? "one on every page of the prefix, each recorded as shown (a storefront), "
            + "pages " + pageIntervalMs + " ms apart" : "one per case, after the prefix's last view");
        described.put("concurrency", concurrency + " cases in flight");
        final long[] counts = node.listCounts();
        described.put("degraded", counts[1] + " of " + counts[0] + " answers so far degraded and asked again");
        return described;
    }

    @Override
    public void train(final int itemCount, final List<int[]> training)
    {
        try
        {
            node.load(training);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public int recommend(final int[] prefix, final int k, final int[] out)
    {
        return answer(caseNumbers.getAndIncrement(), prefix, k, out);
    }

    @Override
    public void recommendAll(final List<SessionCase> cases, final int k, final int[][] lists, final int[] counts)
    {
        final ExecutorService shoppers = Executors.newFixedThreadPool(concurrency);
        try
        {
            final List<Future<?>> answers = new ArrayList<>(cases.size());
            for (int c = 0, size = cases.size(); c < size; c++)
            {
                final int index = c;
                final long number = caseNumbers.getAndIncrement();
                answers.add(shoppers.submit(() ->
                {
                    counts[index] = answer(number, cases.get(index).prefix(), k, lists[index]);
                }));
            }
            for (final Future<?> answer : answers)
            {
                answer.get();
            }
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        finally
        {
            shoppers.shutdownNow();
        }
    }

    private int answer(final long number, final int[] prefix, final int k, final int[] out)
    {
        try
        {
            return node.answer(number, placement, prefix, everyPage, pageIntervalMs, k, out, itemById::getValue);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
