package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.grid.experiment.ExperimentDefinition;
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
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * This node's view of the experiments: every definition in the grid, parsed and bound to the node's ranking
 * settings, published as one immutable {@link Experiments} that the recommendation and event handlers read with
 * one volatile read.
 * <p>
 * Definitions arrive from the grid's listener (any node's changes, within the listener's delivery time) and
 * directly from this node's handlers (read your writes); the higher version wins.
 */
public final class ExperimentRegistry
{
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
            bound.put(entry.getKey(), each.spec().bind(entry.getKey(), each.definition().version(),
                !each.definition().stopped(), ranking, attribution::slot));
        }
        current = new Experiments(bound);
    }
}
