package io.tailor.server.security;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest
{
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void shouldFindTheKeyWhoseHashMatchesAndNoOther()
    {
        final String first = ApiKeys.generate(false, RANDOM);
        final String second = ApiKeys.generate(true, RANDOM);
        final ApiKeys keys = new ApiKeys(List.of(
            new ApiKey("backend", ApiKeys.sha256(first), EnumSet.of(Scope.EVENTS_WRITE), false, null),
            new ApiKey("web", ApiKeys.sha256(second), EnumSet.of(Scope.RECS_READ), true, null)));

        assertThat(keys.authenticate(first).name()).isEqualTo("backend");
        assertThat(keys.authenticate(second).name()).isEqualTo("web");
        assertThat(keys.authenticate(first + "x")).isNull();
        assertThat(keys.authenticate(first.substring(1))).isNull();
        assertThat(keys.authenticate("")).isNull();
        assertThat(keys.authenticate(null)).isNull();
        assertThat(keys.authenticate("x".repeat(ApiKeys.MAX_KEY_LENGTH + 1))).isNull();
    }

    @Test
    void shouldGenerateDistinctKeysWith256RandomBitsAndAPrefixThatSaysWhetherTheyArePublic()
    {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++)
        {
            final String key = ApiKeys.generate(i % 2 == 0, RANDOM);
            assertThat(key).matches((i % 2 == 0 ? "tlr_pk_" : "tlr_sk_") + "[A-Za-z0-9_-]{43}");
            assertThat(seen.add(key)).isTrue();
        }
    }

    @Test
    void shouldNeverStoreTheKeyOnlyItsHash()
    {
        final String secret = ApiKeys.generate(false, RANDOM);
        final ApiKey key = new ApiKey("backend", ApiKeys.sha256(secret), EnumSet.of(Scope.ADMIN), false,
            new Rate(5, 10));

        final String line = ApiKeys.line(key);

        assertThat(line).doesNotContain(secret).doesNotContain(secret.substring(7))
            .matches("backend sha256:[0-9a-f]{64} scopes=admin rate=5/s burst=10");
        assertThat(key.toString()).isEqualTo("backend");
    }

    @Test
    void shouldRefuseAPublicKeyWithAScopeBeyondRecommendationsAndEvents()
    {
        assertThatThrownBy(() -> new ApiKey("web", new byte[32], EnumSet.of(Scope.RECS_READ, Scope.PROFILES_READ),
            true, null)).hasMessageContaining("profiles:read");
    }

    @Test
    void shouldRefuseTwoKeysWithTheSameNameOrHash()
    {
        final ApiKey a = new ApiKey("a", new byte[32], EnumSet.of(Scope.ADMIN), false, null);
        final ApiKey b = new ApiKey("a", ApiKeys.sha256("other"), EnumSet.of(Scope.ADMIN), false, null);
        final ApiKey c = new ApiKey("c", new byte[32], EnumSet.of(Scope.ADMIN), false, null);

        assertThatThrownBy(() -> new ApiKeys(List.of(a, b))).hasMessageContaining("named a");
        assertThatThrownBy(() -> new ApiKeys(List.of(a, c))).hasMessageContaining("same hash");
    }

    @Test
    void shouldRefuseCustomerIdsLoyaltyCardsAndIdentifyToPublicKeysOnly()
    {
        assertThat(PublicKeyPolicy.refusal(null, null, null)).isNull();
        assertThat(PublicKeyPolicy.refusal(null, null, io.tailor.scoring.event.EventType.VIEW)).isNull();
        assertThat(PublicKeyPolicy.refusal("alice", null, null).field()).isEqualTo("user");
        assertThat(PublicKeyPolicy.refusal(null, "card-7", io.tailor.scoring.event.EventType.PURCHASE).field())
            .isEqualTo("loyaltyId");
        assertThat(PublicKeyPolicy.refusal(null, null, io.tailor.scoring.event.EventType.IDENTIFY).field())
            .isEqualTo("type");
    }
}
