package io.tailor.loadtest.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class StoreModelTest
{
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._:@+\\-=~]{0,127}$");
    private static final long NOW = 1_795_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteEachProductAsValidJsonWithMarketingAttributes() throws IOException
    {
        final StoreModel store = new StoreModel(1, 500, 10, 0.9);
        final Set<String> categories = new HashSet<>();
        for (int p = 0; p < 500; p++)
        {
            final ByteBuf out = Unpooled.buffer();
            store.writeProductJson(out, p, NOW);
            final JsonNode product = JSON.readTree(out.toString(StandardCharsets.US_ASCII));
            assertThat(product.path("id").asText()).isEqualTo("p" + p).matches(ID);
            assertThat(product.path("title").asText()).isNotBlank();
            assertThat(product.path("brand").asText()).isNotBlank();
            assertThat(product.path("price").asDouble()).isPositive();
            assertThat(product.path("attributes").fieldNames()).toIterable()
                .containsExactly("style", "season", "function", "colour");
            assertThat(product.path("launchedAt").asLong()).isBetween(NOW - 700L * 86_400_000L, NOW);
            categories.add(product.path("category").asText());
        }
        // Every leaf of the tree has products once the catalog is larger than the tree.
        assertThat(categories).hasSize(CategoryTree.LEAVES.size());
    }

    @Test
    void shouldBuildTheSameStoreFromTheSameSeed()
    {
        final StoreModel first = new StoreModel(9, 300, 5, 0.9);
        final StoreModel second = new StoreModel(9, 300, 5, 0.9);
        final StoreModel other = new StoreModel(10, 300, 5, 0.9);
        int differences = 0;
        for (int p = 0; p < 300; p++)
        {
            final ByteBuf a = Unpooled.buffer();
            final ByteBuf b = Unpooled.buffer();
            final ByteBuf c = Unpooled.buffer();
            first.writeProductJson(a, p, NOW);
            second.writeProductJson(b, p, NOW);
            other.writeProductJson(c, p, NOW);
            assertThat(a).isEqualTo(b);
            differences += a.equals(c) ? 0 : 1;
        }
        assertThat(differences).isGreaterThan(250);
        assertThat(first.clusterOf(12345, false)).isEqualTo(second.clusterOf(12345, false));
    }

    @Test
    void shouldDrawShoppersProductsMostlyFromTheirTaste()
    {
        final StoreModel store = new StoreModel(3, 20_000, 20, 0.9);
        final SplittableRandom random = new SplittableRandom(5);
        double inTaste = 0;
        double catalogShare = 0;
        final int shoppers = 400;
        for (int s = 0; s < shoppers; s++)
        {
            final int cluster = store.clusterOf(s, false);
            int hits = 0;
            for (int i = 0; i < 50; i++)
            {
                hits += store.inTaste(cluster, store.drawProduct(cluster, random)) ? 1 : 0;
            }
            inTaste += hits / 50.0;
            catalogShare += store.tasteShare(cluster);
        }
        // 85 % from the taste, plus what overall popularity happens to put there.
        assertThat(inTaste / shoppers).isGreaterThan(0.85);
        assertThat(catalogShare / shoppers).isLessThan(0.2);
    }

    @Test
    void shouldSpreadShoppersOverClustersWithCommonTastesMoreLikely()
    {
        final StoreModel store = new StoreModel(3, 1_000, 10, 0.9);
        final int[] counts = new int[10];
        for (int s = 0; s < 100_000; s++)
        {
            counts[store.clusterOf(s, false)]++;
        }
        assertThat(Arrays.stream(counts).min().orElse(0)).isPositive();
        assertThat(counts[0]).isGreaterThan(counts[9]);
    }
}
