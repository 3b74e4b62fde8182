package io.tailor.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tailor.grid.RetentionSettings;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.rank.Diversity;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.FrequencyCap;
import io.tailor.scoring.rank.MerchandisingRules;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.scoring.rank.ScoringWeights;
import io.tailor.server.security.Rate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the YAML configuration file ({@code --config}) into a validated {@link TailorConfig}, once, at start.
 * <p>
 * Every key is optional and falls back to the built-in default; unknown keys, duplicate keys, wrong types
 * and out-of-range values are errors that name the key's path (e.g. {@code ranking.placements.home.weights})
 * and line. Jackson's YAML module parses; the document's shape is the records below.
 */
public final class ConfigFile
{
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private ConfigFile()
    {
    }

    /**
     * Reads and validates a configuration file.
     *
     * @param path the file.
     * @return the configuration.
     * @throws InvalidConfig naming the file, the setting and the problem.
     */
    public static TailorConfig read(final Path path)
    {
        final String yaml;
        try
        {
            yaml = Files.readString(path);
        }
        catch (final IOException ex)
        {
            throw new InvalidConfig(path + ": cannot be read: " + ex.getMessage(), ex);
        }
        return parse(yaml, path.toString());
    }

    /**
     * Parses and validates configuration text.
     *
     * @param yaml   the YAML text; empty means all defaults.
     * @param source name of the text in messages (usually its path).
     * @return the configuration.
     * @throws InvalidConfig naming the source, the setting and the problem.
     */
    public static TailorConfig parse(final String yaml, final String source)
    {
        final Document document;
        try
        {
            // A file of comments only has no content to map: all defaults, like an empty one.
            document = MAPPER.readTree(yaml).isMissingNode() ? null : MAPPER.readValue(yaml, Document.class);
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw new InvalidConfig(source + where(ex) + ": unknown setting '" + path(ex) + "'; known here: " +
                ex.getKnownPropertyIds(), ex);
        }
        catch (final JsonMappingException ex)
        {
            throw new InvalidConfig(source + where(ex) + ": '" + path(ex) + "': " + ex.getOriginalMessage(), ex);
        }
        catch (final JsonProcessingException ex)
        {
            throw new InvalidConfig(source + where(ex) + ": not valid YAML: " + ex.getOriginalMessage(), ex);
        }
        if (document == null)
        {
            return TailorConfig.DEFAULT;
        }
        return within(source, "", () -> new TailorConfig(
            within(source, "limits", () -> limits(source, document.limits())),
            within(source, "ranking", () -> ranking(source, document.ranking())),
            within(source, "overload", () -> overload(source, document.overload())),
            within(source, "security", () -> security(source, document.security())),
            within(source, "attribution.window", () -> within(source, "privacy",
                () -> privacy(source, document.privacy())).withAttributionWindow(
                    attributionWindow(source, document.attribution()))),
            within(source, "model.factors", () -> model(document.model())),
            within(source, "webhooks", () -> webhooks(source, document.webhooks()))));
    }

    private static WebhookSettings webhooks(final String source, final WebhooksSection section)
    {
        final WebhookSettings d = WebhookSettings.DEFAULT;
        if (section == null)
        {
            return d;
        }
        return new WebhookSettings(duration(source, "webhooks.firstRetry", section.firstRetry(), d.firstRetry()),
            duration(source, "webhooks.maxRetryWait", section.maxRetryWait(), d.maxRetryWait()),
            duration(source, "webhooks.horizon", section.horizon(), d.horizon()),
            duration(source, "webhooks.recheck", section.recheck(), d.recheck()),
            duration(source, "webhooks.requestTimeout", section.requestTimeout(), d.requestTimeout()));
    }

    private static ModelSettings model(final ModelSection section)
    {
        final ModelSettings d = ModelSettings.DEFAULT;
        if (section == null || section.factors() == null)
        {
            return d;
        }
        final FactorsSection f = section.factors();
        return d.withFactors(new FactorSettings(or(f.rank(), d.factors().rank()),
            or(f.iterations(), d.factors().iterations())));
    }

    private static Duration attributionWindow(final String source, final AttributionSection section)
    {
        return section == null ? RetentionSettings.DEFAULT_ATTRIBUTION_WINDOW :
            duration(source, "attribution.window", section.window(), RetentionSettings.DEFAULT_ATTRIBUTION_WINDOW);
    }

    private static RetentionSettings privacy(final String source, final PrivacySection section)
    {
        final RetentionSettings d = TailorConfig.DEFAULT_RETENTION;
        if (section == null)
        {
            return d;
        }
        final Duration retention = "never".equals(section.profileRetention()) ? null :
            duration(source, "privacy.profileRetention", section.profileRetention(), d.profileRetention());
        return new RetentionSettings(retention,
            duration(source, "privacy.retentionSweepInterval", section.retentionSweepInterval(), d.sweepInterval()));
    }

