package io.tailor.server.feed;

import io.tailor.scoring.catalog.Product;
import io.tailor.server.config.InputLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedBatchesTest
{
    private final List<Product> products = new ArrayList<>();
    private final FeedBatches batches = new FeedBatches(
        new FeedProductMapper(Map.of("custom_label_0", "style", "custom_label_1", "season"), InputLimits.DEFAULT),
        2, products::addAll);

    private Map<String, Product> read(final String resource, final FeedFormat format) throws Exception
    {
        try (InputStream in = getClass().getResourceAsStream("/feeds/" + resource))
        {
            batches.readAll(in, format);
        }
        final Map<String, Product> byId = new LinkedHashMap<>();
        products.forEach(product -> byId.put(product.id(), product));
        return byId;
    }

    @Test
    void rssItemsMapToProductsWithSalePriceStockCategoryAndMarketingAttributes() throws Exception
    {
        final Map<String, Product> byId = read("rss.xml", FeedFormat.MERCHANT_XML);

        assertThat(byId).containsOnlyKeys("tee-red-m", "tee-red-l", "boots");
        final Product tee = byId.get("tee-red-m");
        assertThat(tee.title()).isEqualTo("Red tee, size M");
        assertThat(tee.price()).isEqualTo(14.99);
        assertThat(tee.category()).isEqualTo("Apparel/Tops/T-Shirts");
        assertThat(tee.brand()).isEqualTo("Acme");
        assertThat(tee.inStock()).isTrue();
        assertThat(tee.attributes()).containsEntry("currency", List.of("EUR")).containsEntry("sale", List.of("yes"))
            .containsEntry("item_group_id", List.of("tee-red")).containsEntry("style", List.of("casual"))
            .containsEntry("season", List.of("summer"));
        final Product large = byId.get("tee-red-l");
        assertThat(large.inStock()).isFalse();
        assertThat(large.price()).isEqualTo(19.99);
        assertThat(large.category()).isEqualTo("Apparel & Accessories/Clothing");
        assertThat(large.attributes()).containsEntry("item_group_id", List.of("tee-red"));
        assertThat(byId.get("boots").title()).isEqualTo("Hiking boots & more");
        assertThat(byId.get("boots").attributes()).containsEntry("availability", List.of("preorder"));
        assertThat(byId.get("boots").category()).isEqualTo(FeedProductMapper.NO_CATEGORY);
        assertThat(batches.broken()).containsExactly(
            new FeedBatches.BrokenLine(33, "price", "price must be an amount and a currency, e.g. 19.99 EUR"));
        assertThat(batches.items()).isEqualTo(4);
    }

    @Test
    void atomEntriesReadWithTheirLinkAndAnUnknownAvailabilityIsBroken() throws Exception
    {
        final Map<String, Product> byId = read("atom.xml", FeedFormat.MERCHANT_XML);

        assertThat(byId).containsOnlyKeys("mug-1");
        assertThat(byId.get("mug-1").title()).isEqualTo("Blue mug");
        assertThat(byId.get("mug-1").category()).isEqualTo("Home/Kitchen");
        assertThat(byId.get("mug-1").attributes()).containsEntry("currency", List.of("USD"))
            .containsEntry("availability", List.of("backorder"));
        assertThat(batches.broken()).singleElement().satisfies(line ->
        {
            assertThat(line.line()).isEqualTo(12);
            assertThat(line.field()).isEqualTo("availability");
        });
    }

    @Test
    void tsvLineWithTooFewColumnsIsReportedWithItsLineNumberAndSkipped() throws Exception
    {
        final Map<String, Product> byId = read("feed.tsv", FeedFormat.TSV);

        assertThat(byId).containsOnlyKeys("sock-1", "sock-3");
        assertThat(byId.get("sock-1").attributes()).containsEntry("style", List.of("winter"))
            .containsEntry("item_group_id", List.of("sock"));
        assertThat(byId.get("sock-3").price()).isEqualTo(24.0);
        assertThat(byId.get("sock-3").inStock()).isFalse();
        assertThat(batches.broken()).containsExactly(
            new FeedBatches.BrokenLine(3, null, "3 columns where the header has 9"));
    }

    @Test
    void csvQuotedFieldsMaySpanLinesAndABadPriceIsReportedOnItsOwnLine() throws Exception
    {
        final Map<String, Product> byId = read("feed.csv", FeedFormat.CSV);

        assertThat(byId).containsOnlyKeys("lamp-1", "lamp-2", "lamp-4");
        assertThat(byId.get("lamp-1").title()).isEqualTo("Desk lamp, brass");
        assertThat(byId.get("lamp-2").title()).isEqualTo("Floor lamp \"Arc\" with dimmer");
        assertThat(byId.get("lamp-4").inStock()).isFalse();
        assertThat(batches.broken()).singleElement().satisfies(line ->
        {
            assertThat(line.line()).isEqualTo(5);
            assertThat(line.field()).isEqualTo("price");
        });
    }

    @Test
    void xmlThatIsNotWellFormedStopsAtItsLineAfterApplyingWhatCameBefore() throws Exception
    {
        assertThatThrownBy(() -> read("malformed.xml", FeedFormat.MERCHANT_XML))
            .isInstanceOfSatisfying(FeedAborted.class, ex -> assertThat(ex.line()).isEqualTo(11));
        assertThat(products).extracting(Product::id).containsExactly("ok-1");
    }

    @Test
    void anIdSeenBeforeInTheSameFeedIsBroken() throws Exception
    {
        batches.readAll(stream("id,price\na,1 EUR\nb,2 EUR\na,3 EUR\n"), FeedFormat.CSV);

        assertThat(products).extracting(Product::id).containsExactly("a", "b");
        assertThat(batches.broken()).containsExactly(new FeedBatches.BrokenLine(4, "id", "id a was already on line 2"));
        assertThat(batches.ids()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aHeaderWithoutIdStopsTheFeed()
    {
        assertThatThrownBy(() -> batches.readAll(stream("sku,price\na,1 EUR\n"), FeedFormat.CSV))
            .isInstanceOf(FeedAborted.class).hasMessageContaining("id column");
    }

    @Test
    void anExternalEntityIsNeverRead()
    {
        final String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
            "<rss xmlns:g=\"http://base.google.com/ns/1.0\"><channel><item><g:id>a</g:id><g:title>&x;</g:title>" +
            "<g:price>1 EUR</g:price></item></channel></rss>";

        assertThatThrownBy(() -> batches.readAll(stream(xml), FeedFormat.MERCHANT_XML))
            .isInstanceOf(FeedAborted.class);
        assertThat(products).isEmpty();
    }

    @Test
    void formatFollowsTheFileExtension()
    {
        assertThat(FeedFormat.fromFileName("catalog.XML")).isEqualTo(FeedFormat.MERCHANT_XML);
        assertThat(FeedFormat.fromFileName("catalog.txt")).isEqualTo(FeedFormat.TSV);
        assertThat(FeedFormat.fromFileName("catalog.csv")).isEqualTo(FeedFormat.CSV);
        assertThat(FeedFormat.fromFileName("catalog.json")).isNull();
    }

    private static InputStream stream(final String text) throws IOException
    {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
