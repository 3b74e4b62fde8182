package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.experiment.ExperimentCountsStore;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.experiment.ArmTally;
import io.tailor.scoring.experiment.Experiment;
import io.tailor.scoring.experiment.Experiments;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.json.ExperimentJsonReader;
import io.tailor.server.json.ExperimentSpec;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.metrics.Attribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This node's view of the experiments: every definition in the grid, parsed and bound to the node's ranking
 * settings, published as one immutable {@link Experiments} that the recommendation and event handlers read with
 * one volatile read.
 * <p>
 * Definitions arrive from the grid's listener (any node's changes, within the listener's delivery time) and
 * directly from this node's handlers (read your writes); the higher version wins.
 * <p>
 * Each arm has one {@link ArmTally} on this node, kept across redefinitions; a background thread
 * ({@code tailor-experiments}) merges what they counted into the grid's {@code experiment-counts} map every
 * {@link #FLUSH_INTERVAL_MS} ms, and once more on close. A node that crashes loses what it counted since its last
 * flush; counts already merged have a synchronous backup and are in the members' data files.
 */
public final class ExperimentRegistry implements AutoCloseable
{
    /** How often this node's counts are merged into the grid. */
    public static final long FLUSH_INTERVAL_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRegistry.class);

    /** One parsed definition, with its grid record. */
    record Known(ExperimentDefinition definition, ExperimentSpec spec)
    {
    }

    private final TailorGrid grid;
    private final RankingSettings ranking;
    private final Attribution attribution;
    private final Map<String, Known> known = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, ArmTally> tallies = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    private volatile Experiments current = Experiments.EMPTY;

    /**
     * A registry over the grid's experiments; call {@link #start()}.
     *
     * @param grid        the grid.
     * @param ranking     the node's ranking settings, which arms override.
     * @param attribution where arm names get their metric slots.
     */
    public ExperimentRegistry(final TailorGrid grid, final RankingSettings ranking, final Attribution attribution)
    {
        this.grid = grid;
        this.ranking = ranking;
        this.attribution = attribution;
        this.thread = DaemonThreads.scheduled("tailor-experiments");
    }

    /**
     * Loads every definition and listens for changes.
     */
    public void start()
    {
        grid.experiments().listen(this::update);
        for (final Map.Entry<String, ExperimentDefinition> entry : grid.experiments().all().entrySet())
        {
            update(entry.getKey(), entry.getValue());
        }
        thread.scheduleWithFixedDelay(this::flush, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Merges what this node counted since the last flush into the grid.
     *
     * @return completion of every merge sent.
     */
    CompletableFuture<Void> flush()
    {
        final List<CompletableFuture<Object>> sent = new ArrayList<>();
        final long[] counts = new long[ArmTally.COUNTERS];
        for (final Map.Entry<String, ArmTally> entry : tallies.entrySet())
        {
            final double revenue = entry.getValue().drain(counts);
            final byte[][] sketches = entry.getValue().sketchesIfChanged();
            if (sketches == null && revenue == 0 && counts[0] == 0 && counts[1] == 0 && counts[2] == 0 &&
                counts[3] == 0)
            {
                continue;
            }
            sent.add(grid.experimentCounts().merge(entry.getKey(), new ArmCounts(0, counts, revenue,
                sketches == null ? null : sketches[0], sketches == null ? null : sketches[1])).toCompletableFuture()
                .whenComplete((ignored, error) ->
                {
                    if (error != null)
                    {
                        grid.errors().record(BackgroundErrors.EXPERIMENT_COUNTS, error);
                    }
                }));
        }
        return CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * The experiments in force.
     *
     * @return the snapshot.
     */
    public Experiments current()
    {
        return current;
    }

    /**
     * The known definitions, by id, in id order.
     *
     * @return a copy.
     */
    synchronized Map<String, Known> known()
    {
        return new TreeMap<>(known);
    }

    /**
     * The running experiment of a placement other than a given one, if any.
     *
     * @param placement placement wire name.
     * @param except    id to leave out.
     * @return its id, or {@code null}.
     */
    synchronized String runningOn(final String placement, final String except)
    {
        for (final Map.Entry<String, Known> entry : known.entrySet())
        {
            if (!entry.getKey().equals(except) && !entry.getValue().definition().stopped() &&
                entry.getValue().spec().placement().wireName().equals(placement))
            {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * Takes a new version of a definition (or a deletion's tombstone); older versions than the one known are
     * ignored.
     *
     * @param id         experiment id.
     * @param definition the definition.
     */
    public synchronized void update(final String id, final ExperimentDefinition definition)
    {
        final Long seen = versions.get(id);
        if (definition == null || (seen != null && seen >= definition.version()))
        {
            return;
        }
        versions.put(id, definition.version());
        if (definition.deleted())
        {
            known.remove(id);
        }
        else
        {
            try
            {
                known.put(id, new Known(definition, new ExperimentJsonReader(ranking).read(
                    definition.json().getBytes(StandardCharsets.UTF_8))));
            }
            catch (final InvalidInput ex)
            {
                LOG.error("experiment {} version {} cannot be read and is ignored: {} at {}", id,
                    definition.version(), ex.reason(), ex.field());
                known.remove(id);
            }
        }
        final Map<String, Experiment> bound = new HashMap<>();
        for (final Map.Entry<String, Known> entry : known.entrySet())
        {
            final Known each = entry.getValue();
            final String prefix = ExperimentCountsStore.key(entry.getKey(), each.definition().createdAtMs(), "");
            bound.put(entry.getKey(), each.spec().bind(entry.getKey(), each.definition().version(),
                !each.definition().stopped(), ranking, attribution::slot,
                arm -> tallies.computeIfAbsent(prefix + arm, k -> new ArmTally())));
        }
        current = new Experiments(bound);
    }

    @Override
    public void close()
    {
        // the last scheduled flush ends first, so the final one is the only one running
        DaemonThreads.stop(thread);
        try
        {
            flush().get(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException | RuntimeException ex)
        {
            LOG.warn("the last experiment counts could not be merged into the grid: {}", ex.toString());
        }
    }
}