    private static InputLimits limits(final String source, final LimitsSection section)
    {
        final InputLimits d = InputLimits.DEFAULT;
        if (section == null)
        {
            return d;
        }
        return new InputLimits(
            or(section.maxBodyBytes(), d.maxBodyBytes()),
            or(section.maxBatchEvents(), d.maxBatchEvents()),
            or(section.maxBatchProducts(), d.maxBatchProducts()),
            or(section.maxItems(), d.maxItems()),
            or(section.maxQuantity(), d.maxQuantity()),
            duration(source, "limits.maxFutureSkew", section.maxFutureSkew(), d.maxFutureSkew()),
            duration(source, "limits.maxEventAge", section.maxEventAge(), d.maxEventAge()),
            or(section.maxTextLength(), d.maxTextLength()),
            or(section.maxAttributes(), d.maxAttributes()),
            or(section.maxAmount(), d.maxAmount()),
            or(section.maxPropertiesDepth(), d.maxPropertiesDepth()));
    }

    private static OverloadLimits overload(final String source, final OverloadSection section)
    {
        final OverloadLimits d = OverloadLimits.DEFAULT;
        if (section == null)
        {
            return d;
        }
        return new OverloadLimits(
            or(section.maxGridOperationsPerLoop(), d.maxGridOperationsPerLoop()),
            or(section.maxBodyBytesInFlight(), d.maxBodyBytesInFlight()),
            or(section.maxQueuedParses(), d.maxQueuedParses()),
            duration(source, "overload.requestHeadTimeout", section.requestHeadTimeout(), d.requestHeadTimeout()),
            duration(source, "overload.requestBodyTimeout", section.requestBodyTimeout(), d.requestBodyTimeout()),
            duration(source, "overload.idleTimeout", section.idleTimeout(), d.idleTimeout()));
    }

    private static SecurityPolicy security(final String source, final SecuritySection section)
    {
        final SecurityPolicy d = SecurityPolicy.DEFAULT;
        if (section == null)
        {
            return d;
        }
        final List<String> origins = new ArrayList<>();
        Duration maxAge = d.corsMaxAge();
        if (section.cors() != null)
        {
            final List<String> given = section.cors().allowedOrigins() == null ? List.of() :
                section.cors().allowedOrigins();
            for (int i = 0; i < given.size(); i++)
            {
                final int index = i;
                within(source, "security.cors.allowedOrigins[" + i + "]", () ->
                {
                    SecurityPolicy.checkOrigin(given.get(index));
                    return null;
                });
                origins.add(given.get(i));
            }
            maxAge = duration(source, "security.cors.maxAge", section.cors().maxAge(), d.corsMaxAge());
        }
        Rate addressRate = d.publicKeyAddressRate();
        if (section.publicKeys() != null)
        {
            final PublicKeysSection keys = section.publicKeys();
            addressRate = within(source, "security.publicKeys", () -> keys.addressRate() == null ?
                new Rate(d.publicKeyAddressRate().perSecond(), or(keys.addressBurst(),
                    d.publicKeyAddressRate().burst())) :
                Rate.parse(keys.addressRate(), or(keys.addressBurst(), 0)));
        }
        return new SecurityPolicy(origins, maxAge, addressRate, or(section.forwardedHops(), d.forwardedHops()));
    }

