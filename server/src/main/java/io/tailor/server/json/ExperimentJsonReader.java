package io.tailor.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tailor.scoring.experiment.Arm;
import io.tailor.scoring.experiment.Experiments;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.config.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an experiment definition ({@code ExperimentDefinition} in openapi.yaml), refusing anything it does not
 * understand with the JSON pointer of the offending part, e.g. {@code /arms/1/weights/session}.
 * <pre>
 *   {"name": "...", "placement": "home" | "product" | "cart" | "email", "attributionWindow": "7d",
 *    "arms": [{"name": ARM, "share": (0, 1], "strategy": "popular" | "personalized",
 *              "weights": {WEIGHT: NUMBER, ...}, "diversity": {"brandShare" | "categoryShare" |
 *              "redundancyPenalty": NUMBER}, "frequencyCap": {"maxImpressions": INT}}, ...]}
 * </pre>
 * Shares sum to 1; arm names are unique; an arm's weights, diversity and frequency cap replace the placement's
 * policy key by key and are checked as the configuration file's are.
 */
public final class ExperimentJsonReader
{
    /** Most arms of an experiment. */
    public static final int MAX_ARMS = 10;
    /** Default attribution window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private static final Pattern ARM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Set<String> WEIGHTS = Set.of("affinity", "session", "context", "cooccurrence", "category",
        "brand", "popularity", "freshness", "priceFit", "collaborative", "transition", "similarSessions");
    private static final Set<String> DIVERSITY = Set.of("brandShare", "categoryShare", "redundancyPenalty");
    private static final double SHARE_TOLERANCE = 1e-6;

    private final RankingSettings base;
    private final Duration defaultWindow;

    /**
     * A reader checking arms' ranking overrides against a node's settings, with the built-in default window.
     *
     * @param base the node's ranking settings.
     */
    public ExperimentJsonReader(final RankingSettings base)
    {
        this(base, DEFAULT_WINDOW);
    }

    /**
     * A reader checking arms' ranking overrides against a node's settings.
     *
     * @param base          the node's ranking settings.
     * @param defaultWindow the attribution window of a definition that names none ({@code attribution.window}).
     */
    public ExperimentJsonReader(final RankingSettings base, final Duration defaultWindow)
    {
        this.base = base;
        this.defaultWindow = defaultWindow;
    }

