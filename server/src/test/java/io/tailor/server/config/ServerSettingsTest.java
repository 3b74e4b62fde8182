package io.tailor.server.config;

import io.tailor.grid.GridSettings;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerSettingsTest
{
    private static final GridSettings GRID = GridSettings.loopback(5701, null);

    @Test
    void shouldRefuseANonLoopbackAddressInDevelopmentMode()
    {
        assertThatThrownBy(() -> settings("0.0.0.0", "")).hasMessageContaining("development mode")
            .hasMessageContaining("--api-keys-file");
        assertThat(settings("127.0.0.1", "").developmentMode()).isTrue();
        assertThat(settings("::1", "").developmentMode()).isTrue();
    }

    @Test
    void shouldBindAnyAddressOnceThereAreKeys()
    {
        final ServerSettings settings = settings("0.0.0.0", "ops sha256:" + "c".repeat(64) + " scopes=admin\n");

        assertThat(settings.developmentMode()).isFalse();
        assertThat(settings.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldRefuseAWarmUpOutsideNoneToFiveMinutesNamingTheOption()
    {
        final ServerSettings settings = settings("127.0.0.1", "");

        assertThatThrownBy(() -> settings.withWarmUp(Duration.ofSeconds(-1))).hasMessageContaining("--warm-up");
        assertThatThrownBy(() -> settings.withWarmUp(Duration.ofMinutes(6))).hasMessageContaining("--warm-up");
        assertThatThrownBy(() -> settings.withWarmUp(null)).hasMessageContaining("--warm-up");
        assertThat(settings.warmUp()).isZero();
        assertThat(settings.withWarmUp(Duration.ofMinutes(5)).warmUp()).isEqualTo(Duration.ofMinutes(5));
    }

    private static ServerSettings settings(final String host, final String keys)
    {
        return new ServerSettings(host, 0, 1, Duration.ofMillis(1), InputLimits.DEFAULT, RankingSettings.DEFAULT,
            GRID, OverloadLimits.DEFAULT, SecurityPolicy.DEFAULT,
            keys.isEmpty() ? io.tailor.server.security.ApiKeys.NONE : ApiKeysFile.parse(keys, "keys"), null);
    }
}
