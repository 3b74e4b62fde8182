package io.tailor.grid.catalog;

import io.tailor.scoring.catalog.Product;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class RemoveProductProcessorTest
{
    private static final Product SHOE = new Product("run-1", "Runner", "apparel/shoes/running", "Swift", 80,
        Map.of("season", List.of("summer")), true, NOW, false, null);

    @Test
    void shouldLeaveATombstoneAndAnswerTheRemovedEntry()
    {
        final CatalogEntry current = new CatalogEntry(SHOE, 5);
        final Map.Entry<String, CatalogEntry> entry = entry("run-1", current);

        final CatalogEntry removed = roundTrip(new RemoveProductProcessor(9)).process(entry);

        assertThat(removed).isSameAs(current);
        assertThat(entry.getValue().removed()).isTrue();
        assertThat(entry.getValue().version()).isEqualTo(9);
    }

    @Test
    void shouldGiveTheTombstoneAVersionAboveTheProductsWhateverWasAsked()
    {
        final Map.Entry<String, CatalogEntry> entry = entry("run-1", new CatalogEntry(SHOE, 12));

        new RemoveProductProcessor(3).process(entry);

        assertThat(entry.getValue().version()).isEqualTo(13);
    }

    @Test
    void shouldLeaveAMissingOrRemovedProductAlone()
    {
        final CatalogEntry tombstone = CatalogEntry.tombstone(4);
        final Map.Entry<String, CatalogEntry> removed = entry("run-1", tombstone);
        final Map.Entry<String, CatalogEntry> missing = entry("run-2", null);

        assertThat(new RemoveProductProcessor(9).process(removed)).isNull();
        assertThat(new RemoveProductProcessor(9).process(missing)).isNull();
        assertThat(removed.getValue()).isSameAs(tombstone);
        assertThat(missing.getValue()).isNull();
    }
}