    private static RankingSettings ranking(final String source, final RankingSection section)
    {
        final RankingSettings d = RankingSettings.DEFAULT;
        if (section == null)
        {
            return d;
        }
        final Map<Placement, ScoringWeights> weights = new EnumMap<>(Placement.class);
        final Map<Placement, Diversity> diversity = new EnumMap<>(Placement.class);
        final Map<Placement, List<String>> pinned = new EnumMap<>(Placement.class);
        final Map<Placement, Integer> explorationSlots = new EnumMap<>(Placement.class);
        final Map<Placement, Integer> promotionSlots = new EnumMap<>(Placement.class);
        final Map<Placement, Float> reshowViewed = new EnumMap<>(Placement.class);
        if (section.placements() != null)
        {
            section.placements().forEach((name, placementSection) ->
            {
                final String at = "ranking.placements." + name;
                final Placement placement = placement(source, at, name);
                if (placementSection == null)
                {
                    return;
                }
                if (placementSection.weights() != null)
                {
                    weights.put(placement, within(source, at + ".weights",
                        () -> placementSection.weights().over(d.weightsFor(placement))));
                }
                if (placementSection.diversity() != null)
                {
                    diversity.put(placement, within(source, at + ".diversity",
                        () -> placementSection.diversity().over(d.diversityFor(placement))));
                }
                if (placementSection.pinned() != null)
                {
                    pinned.put(placement, ids(source, at + ".pinned", placementSection.pinned()));
                }
                if (placementSection.explorationSlots() != null)
                {
                    explorationSlots.put(placement, within(source, at + ".explorationSlots", () ->
                        new ExplorationSettings(d.exploration().exposureFloor(),
                            Map.of(placement, placementSection.explorationSlots()))).slots().get(placement));
                }
                if (placementSection.promotionSlots() != null)
                {
                    promotionSlots.put(placement, within(source, at + ".promotionSlots", () ->
                        new ExplorationSettings(d.exploration().exposureFloor(), Map.of(),
                            Map.of(placement, placementSection.promotionSlots()))).promotionSlotsFor(placement));
                }
                if (placementSection.reshowViewed() != null)
                {
                    reshowViewed.put(placement, within(source, at + ".reshowViewed", () -> d.withReshowViewed(
                        placement, placementSection.reshowViewed()).reshowViewedFor(placement)));
                }
            });
        }
        final FrequencyCap cap = section.frequencyCap() == null ? d.frequencyCap() : within(source,
            "ranking.frequencyCap", () -> new FrequencyCap(
                or(section.frequencyCap().maxImpressions(), d.frequencyCap().maxImpressions()),
                duration(source, "ranking.frequencyCap.window", section.frequencyCap().window(),
                    d.frequencyCap().window())));
        final Map<String, Duration> replenishable = new LinkedHashMap<>();
        if (section.replenishable() != null)
        {
            section.replenishable().forEach((category, interval) -> replenishable.put(category,
                duration(source, "ranking.replenishable." + category, interval, null)));
        }
        final Set<String> blocked = section.blocked() == null ? Set.of() :
            new LinkedHashSet<>(ids(source, "ranking.blocked", section.blocked()));
        return new RankingSettings(weights,
            duration(source, "ranking.sessionHalfLife", section.sessionHalfLife(), d.sessionHalfLife()),
            duration(source, "ranking.freshnessHalfLife", section.freshnessHalfLife(), d.freshnessHalfLife()),
            duration(source, "ranking.newArrivalWindow", section.newArrivalWindow(), d.newArrivalWindow()),
            or(section.candidatesPerCategory(), d.candidatesPerCategory()),
            or(section.popularCandidates(), d.popularCandidates()),
            diversity,
            duration(source, "ranking.recentExclusion", section.recentExclusion(), d.recentExclusion()),
            cap,
            within(source, "ranking", () -> new MerchandisingRules(blocked, pinned, replenishable)),
            within(source, "ranking.exploration", () -> new ExplorationSettings(section.exploration() == null ?
                d.exploration().exposureFloor() : or(section.exploration().exposureFloor(),
                d.exploration().exposureFloor()), explorationSlots, promotionSlots)),
            reshowViewed);
    }

    private static Placement placement(final String source, final String at, final String name)
    {
        final Placement placement = Placement.fromWireName(name);
        if (placement == null)
        {
            final List<String> known = new ArrayList<>();
            for (final Placement each : Placement.values())
            {
                known.add(each.wireName());
            }
            throw new InvalidConfig(source + ": '" + at + "': unknown placement; known: " + known, null);
        }
        return placement;
    }

    private static List<String> ids(final String source, final String at, final List<String> ids)
    {
        for (int i = 0; i < ids.size(); i++)
        {
            final String id = ids.get(i);
            if (id == null || !InputLimits.ID.matcher(id).matches())
            {
                throw new InvalidConfig(source + ": '" + at + "[" + i + "]': not a product id: " + id, null);
            }
        }
        return List.copyOf(ids);
    }

    private static Duration duration(final String source, final String at, final String text,
        final Duration fallback)
    {
        if (text == null)
        {
            if (fallback == null)
            {
                throw new InvalidConfig(source + ": '" + at + "': a duration is required", null);
            }
            return fallback;
        }
        try
        {
            return Durations.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfig(source + ": '" + at + "': " + ex.getMessage(), ex);
        }
    }

    /** Runs a constructor and names the section its validation refers to. */
    private static <T> T within(final String source, final String at, final Supplier<T> build)
    {
        try
        {
            return build.get();
        }
        catch (final InvalidConfig ex)
        {
            throw ex;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfig(source + (at.isEmpty() ? "" : ": '" + at + "'") + ": " + ex.getMessage(), ex);
        }
    }

    private static <T> T or(final T value, final T fallback)
    {
        return value == null ? fallback : value;
    }

