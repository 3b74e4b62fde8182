package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.scoring.catalog.Product;
import io.tailor.server.config.InputLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text arrives, the product reader gives a valid product or an {@link InvalidInput} naming the
 * field, or the parser reports malformed JSON; never another exception, never a product that breaks the
 * contract.
 */
class ProductJsonReaderPropertyTest
{
    private static final int DIMENSIONS = 4;
    private static final InputLimits LIMITS = InputLimits.DEFAULT;
    private final ProductJsonReader reader = new ProductJsonReader(DIMENSIONS, LIMITS);

    @Property(tries = 3000)
    void shouldReadAValidProductOrNameTheFieldThatIsWrong(@ForAll("products") final String json) throws IOException
    {
        try (JsonParser parser = Json.FACTORY.createParser(json))
        {
            final JsonToken first;
            try
            {
                first = parser.nextToken();
            }
            catch (final JsonProcessingException malformed)
            {
                Statistics.label("outcome").collect("malformed");
                return;
            }
            try
            {
                final Product product = reader.read(parser);
                Statistics.label("outcome").collect("valid");
                assertValid(product);
            }
            catch (final InvalidInput invalid)
            {
                Statistics.label("outcome").collect("invalid");
                assertThat(invalid.reason()).isNotBlank();
                if (first == JsonToken.START_OBJECT)
                {
                    assertThat(invalid.field()).as(invalid.reason()).isNotBlank();
                }
            }
            catch (final JsonProcessingException malformed)
            {
                Statistics.label("outcome").collect("malformed");
            }
        }
    }

    private static void assertValid(final Product product)
    {
        assertThat(product.id()).matches(InputLimits.ID);
        assertThat(product.price()).isBetween(0.0, LIMITS.maxAmount());
        assertThat(product.category()).isNotBlank().doesNotContain("..").doesNotContain("\\");
        assertThat(product.category().split("/", -1)).hasSizeBetween(1, InputLimits.MAX_CATEGORY_DEPTH)
            .allSatisfy(segment -> assertThat(segment).isNotBlank());
        assertThat(product.title().length()).isLessThanOrEqualTo(LIMITS.maxTextLength());
        assertThat(product.attributes()).hasSizeLessThanOrEqualTo(LIMITS.maxAttributes());
        for (final Map.Entry<String, List<String>> attribute : product.attributes().entrySet())
        {
            assertThat(attribute.getKey()).matches("[A-Za-z0-9_-]{1,64}");
            assertThat(attribute.getValue()).hasSizeLessThanOrEqualTo(LIMITS.maxAttributes());
        }
        if (product.vector() != null)
        {
            assertThat(product.vector()).hasSize(DIMENSIONS);
            for (final float component : product.vector())
            {
                assertThat(Float.isFinite(component)).isTrue();
            }
        }
        for (final String text : new String[] {product.title(), product.brand(), product.category()})
        {
            assertThat(text.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
        }
    }

    @Provide
    Arbitrary<String> products()
    {
        final Arbitrary<String> attributes = JsonArbitraries.object(Arbitraries.oneOf(
            JsonArbitraries.field("style", JsonArbitraries.strings()),
            JsonArbitraries.field("season", JsonArbitraries.strings().list().ofMaxSize(3)
                .map(list -> "[" + String.join(",", list) + "]")),
            JsonArbitraries.field("bad name", JsonArbitraries.strings())));
        final Arbitrary<String> vector = JsonArbitraries.numbers().list().ofMinSize(3).ofMaxSize(5)
            .map(list -> "[" + String.join(",", list) + "]");
        final Arbitrary<String> category = Arbitraries.oneOf(
            JsonArbitraries.of(List.of("\"apparel/shoes\"", "\"a\"", "\"../a\"", "\"a//b\"", "\"a/\"", "\" /x\"",
                "\"a/b/c/d/e/f/g/h/i\"", "\"x\\\\y\"")),
            JsonArbitraries.strings());
        final Arbitrary<String> field = Arbitraries.oneOf(
            JsonArbitraries.field("id", JsonArbitraries.ids()),
            JsonArbitraries.field("id", JsonArbitraries.ids()),
            JsonArbitraries.field("title", JsonArbitraries.strings()),
            JsonArbitraries.field("category", category),
            JsonArbitraries.field("category", category),
            JsonArbitraries.field("brand", JsonArbitraries.strings()),
            JsonArbitraries.field("price", JsonArbitraries.numbers()),
            JsonArbitraries.field("price", JsonArbitraries.numbers()),
            JsonArbitraries.field("attributes", attributes),
            JsonArbitraries.field("inStock", JsonArbitraries.of(List.of("true", "false", "\"yes\""))),
            JsonArbitraries.field("launchedAt", JsonArbitraries.times()),
            JsonArbitraries.field("sensitive", JsonArbitraries.of(List.of("true", "false"))),
            JsonArbitraries.field("vector", vector),
            JsonArbitraries.field("weight", JsonArbitraries.value(1)));
        // A valid core (id, category, price) with extra fields, to reach the checks after parsing.
        final Arbitrary<String> core = Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8),
            Arbitraries.of("apparel/shoes", "media", "a/b/c"), Arbitraries.doubles().between(0, 1e6),
            Arbitraries.oneOf(
                JsonArbitraries.field("title", JsonArbitraries.strings()),
                JsonArbitraries.field("brand", JsonArbitraries.strings()),
                JsonArbitraries.field("attributes", attributes),
                JsonArbitraries.field("launchedAt", JsonArbitraries.times()),
                JsonArbitraries.field("vector", vector)).list().ofMaxSize(5).uniqueElements(f -> f.split(":")[0]))
            .as((id, path, price, extras) -> "{\"id\":\"" + id + "\",\"category\":\"" + path + "\",\"price\":" +
                price + (extras.isEmpty() ? "" : "," + String.join(",", extras)) + "}");
        return JsonArbitraries.mangled(Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, core),
            net.jqwik.api.Tuple.of(4, JsonArbitraries.object(field)),
            net.jqwik.api.Tuple.of(1, JsonArbitraries.value(3))));
    }
}