    /**
     * Reads a definition.
     *
     * @param body request body, or the stored JSON text's bytes.
     * @return the definition.
     * @throws InvalidInput naming the offending part by JSON pointer.
     */
    public ExperimentSpec read(final byte[] body) throws InvalidInput
    {
        final JsonNode root = JsonTree.object(body);
        only(root, "", "name", "placement", "arms", "attributionWindow");
        final ObjectNode canonical = root.deepCopy();
        if (root.has("name"))
        {
            Fields.text("/name", string(root.get("name"), "/name"), 128);
        }
        final String placementName = string(root.get("placement"), "/placement");
        final Placement placement = Placement.fromWireName(placementName);
        if (placement == null)
        {
            throw new InvalidInput("/placement", "placement must be one of home, product, cart, email");
        }
        Duration window = defaultWindow;
        if (root.has("attributionWindow"))
        {
            try
            {
                window = Durations.parse(string(root.get("attributionWindow"), "/attributionWindow"));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidInput("/attributionWindow", "attributionWindow must be a duration such as 7d");
            }
            if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(90)) > 0)
            {
                throw new InvalidInput("/attributionWindow", "attributionWindow must be within 1m..90d");
            }
        }
        else
        {
            canonical.put("attributionWindow", text(window));
        }
        final JsonNode arms = root.get("arms");
        if (arms == null || !arms.isArray() || arms.isEmpty() || arms.size() > MAX_ARMS)
        {
            throw new InvalidInput("/arms", "arms must be an array of 1 to " + MAX_ARMS + " arms");
        }
        final List<ExperimentSpec.ArmSpec> specs = new ArrayList<>(arms.size());
        final Set<String> names = new HashSet<>();
        double sum = 0;
        for (int i = 0; i < arms.size(); i++)
        {
            final ExperimentSpec.ArmSpec arm = arm(arms.get(i), "/arms/" + i, placement);
            if (!names.add(arm.name()))
            {
                throw new InvalidInput("/arms/" + i + "/name", "arm names must be unique: " + arm.name());
            }
            sum += arm.share();
            specs.add(arm);
        }
        if (Math.abs(sum - 1.0) > SHARE_TOLERANCE)
        {
            throw new InvalidInput("/arms", "the arms' shares must sum to 1, not " + sum);
        }
        return new ExperimentSpec(placement, List.copyOf(specs), window, canonical.toString());
    }

    private ExperimentSpec.ArmSpec arm(final JsonNode node, final String at, final Placement placement)
        throws InvalidInput
    {
        object(node, at);
        only(node, at, "name", "share", "strategy", "weights", "diversity", "frequencyCap");
        final String name = string(node.get("name"), at + "/name");
        if (!ARM_NAME.matcher(name).matches() || name.equals(Experiments.NONE) || name.equals(Experiments.OPTED_OUT))
        {
            throw new InvalidInput(at + "/name", "an arm name is 1 to 32 letters, digits, '_' or '-', and not " +
                Experiments.NONE + " or " + Experiments.OPTED_OUT);
        }
        final JsonNode shareNode = node.get("share");
        if (shareNode == null || !shareNode.isNumber() || !(shareNode.doubleValue() > 0 &&
            shareNode.doubleValue() <= 1))
        {
            throw new InvalidInput(at + "/share", "share must be a number in (0, 1]");
        }
        boolean popular = false;
        if (node.has("strategy"))
        {
            final String strategy = string(node.get("strategy"), at + "/strategy");
            if (!strategy.equals(Arm.POPULAR) && !strategy.equals(Arm.PERSONALIZED))
            {
                throw new InvalidInput(at + "/strategy", "strategy must be " + Arm.POPULAR + " (the non-personal " +
                    "bestseller list) or " + Arm.PERSONALIZED + " (what Tailor serves by default)");
            }
            popular = strategy.equals(Arm.POPULAR);
        }
        final Map<String, Float> weights = new HashMap<>();
        if (node.has("weights"))
        {
            final JsonNode section = node.get("weights");
            object(section, at + "/weights");
            for (final Map.Entry<String, JsonNode> field : section.properties())
            {
                final String key = at + "/weights/" + field.getKey();
                if (!WEIGHTS.contains(field.getKey()))
                {
                    throw new InvalidInput(key, "unknown weight " + field.getKey() + "; known: " +
                        String.join(", ", new java.util.TreeSet<>(WEIGHTS)));
                }
                weights.put(field.getKey(), (float)number(field.getValue(), key));
            }
        }
        final Map<String, Double> diversity = new HashMap<>();
        if (node.has("diversity"))
        {
            final JsonNode section = node.get("diversity");
            object(section, at + "/diversity");
            for (final Map.Entry<String, JsonNode> field : section.properties())
            {
                final String key = at + "/diversity/" + field.getKey();
                if (!DIVERSITY.contains(field.getKey()))
                {
                    throw new InvalidInput(key, "unknown diversity setting " + field.getKey() +
                        "; known: brandShare, categoryShare, redundancyPenalty");
                }
                diversity.put(field.getKey(), number(field.getValue(), key));
            }
        }
        Integer maxImpressions = null;
        if (node.has("frequencyCap"))
        {
            final JsonNode section = node.get("frequencyCap");
            object(section, at + "/frequencyCap");
            only(section, at + "/frequencyCap", "maxImpressions");
            final JsonNode value = section.get("maxImpressions");
            if (value == null || !value.canConvertToInt() || !value.isIntegralNumber())
            {
                throw new InvalidInput(at + "/frequencyCap/maxImpressions", "maxImpressions must be an integer");
            }
            maxImpressions = value.intValue();
        }
        final ExperimentSpec.ArmSpec arm = new ExperimentSpec.ArmSpec(name, shareNode.doubleValue(), popular,
            Map.copyOf(weights), Map.copyOf(diversity), maxImpressions);
        try
        {
            arm.settings(base, placement);
        }
        catch (final IllegalArgumentException ex)
        {
            final String section = !weights.isEmpty() && ex.getMessage().contains("weight") ? "/weights" :
                !diversity.isEmpty() && (ex.getMessage().contains("diversity") ||
                ex.getMessage().contains("redundancy")) ? "/diversity" : maxImpressions != null &&
                ex.getMessage().contains("frequency") ? "/frequencyCap/maxImpressions" : "";
            throw new InvalidInput(at + section, ex.getMessage());
        }
        return arm;
    }

    private static double number(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue()))
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be a finite number");
        }
        return node.doubleValue();
    }

    private static String string(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || node.getNodeType() != JsonNodeType.STRING)
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be a string");
        }
        return node.textValue();
    }

    private static void object(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || !node.isObject())
        {
            throw new InvalidInput(at, at + " must be a JSON object");
        }
    }

    private static void only(final JsonNode node, final String at, final String... allowed) throws InvalidInput
    {
        final String unknown = JsonTree.unknownField(node, allowed);
        if (unknown != null)
        {
            throw new InvalidInput(at + "/" + unknown.replace("~", "~0").replace("/", "~1"), "unknown field " +
                unknown);
        }
    }

    /** A duration as the configuration file writes it: whole days, hours, minutes or seconds. */
    private static String text(final Duration duration)
    {
        final long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0)
        {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0)
        {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
