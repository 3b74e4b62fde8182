package io.tailor.grid.feed;

import io.tailor.grid.persist.MemberFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class FeedRecordTest
{
    private static final String DEFINITION = "{\"url\":\"https://shop.example/f.xml\",\"format\":\"merchant-xml\"," +
        "\"every\":\"15m\"}";

    @Test
    void shouldKeepEveryPartThroughItsBinaryFormAndTheWire()
    {
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++)
        {
            ids.add("product-" + i);
        }
        final FeedRecord record = new FeedRecord(DEFINITION, 3, NOW, NOW + 1, NOW + 2, "{\"result\":\"applied\"}",
            FeedRecord.packIds(ids));

        final FeedRecord copy = FeedRecord.decode(roundTrip(record).encode());

        assertThat(copy.definition()).isEqualTo(DEFINITION);
        assertThat(List.of(copy.version(), copy.createdAtMs(), copy.updatedAtMs(), copy.nextFetchAtMs()))
            .containsExactly(3L, NOW, NOW + 1, NOW + 2);
        assertThat(copy.lastFetch()).isEqualTo("{\"result\":\"applied\"}");
        assertThat(copy.productIds()).isEqualTo(ids);
        assertThat(record.packedIds().length).isLessThan(10_000 * 4);
        assertThat(FeedRecord.decode(new FeedRecord(null, 4, NOW, NOW, Long.MAX_VALUE, null, null).encode())
            .deleted()).isTrue();
    }

    @Test
    void shouldKeepAMillionTypicalIdsWithinWhatARecordKeepsAndInTheMembersFeedsFile(@TempDir final Path dir)
    {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++)
        {
            ids.add(String.format("SKU-%07d", i));
        }
        final byte[] packed = FeedRecord.packIds(ids);
        assertThat(packed.length).isLessThan(100_000);
        // the largest record kept, in incompressible bytes, fits the feeds file as members open it
        final byte[] largest = new byte[FeedRecord.MAX_PACKED_IDS];
        new Random(7).nextBytes(largest);
        try (MemberFiles files = MemberFiles.open(dir, 1_000, false))
        {
            files.write("shop", new FeedRecord(DEFINITION, 1, NOW, NOW, NOW, "{}", packed));
            files.write("big", new FeedRecord(DEFINITION, 1, NOW, NOW, NOW, "{}", largest));
            assertThat(FeedRecord.decode(files.feeds().get("shop")).productIds()).hasSize(1_000_000);
            assertThat(FeedRecord.decode(files.feeds().get("big")).packedIds()).isEqualTo(largest);
        }
    }

    @Test
    void shouldDefineDueAtOnceAndKeepTheLastFetchAcrossARedefinition()
    {
        final Map.Entry<String, FeedRecord> entry = entry("shop", null);
        assertThat(roundTrip(new PutFeedProcessor(DEFINITION, NOW)).process(entry)).isNull();
        final FeedRecord defined = entry.getValue();
        assertThat(defined.version()).isEqualTo(1);
        assertThat(defined.nextFetchAtMs()).isEqualTo(NOW);

        new RecordFeedFetchProcessor(DEFINITION, "{}", FeedRecord.packIds(Set.of("a")), NOW + 900_000, NOW + 5)
            .process(entry);
        final FeedRecord before = new PutFeedProcessor(DEFINITION.replace("15m", "1h"), NOW + 10).process(entry);
        final FeedRecord redefined = entry.getValue();

        assertThat(before.definition()).isEqualTo(DEFINITION);
        assertThat(PutFeedProcessor.defined(before, DEFINITION.replace("15m", "1h"), NOW + 10).encode())
            .isEqualTo(redefined.encode());

        assertThat(redefined.createdAtMs()).isEqualTo(NOW);
        assertThat(redefined.nextFetchAtMs()).isEqualTo(NOW + 10);
        assertThat(redefined.lastFetch()).isEqualTo("{}");
        assertThat(redefined.productIds()).containsExactly("a");
    }

    @Test
    void shouldLeaveAFeedRedefinedDuringItsFetchDueAtOnce()
    {
        final Map.Entry<String, FeedRecord> entry = entry("shop", null);
        new PutFeedProcessor(DEFINITION, NOW).process(entry);
        new PutFeedProcessor(DEFINITION.replace("15m", "1h"), NOW + 10).process(entry);

        final FeedRecord recorded = new RecordFeedFetchProcessor(DEFINITION, "{}", null, NOW + 900_000, NOW + 20)
            .process(entry);

        assertThat(recorded.nextFetchAtMs()).isEqualTo(NOW + 10);
    }

    @Test
    void shouldNotRecordAFetchOfADeletedFeed()
    {
        final Map.Entry<String, FeedRecord> entry = entry("shop", null);
        new PutFeedProcessor(DEFINITION, NOW).process(entry);
        final FeedRecord deleted = new PutFeedProcessor(null, NOW + 1).process(entry);

        assertThat(deleted.definition()).isEqualTo(DEFINITION);
        assertThat(new RecordFeedFetchProcessor(DEFINITION, "{}", null, NOW, NOW + 2).process(entry)).isNull();
        assertThat(entry.getValue().deleted()).isTrue();
        assertThat(new PutFeedProcessor(null, NOW + 3).process(entry)).isNull();
    }
}
