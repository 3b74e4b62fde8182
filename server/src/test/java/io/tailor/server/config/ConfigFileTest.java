package io.tailor.server.config;

import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest
{
    @Test
    void shouldUseTheDefaultsForAnEmptyFile()
    {
        assertThat(ConfigFile.parse("", "empty.yaml")).isEqualTo(TailorConfig.DEFAULT);
        assertThat(ConfigFile.parse("# nothing set\n", "comment.yaml")).isEqualTo(TailorConfig.DEFAULT);
    }

    @Test
    void shouldOverrideOnlyTheWeightsThatAreNamedAndKeepThePlacementsOtherDefaults()
    {
        final TailorConfig config = ConfigFile.parse("""
            ranking:
              placements:
                home:
                  weights: {popularity: 2.5}
                  pinned: [gift-box]
              frequencyCap: {maxImpressions: 5}
              blocked: [recalled-1]
              replenishable: {grocery/coffee: 30d}
            """, "policy.yaml");

        final RankingSettings ranking = config.ranking();
        assertThat(ranking.weightsFor(Placement.HOME).popularity()).isEqualTo(2.5f);
        assertThat(ranking.weightsFor(Placement.HOME).affinity())
            .isEqualTo(RankingSettings.DEFAULT.weightsFor(Placement.HOME).affinity());
        assertThat(ranking.weightsFor(Placement.CART)).isEqualTo(RankingSettings.DEFAULT.weightsFor(Placement.CART));
        assertThat(ranking.rules().pinned().get(Placement.HOME)).containsExactly("gift-box");
        assertThat(ranking.rules().blocked()).containsExactly("recalled-1");
        assertThat(ranking.rules().replenishable()).containsEntry("grocery/coffee", Duration.ofDays(30));
        assertThat(ranking.frequencyCap().maxImpressions()).isEqualTo(5);
        assertThat(ranking.frequencyCap().window()).isEqualTo(RankingSettings.DEFAULT.frequencyCap().window());
        assertThat(config.limits()).isEqualTo(InputLimits.DEFAULT);
    }

    @Test
    void shouldNameAnUnknownSettingWithItsPathAndLine()
    {
        assertThatThrownBy(() -> ConfigFile.parse("""
            ranking:
              placements:
                home:
                  weights: {afinity: 1}
            """, "typo.yaml"))
            .isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("typo.yaml:4")
            .hasMessageContaining("ranking.placements.home.weights.afinity")
            .hasMessageContaining("affinity");
    }

    @Test
    void shouldNameAnUnknownPlacement()
    {
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  placements:\n    checkout: {pinned: [a]}\n", "p.yaml"))
            .isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("ranking.placements.checkout")
            .hasMessageContaining("home");
    }

    @Test
    void shouldNameAValueOutOfRangeWithItsSection()
    {
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  placements:\n    cart:\n      weights: {brand: 50}\n",
            "range.yaml"))
            .isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("ranking.placements.cart.weights")
            .hasMessageContaining("[-10, 10]");
        assertThatThrownBy(() -> ConfigFile.parse("limits:\n  maxBatchEvents: 0\n", "limits.yaml"))
            .isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("'limits'");
    }

    @Test
    void shouldRejectWrongTypesBadDurationsBadIdsAndDuplicateKeys()
    {
        assertThatThrownBy(() -> ConfigFile.parse("limits:\n  maxItems: many\n", "t.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("limits.maxItems");
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  sessionHalfLife: soon\n", "d.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("ranking.sessionHalfLife")
            .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  blocked: [\"../etc/passwd\"]\n", "i.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("ranking.blocked[0]");
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  recentExclusion: 1h\n  recentExclusion: 2h\n", "k.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("recentExclusion");
        assertThatThrownBy(() -> ConfigFile.parse("ranking: [1, 2\n", "y.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("y.yaml");
    }

    @Test
    void shouldAcceptTheExampleShippedForOperators()
    {
        final TailorConfig example = ConfigFile.read(Path.of("..", "deploy", "tailor.example.yaml"));

        assertThat(example.limits()).isEqualTo(InputLimits.DEFAULT);
        assertThat(example.overload()).isEqualTo(OverloadLimits.DEFAULT);
        assertThat(example.security().corsMaxAge()).isEqualTo(SecurityPolicy.DEFAULT.corsMaxAge());
        assertThat(example.security().publicKeyAddressRate()).isEqualTo(SecurityPolicy.DEFAULT.publicKeyAddressRate());
        assertThat(example.security().forwardedHops()).isZero();
        assertThat(example.security().allowedOrigins()).containsExactly("https://shop.example.com");
        assertThat(example.ranking().weightsFor(Placement.HOME))
            .isEqualTo(RankingSettings.DEFAULT.weightsFor(Placement.HOME));
        assertThat(example.ranking().rules().replenishable()).containsKeys("grocery/coffee", "health/vitamins");
        assertThat(example.retention()).isEqualTo(TailorConfig.DEFAULT_RETENTION);
        assertThat(example.model()).isEqualTo(ModelSettings.DEFAULT);
        assertThat(example.ranking().exploration()).isEqualTo(ExplorationSettings.DEFAULT);
        assertThat(example.webhooks()).isEqualTo(WebhookSettings.DEFAULT);
    }

    @Test
    void shouldReadWebhookRetriesAndNameAWrongOne()
    {
        final TailorConfig config = ConfigFile.parse("webhooks:\n  firstRetry: 2s\n  horizon: 12h\n", "w.yaml");

        assertThat(config.webhooks().firstRetry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.webhooks().horizon()).isEqualTo(Duration.ofHours(12));
        assertThat(config.webhooks().recheck()).isEqualTo(WebhookSettings.DEFAULT.recheck());
        assertThatThrownBy(() -> ConfigFile.parse("webhooks:\n  recheck: 5m\n", "w.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("webhooks.recheck");
        assertThatThrownBy(() -> ConfigFile.parse("webhooks:\n  horizon: soon\n", "w.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("webhooks.horizon");
    }

    @Test
    void shouldReadReshowViewedPerPlacementAndNameAWeightOutOfRange()
    {
        final RankingSettings ranking = ConfigFile.parse("ranking:\n  placements:\n    home: {reshowViewed: 1.5}\n" +
            "    email: {reshowViewed: 0}\n", "x.yaml").ranking();
        assertThat(ranking.reshowViewedFor(Placement.HOME)).isEqualTo(1.5f);
        assertThat(ranking.reshowViewedFor(Placement.EMAIL)).isZero();
        assertThat(ranking.reshowViewedFor(Placement.CART)).as("a default")
            .isEqualTo(RankingSettings.DEFAULT.reshowViewedFor(Placement.CART));

        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  placements:\n    cart: {reshowViewed: 11}\n",
            "r.yaml")).isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("ranking.placements.cart.reshowViewed");
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  placements:\n    home: {reshowViewed: often}\n",
            "r.yaml")).isInstanceOf(InvalidConfig.class);
    }

    @Test
    void shouldReadTheExplorationAndNameAFloorOrASlotOutOfRange()
    {
        final RankingSettings ranking = ConfigFile.parse("ranking:\n  exploration: {exposureFloor: 50}\n" +
            "  placements:\n    home: {explorationSlots: 0}\n    email: {explorationSlots: 1}\n", "x.yaml").ranking();
        assertThat(ranking.exploration().exposureFloor()).isEqualTo(50);
        assertThat(ranking.exploration().slotsFor(Placement.HOME)).isZero();
        assertThat(ranking.exploration().slotsFor(Placement.EMAIL)).isEqualTo(1);
        assertThat(ranking.exploration().slotsFor(Placement.PRODUCT)).as("a default").isEqualTo(1);

        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  exploration: {exposureFloor: -1}\n", "f.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("ranking.exploration");
        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  placements:\n    home: {explorationSlots: 2}\n",
            "s.yaml")).isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("ranking.placements.home.explorationSlots");
    }

    @Test
    void shouldReadThePromotedSlotsAndNameOneOutOfRange()
    {
        final RankingSettings ranking = ConfigFile.parse("ranking:\n  placements:\n    email: {promotionSlots: 0}\n",
            "p.yaml").ranking();
        assertThat(ranking.exploration().promotionSlotsFor(Placement.EMAIL)).isZero();
        assertThat(ranking.exploration().promotionSlotsFor(Placement.CART)).as("a default").isEqualTo(1);

        assertThatThrownBy(() -> ConfigFile.parse("ranking:\n  placements:\n    cart: {promotionSlots: 3}\n",
            "q.yaml")).isInstanceOf(InvalidConfig.class)
            .hasMessageContaining("ranking.placements.cart.promotionSlots");
    }

    @Test
    void shouldReadTheProfileRetentionAndRefuseOneTooShort()
    {
        final TailorConfig config = ConfigFile.parse("privacy:\n  profileRetention: 90d\n", "privacy.yaml");
        assertThat(config.retention().profileRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.retention().sweepInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigFile.parse("privacy: {profileRetention: never}\n", "never.yaml").retention().expires())
            .isFalse();

        assertThatThrownBy(() -> ConfigFile.parse("privacy:\n  profileRetention: 5m\n", "short.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("privacy").hasMessageContaining("1 hour");
        assertThatThrownBy(() -> ConfigFile.parse("privacy:\n  retention: 5d\n", "typo.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("privacy.retention");
    }

    @Test
    void shouldReadTheAttributionWindowAndNameOneOutOfRange()
    {
        assertThat(ConfigFile.parse("ranking: {}\n", "none.yaml").retention().attributionWindow())
            .isEqualTo(Duration.ofDays(7));
        final TailorConfig config = ConfigFile.parse("attribution:\n  window: 3d\nprivacy: {profileRetention: 90d}\n",
            "attribution.yaml");
        assertThat(config.retention().attributionWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(config.retention().profileRetention()).isEqualTo(Duration.ofDays(90));

        assertThatThrownBy(() -> ConfigFile.parse("attribution: {window: 91d}\n", "long.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("attribution.window")
            .hasMessageContaining("1m..90d");
        assertThatThrownBy(() -> ConfigFile.parse("attribution: {window: soon}\n", "bad.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("attribution.window");
    }

    @Test
    void shouldReadTheCollaborativeFactorsAndNameAWrongRank()
    {
        assertThat(ConfigFile.parse("ranking: {}\n", "none.yaml").model()).isEqualTo(ModelSettings.DEFAULT);
        final TailorConfig config = ConfigFile.parse("model:\n  factors: {rank: 16}\n", "factors.yaml");
        assertThat(config.model().factors()).isEqualTo(new FactorSettings(16, FactorSettings.DEFAULT.iterations()));
        assertThat(ConfigFile.parse("model: {factors: {rank: 0}}\n", "off.yaml").model().factors().enabled())
            .isFalse();

        assertThatThrownBy(() -> ConfigFile.parse("model: {factors: {rank: 3}}\n", "bad.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("model.factors").hasMessageContaining("4..128");
        assertThatThrownBy(() -> ConfigFile.parse("model: {factors: {dimensions: 16}}\n", "typo.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("model.factors.dimensions");
    }

    @Test
    void shouldReadTheOverloadAndSecuritySectionsAndTheNewLimits()
    {
        final TailorConfig config = ConfigFile.parse("""
            limits:
              maxTextLength: 256
              maxAttributes: 8
              maxAmount: 1.0e9
              maxPropertiesDepth: 2
            overload:
              maxGridOperationsPerLoop: 500
              maxBodyBytesInFlight: 67108864
              maxQueuedParses: 4
              requestHeadTimeout: 5s
              requestBodyTimeout: 20s
              idleTimeout: 2m
            security:
              cors:
                allowedOrigins: [https://shop.example.com, "http://localhost:3000"]
                maxAge: 1h
              publicKeys: {addressRate: 600/m, addressBurst: 30}
              forwardedHops: 1
            """, "edge.yaml");

        assertThat(config.limits().maxTextLength()).isEqualTo(256);
        assertThat(config.limits().maxAttributes()).isEqualTo(8);
        assertThat(config.limits().maxAmount()).isEqualTo(1e9);
        assertThat(config.limits().maxPropertiesDepth()).isEqualTo(2);
        assertThat(config.limits().maxBodyBytes()).isEqualTo(InputLimits.DEFAULT.maxBodyBytes());
        assertThat(config.overload()).isEqualTo(new OverloadLimits(500, 64L << 20, 4, Duration.ofSeconds(5),
            Duration.ofSeconds(20), Duration.ofMinutes(2)));
        assertThat(config.security().allowedOrigins()).containsExactly("https://shop.example.com",
            "http://localhost:3000");
        assertThat(config.security().corsMaxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(config.security().publicKeyAddressRate().perSecond()).isEqualTo(10.0);
        assertThat(config.security().publicKeyAddressRate().burst()).isEqualTo(30);
        assertThat(config.security().forwardedHops()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAWildcardOrAPathAsAnAllowedOriginNamingTheEntry()
    {
        for (final String origin : new String[] {"\"*\"", "https://*.example.com", "https://shop.example.com/",
            "https://shop.example.com/app", "shop.example.com", "ftp://shop.example.com", "https://Shop.example.com"})
        {
            final String yaml = "security:\n  cors:\n    allowedOrigins: [\"https://ok.example\", " + origin + "]\n";
            assertThatThrownBy(() -> ConfigFile.parse(yaml, "cors.yaml"))
                .as(origin)
                .isInstanceOf(InvalidConfig.class)
                .hasMessageContaining("security.cors.allowedOrigins[1]");
        }
    }

    @Test
    void shouldNameOverloadBoundsAndTimeoutsOutOfRange()
    {
        assertThatThrownBy(() -> ConfigFile.parse("overload:\n  requestHeadTimeout: 10m\n", "o.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("'overload'")
            .hasMessageContaining("requestHeadTimeout must be in 1s..5m");
        assertThatThrownBy(() -> ConfigFile.parse("overload:\n  maxGridOperationsPerLoop: 1\n", "o.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("maxGridOperationsPerLoop");
        assertThatThrownBy(() -> ConfigFile.parse("security:\n  publicKeys: {addressRate: lots}\n", "s.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("security.publicKeys")
            .hasMessageContaining("100/s");
        assertThatThrownBy(() -> ConfigFile.parse("limits:\n  maxBodyBytes: 1073741824\n", "b.yaml"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("maxBodyBytesInFlight");
    }
}
