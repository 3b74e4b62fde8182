package io.tailor.server.api;

import io.tailor.server.json.InvalidInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest
{
    @Test
    void shouldReadTheFirstValueOfTheNamedParameterOnly() throws InvalidInput
    {
        final String query = "userId=x&user=u1&k=10&user=u2";

        assertThat(QueryParams.get(query, "user")).isEqualTo("u1");
        assertThat(QueryParams.get(query, "userId")).isEqualTo("x");
        assertThat(QueryParams.get(query, "k")).isEqualTo("10");
        assertThat(QueryParams.get(query, "use")).isNull();
        assertThat(QueryParams.get(query, "placement")).isNull();
        assertThat(QueryParams.get((String)null, "user")).isNull();
    }

    @Test
    void shouldDecodeEscapesAndPlusAsAFormValue() throws InvalidInput
    {
        assertThat(QueryParams.get("user=a%40b.com&category=shoes+%26+boots&t=%C3%A9", "user")).isEqualTo("a@b.com");
        assertThat(QueryParams.get("user=a%40b.com&category=shoes+%26+boots&t=%C3%A9", "category"))
            .isEqualTo("shoes & boots");
        assertThat(QueryParams.get("user=a%40b.com&category=shoes+%26+boots&t=%C3%A9", "t")).isEqualTo("é");
    }

    @Test
    void shouldGiveTheEmptyValueToAParameterWithoutEquals() throws InvalidInput
    {
        assertThat(QueryParams.get("explain&k=3", "explain")).isEmpty();
        assertThat(QueryParams.get("k=3&explain", "explain")).isEmpty();
        assertThat(QueryParams.get("k=&explain=1", "k")).isEmpty();
    }

    @Test
    void shouldRefuseAMalformedEscapeNamingTheParameter()
    {
        assertThatThrownBy(() -> QueryParams.get("k=3&user=%zz", "user"))
            .isInstanceOf(InvalidInput.class)
            .extracting(ex -> ((InvalidInput)ex).field()).isEqualTo("user");
        assertThatThrownBy(() -> QueryParams.get("placement=%", "placement")).isInstanceOf(InvalidInput.class);
    }
}
