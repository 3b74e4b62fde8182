package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.LineItem;
import io.tailor.server.config.InputLimits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.tailor.server.json.JsonArbitraries.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text arrives, the event reader gives a valid event or an {@link InvalidInput} naming the field,
 * or the parser reports malformed JSON; never another exception, never an event that breaks the contract.
 */
class EventJsonReaderPropertyTest
{
    private static final InputLimits LIMITS = InputLimits.DEFAULT;
    private final EventJsonReader reader = new EventJsonReader(LIMITS);

    @Property(tries = 3000)
    void shouldReadAValidEventOrNameTheFieldThatIsWrong(@ForAll("events") final String json) throws IOException
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
                final Event event = reader.read(parser, NOW);
                Statistics.label("outcome").collect("valid");
                assertValid(event);
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

    @Property(tries = 1000)
    void shouldReadAnyBodyAsABatchOrRefuseItAsAWhole(@ForAll("bodies") final byte[] body,
        @ForAll final boolean ndjson)
    {
        final BatchReader<Event> batches = new BatchReader<>(parser -> reader.read(parser, NOW), 100, "event");
        try
        {
            final BatchReader.Result<Event> result = batches.read(body, ndjson);
            assertThat(result.accepted().size() + result.rejections().size()).isBetween(1, 100);
            assertThat(result.indexes()).hasSameSizeAs(result.accepted());
            result.accepted().forEach(EventJsonReaderPropertyTest::assertValid);
            result.rejections().forEach(rejection -> assertThat(rejection.reason()).isNotBlank());
        }
        catch (final BatchReader.UnreadableBody unreadable)
        {
            assertThat(unreadable.getMessage()).isNotBlank();
        }
    }

    private static void assertValid(final Event event)
    {
        assertThat(event.type()).isNotNull();
        assertThat(event.user() != null || event.anonymousId() != null).isTrue();
        for (final String id : new String[] {event.id(), event.user(), event.anonymousId(), event.product(),
            event.store(), event.requestId()})
        {
            if (id != null)
            {
                assertThat(id).matches(InputLimits.ID);
            }
        }
        assertThat(event.timestampMs())
            .isBetween(NOW - LIMITS.maxEventAge().toMillis(), NOW + LIMITS.maxFutureSkew().toMillis());
        assertThat(event.items()).hasSizeLessThanOrEqualTo(LIMITS.maxItems());
        for (final LineItem item : event.items())
        {
            assertThat(item.product()).matches(InputLimits.ID);
            assertThat(item.quantity()).isBetween(1, LIMITS.maxQuantity());
            assertThat(Double.isNaN(item.price()) || item.price() >= 0 && item.price() <= LIMITS.maxAmount()).isTrue();
        }
        assertThat(Double.isNaN(event.value()) || Math.abs(event.value()) <= LIMITS.maxAmount()).isTrue();
    }

    @Provide
    Arbitrary<String> events()
    {
        final Arbitrary<String> type = JsonArbitraries.of(List.of("\"view\"", "\"click\"", "\"add_to_cart\"",
            "\"remove_from_cart\"", "\"purchase\"", "\"refund\"", "\"rating\"", "\"search\"", "\"service\"",
            "\"impression\"", "\"identify\"", "\"teleport\""));
        final Arbitrary<String> item = JsonArbitraries.object(Arbitraries.oneOf(
            JsonArbitraries.field("product", JsonArbitraries.ids()),
            JsonArbitraries.field("quantity", JsonArbitraries.numbers()),
            JsonArbitraries.field("price", JsonArbitraries.numbers())));
        final Arbitrary<String> items = Arbitraries.oneOf(item, JsonArbitraries.value(1)).list().ofMaxSize(4)
            .map(list -> "[" + String.join(",", list) + "]");
        final Arbitrary<String> field = Arbitraries.oneOf(
            JsonArbitraries.field("id", JsonArbitraries.ids()),
            JsonArbitraries.field("type", type),
            JsonArbitraries.field("type", type),
            JsonArbitraries.field("user", JsonArbitraries.ids()),
            JsonArbitraries.field("anonymousId", JsonArbitraries.ids()),
            JsonArbitraries.field("product", JsonArbitraries.ids()),
            JsonArbitraries.field("items", items),
            JsonArbitraries.field("value", JsonArbitraries.numbers()),
            JsonArbitraries.field("ts", JsonArbitraries.times()),
            JsonArbitraries.field("channel", JsonArbitraries.of(List.of("\"web\"", "\"store\"", "\"fax\""))),
            JsonArbitraries.field("store", JsonArbitraries.ids()),
            JsonArbitraries.field("requestId", JsonArbitraries.ids()),
            JsonArbitraries.field("properties", JsonArbitraries.value(5)),
            JsonArbitraries.field("surprise", JsonArbitraries.value(1)));
        // A valid core (type, shopper, product or items) with extra fields, to reach the checks after parsing.
        final Arbitrary<String> goodId = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1)
            .ofMaxLength(8).map(JsonArbitraries::quote);
        final Arbitrary<String> goodItems = Combinators.combine(goodId, Arbitraries.integers().between(1, 5))
            .as((id, quantity) -> "{\"product\":" + id + ",\"quantity\":" + quantity + "}")
            .list().ofMinSize(1).ofMaxSize(3).map(list -> "[" + String.join(",", list) + "]");
        final Arbitrary<String> core = Combinators.combine(type, Arbitraries.of("user", "anonymousId"), goodId,
            Arbitraries.oneOf(goodId.map(id -> "\"product\":" + id), goodItems.map(list -> "\"items\":" + list)),
            Arbitraries.oneOf(
                JsonArbitraries.field("id", JsonArbitraries.ids()),
                JsonArbitraries.field("value", JsonArbitraries.numbers()),
                JsonArbitraries.field("ts", JsonArbitraries.times()),
                JsonArbitraries.field("store", JsonArbitraries.ids()),
                JsonArbitraries.field("properties", JsonArbitraries.value(5))).list().ofMaxSize(4)
                .uniqueElements(f -> f.split(":")[0]))
            .as((kind, shopper, id, product, extras) -> "{\"type\":" + kind + ",\"" + shopper + "\":" + id + "," +
                product + (extras.isEmpty() ? "" : "," + String.join(",", extras)) + "}");
        return JsonArbitraries.mangled(Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, core),
            net.jqwik.api.Tuple.of(4, JsonArbitraries.object(field)),
            net.jqwik.api.Tuple.of(1, JsonArbitraries.value(3))));
    }

    @Provide
    Arbitrary<byte[]> bodies()
    {
        return Arbitraries.oneOf(
            events().list().ofMaxSize(5).map(list -> String.join("\n", list).getBytes(StandardCharsets.UTF_8)),
            events().list().ofMaxSize(5).map(list -> ("[" + String.join(",", list) + "]")
                .getBytes(StandardCharsets.UTF_8)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }
}
