package io.tailor.server.config;

import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysFileTest
{
    private static final String HASH_A = "sha256:" + "a".repeat(64);
    private static final String HASH_B = "sha256:" + "b".repeat(64);

    @Test
    void shouldReadKeysWithScopesPublicFlagAndRatesIgnoringCommentsAndBlankLines()
    {
        final ApiKeys keys = ApiKeysFile.parse("""
            # Tailor API keys
            storefront  %s  scopes=recs:read,events:write  public  rate=200/s  burst=400   # the web shop

            ops %s scopes=admin
            """.formatted(HASH_A, HASH_B), "api-keys");

        assertThat(keys.keys()).hasSize(2);
        final ApiKey storefront = keys.keys().get(0);
        assertThat(storefront.name()).isEqualTo("storefront");
        assertThat(storefront.hash()).isEqualTo(HASH_A);
        assertThat(storefront.scopes()).containsExactlyInAnyOrder(Scope.RECS_READ, Scope.EVENTS_WRITE);
        assertThat(storefront.isPublic()).isTrue();
        assertThat(storefront.rate().perSecond()).isEqualTo(200.0);
        assertThat(storefront.rate().burst()).isEqualTo(400);
        assertThat(keys.keys().get(1).rate()).isNull();
        assertThat(keys.keys().get(1).isPublic()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no hash            | web                                       | the second column must be sha256:",
        "the key itself     | web tlr_sk_abcdefghijklmnop scopes=admin  | never the key itself",
        "short hash         | web sha256:abcd scopes=admin              | 64",
        "no scopes          | web HASH                                  | scopes= is required",
        "unknown scope      | web HASH scopes=recs:write                | unknown scope 'recs:write'",
        "public with admin  | web HASH scopes=admin public              | public key may carry only",
        "unknown option     | web HASH scopes=admin expires=2027        | unknown option 'expires'",
        "bad rate           | web HASH scopes=admin rate=fast           | 100/s",
        "burst without rate | web HASH scopes=admin burst=5             | burst= needs rate=",
        "bad name           | -web HASH scopes=admin                    | a key name is",
    })
    void shouldNameTheLineAndTheProblem(final String name, final String line, final String message)
    {
        assertThatThrownBy(() -> ApiKeysFile.parse("# keys\n" + line.replace("HASH", HASH_A) + "\n", "api-keys"))
            .isInstanceOf(InvalidConfig.class)
            .hasMessageStartingWith("api-keys:2: ")
            .hasMessageContaining(message)
            .hasMessageNotContaining("a".repeat(64));
    }

    @Test
    void shouldRefuseDuplicateNamesAndHashes()
    {
        assertThatThrownBy(() -> ApiKeysFile.parse("a " + HASH_A + " scopes=admin\na " + HASH_B + " scopes=admin\n",
            "k")).hasMessageStartingWith("k:2: ").hasMessageContaining("already listed");
        assertThatThrownBy(() -> ApiKeysFile.parse("a " + HASH_A + " scopes=admin\nb " + HASH_A + " scopes=admin\n",
            "k")).hasMessageStartingWith("k:2: ").hasMessageContaining("under another name");
    }

    @Test
    void shouldRefuseAFileWithoutKeysRatherThanRunWithoutAuthentication()
    {
        assertThatThrownBy(() -> ApiKeysFile.parse("# nothing yet\n\n", "api-keys"))
            .isInstanceOf(InvalidConfig.class).hasMessageContaining("holds no API key");
    }
}