    private static String where(final JsonProcessingException ex)
    {
        final JsonLocation location = ex.getLocation();
        return location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr();
    }

    private static String path(final JsonMappingException ex)
    {
        final StringBuilder path = new StringBuilder();
        for (final JsonMappingException.Reference reference : ex.getPath())
        {
            if (reference.getFieldName() != null)
            {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0)
            {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The file's top level. */
    record Document(LimitsSection limits, RankingSection ranking, OverloadSection overload,
        SecuritySection security, PrivacySection privacy, ModelSection model, AttributionSection attribution,
        WebhooksSection webhooks)
    {
    }

    /** {@code webhooks:}, see {@link WebhookSettings}. */
    record WebhooksSection(String firstRetry, String maxRetryWait, String horizon, String recheck,
        String requestTimeout)
    {
    }

    /** {@code attribution:}, see {@link RetentionSettings#attributionWindow()}. */
    record AttributionSection(String window)
    {
    }

    /** {@code model:}. */
    record ModelSection(FactorsSection factors)
    {
    }

    /** {@code model.factors:}, see {@link FactorSettings}; {@code rank: 0} turns the factors off. */
    record FactorsSection(Integer rank, Integer iterations)
    {
    }

    /** {@code privacy:}, see {@link RetentionSettings}; {@code profileRetention: never} keeps profiles. */
    record PrivacySection(String profileRetention, String retentionSweepInterval)
    {
    }

    /** {@code limits:}, see {@link InputLimits}. */
    record LimitsSection(Long maxBodyBytes, Integer maxBatchEvents, Integer maxBatchProducts, Integer maxItems,
        Integer maxQuantity, String maxFutureSkew, String maxEventAge, Integer maxTextLength, Integer maxAttributes,
        Double maxAmount, Integer maxPropertiesDepth)
    {
    }

    /** {@code overload:}, see {@link OverloadLimits}. */
    record OverloadSection(Integer maxGridOperationsPerLoop, Long maxBodyBytesInFlight, Integer maxQueuedParses,
        String requestHeadTimeout, String requestBodyTimeout, String idleTimeout)
    {
    }

    /** {@code security:}, see {@link SecurityPolicy}. */
    record SecuritySection(CorsSection cors, PublicKeysSection publicKeys, Integer forwardedHops)
    {
    }

    /** {@code security.cors:}. */
    record CorsSection(List<String> allowedOrigins, String maxAge)
    {
    }

    /** {@code security.publicKeys:}. */
    record PublicKeysSection(String addressRate, Integer addressBurst)
    {
    }

    /** {@code ranking:}, see {@link RankingSettings}. */
    record RankingSection(Map<String, PlacementSection> placements, String sessionHalfLife,
        String freshnessHalfLife, String newArrivalWindow, Integer candidatesPerCategory, Integer popularCandidates,
        String recentExclusion, FrequencyCapSection frequencyCap, List<String> blocked,
        Map<String, String> replenishable, ExplorationSection exploration)
    {
    }

    /** {@code ranking.exploration:}. */
    record ExplorationSection(Integer exposureFloor)
    {
    }

    /** {@code ranking.placements.<name>:}. */
    record PlacementSection(WeightsSection weights, DiversitySection diversity, List<String> pinned,
        Integer explorationSlots, Integer promotionSlots, Float reshowViewed)
    {
    }

    /** {@code weights:}; each weight given replaces the placement's default, the others stay. */
    record WeightsSection(Float affinity, Float session, Float context, Float cooccurrence, Float category,
        Float brand, Float popularity, Float freshness, Float priceFit, Float collaborative, Float transition,
        Float similarSessions)
    {
        ScoringWeights over(final ScoringWeights d)
        {
            return new ScoringWeights(or(affinity, d.affinity()), or(session, d.session()), or(context, d.context()),
                or(cooccurrence, d.cooccurrence()), or(category, d.category()), or(brand, d.brand()),
                or(popularity, d.popularity()), or(freshness, d.freshness()), or(priceFit, d.priceFit()),
                or(collaborative, d.collaborative()), or(transition, d.transition()),
                or(similarSessions, d.similarSessions()));
        }
    }

    /** {@code diversity:}. */
    record DiversitySection(Double brandShare, Double categoryShare, Double redundancyPenalty)
    {
        Diversity over(final Diversity d)
        {
            return new Diversity(or(brandShare, d.brandShare()), or(categoryShare, d.categoryShare()),
                or(redundancyPenalty, d.redundancyPenalty()));
        }
    }

    /** {@code ranking.frequencyCap:}. */
    record FrequencyCapSection(Integer maxImpressions, String window)
    {
    }
}
