package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProductIdJsonTest
{
    private static final ContentVectorizer VECTORS = new ContentVectorizer(16);

    @Test
    void shouldWriteIdsThatNeedEscapingOrAreNotAsciiSoThatTheyReadBackAsThemselves() throws Exception
    {
        final CatalogSnapshot catalog = catalog(List.of("plain-1", "quote\"and\\slash", "tab\there", "wörter-€-𝄞"));
        final ProductIdJson ids = new ProductIdJson();

        for (final String id : List.of("plain-1", "quote\"and\\slash", "tab\there", "wörter-€-𝄞"))
        {
            final String written = written(json -> json.writeString(ids.of(catalog, catalog.indexOf(id))));
            try (JsonParser parser = new JsonFactory().createParser(written))
            {
                parser.nextToken();
                assertThat(parser.getText()).isEqualTo(id);
            }
        }
        assertThat(written(json -> json.writeString(ids.of(catalog, catalog.indexOf("quote\"and\\slash")))))
            .isEqualTo(written(json -> json.writeString("quote\"and\\slash")));
    }

    @Test
    void shouldFollowANewSnapshotWhoseIndexesMoved() throws Exception
    {
        final ProductIdJson ids = new ProductIdJson();
        final CatalogSnapshot before = catalog(List.of("b", "c"));
        assertThat(written(json -> json.writeString(ids.of(before, 0)))).isEqualTo("\"b\"");

        final CatalogSnapshot after = catalog(List.of("a", "b", "c"));
        assertThat(written(json -> json.writeString(ids.of(after, 0)))).as("index 0 is another product now")
            .isEqualTo("\"a\"");
        assertThat(written(json -> json.writeString(ids.of(after, 2)))).isEqualTo("\"c\"");
    }

    @Test
    void shouldEncodeNothingAgainWhenAProductIsLaunched() throws Exception
    {
        final ProductIdJson ids = new ProductIdJson();
        final CatalogSnapshot before = catalog(List.of("b", "c"));
        final SerializableString c = ids.of(before, before.indexOf("c"));

        final CatalogSnapshot after = before.patched(List.of(product("d")), VECTORS, 2);

        assertThat(ids.of(after, after.indexOf("c"))).as("the same bytes, not encoded again").isSameAs(c);
        assertThat(written(json -> json.writeString(ids.of(after, after.indexOf("d"))))).isEqualTo("\"d\"");
        assertThat(written(json -> json.writeString(ids.of(after, after.indexOf("b"))))).isEqualTo("\"b\"");
    }

    private static Product product(final String id)
    {
        return new Product(id, "T " + id, "shoes", "Swift", 10, Map.of(), true, 0L, false, null);
    }

    private static CatalogSnapshot catalog(final List<String> ids)
    {
        return CatalogSnapshot.build(ids.stream().map(ProductIdJsonTest::product).toList(), null, VECTORS, 1);
    }

    private static String written(final Write write) throws Exception
    {
        // bytes, as the answers are written (Jackson's UTF-8 generator)
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8))
        {
            write.to(json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Write
    {
        void to(JsonGenerator json) throws Exception;
    }
}
