package io.tailor.loadtest.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ShopperHistoriesTest
{
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9._:@+\\-=~]{0,127}$");
    private static final long NOW = 1_795_000_000_000L;
    private static final long DAY = 86_400_000L;

    @Test
    void shouldWriteValidNdjsonEventsInTheRecentPastWithUniqueIds() throws IOException
    {
        final StoreModel store = new StoreModel(1, 2_000, 10, 0.9);
        final ShopperHistories histories = new ShopperHistories(store, 1, 6.0);
        final ObjectMapper json = new ObjectMapper();
        final Set<String> ids = new HashSet<>();
        final Map<String, Integer> types = new HashMap<>();
        long events = 0;
        final int shoppers = 2_000;
        for (int s = 0; s < shoppers; s++)
        {
            final ByteBuf out = Unpooled.buffer();
            final int written = histories.write(out, s, NOW);
            final String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n");
            assertThat(lines).hasSize(written);
            long previous = 0;
            for (final String line : lines)
            {
                final JsonNode event = json.readTree(line);
                assertThat(ids.add(event.path("id").asText())).isTrue();
                assertThat(event.path("id").asText()).matches(ID);
                assertThat(event.path("user").asText()).isEqualTo("u" + s);
                final long ts = event.path("ts").asLong();
                assertThat(ts).isBetween(NOW - 61 * DAY, NOW - 60_000L);
                assertThat(ts).isGreaterThanOrEqualTo(previous);
                previous = ts;
                types.merge(event.path("type").asText(), 1, Integer::sum);
                final String product = event.has("product") ? event.path("product").asText() :
                    event.path("items").get(0).path("product").asText();
                assertThat(product).matches("p\\d+");
            }
            events += written;
        }
        assertThat(events / (double)shoppers).isBetween(5.0, 7.0);
        assertThat(types.keySet()).containsExactlyInAnyOrder("view", "add_to_cart", "purchase");
        assertThat(types.get("add_to_cart") / (double)types.get("view")).isBetween(0.12, 0.18);
    }

    @Test
    void shouldWriteTheSameHistoryForTheSameShopperWhateverTheOrder()
    {
        final StoreModel store = new StoreModel(1, 500, 10, 0.9);
        final ShopperHistories histories = new ShopperHistories(store, 1, 6.0);
        final ByteBuf first = Unpooled.buffer();
        final ByteBuf second = Unpooled.buffer();

        histories.write(first, 77, NOW);
        histories.write(Unpooled.buffer(), 3, NOW);
        histories.write(second, 77, NOW);

        assertThat(first).isEqualTo(second);
    }
}
