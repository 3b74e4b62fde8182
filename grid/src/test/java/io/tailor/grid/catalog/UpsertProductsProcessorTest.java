package io.tailor.grid.catalog;

import io.tailor.scoring.catalog.Product;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class UpsertProductsProcessorTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final long LATER = NOW + 3 * DAY_MS;

    @Test
    void shouldLaunchAProductNewToTheCatalogAtTheUploadsTime()
    {
        final Map.Entry<String, CatalogEntry> entry = entry("run-1", null);

        final CatalogEntry stored = upload(shoe(Product.UNKNOWN_LAUNCH), 7, NOW).process(entry);

        assertThat(stored.product().launchedAtMs()).isEqualTo(NOW);
        assertThat(stored.version()).isEqualTo(7);
        assertThat(entry.getValue()).isSameAs(stored);
    }

    @Test
    void shouldKeepTheLaunchTimeWhenAnUpdateDoesNotSayOne()
    {
        final Map.Entry<String, CatalogEntry> entry = entry("run-1", new CatalogEntry(shoe(NOW - DAY_MS), 7));

        final CatalogEntry stored = upload(shoe(Product.UNKNOWN_LAUNCH).withLaunchedAtMs(Product.UNKNOWN_LAUNCH),
            8, LATER).process(entry);

        assertThat(stored.product().launchedAtMs()).isEqualTo(NOW - DAY_MS);
    }

    @Test
    void shouldTakeAnExplicitLaunchTimeOverTheStoredOne()
    {
        final Map.Entry<String, CatalogEntry> entry = entry("run-1", new CatalogEntry(shoe(NOW - DAY_MS), 7));

        assertThat(upload(shoe(NOW - 9 * DAY_MS), 8, LATER).process(entry).product().launchedAtMs())
            .isEqualTo(NOW - 9 * DAY_MS);
    }

    @Test
    void shouldLaunchARemovedProductAgainWhenItComesBack()
    {
        final Map.Entry<String, CatalogEntry> entry = entry("run-1", CatalogEntry.tombstone(9));

        final CatalogEntry stored = upload(shoe(Product.UNKNOWN_LAUNCH), 8, LATER).process(entry);

        assertThat(stored.product().launchedAtMs()).isEqualTo(LATER);
        assertThat(stored.version()).as("above the tombstone's, so no mirror keeps the removal").isEqualTo(10);
    }

    @Test
    void shouldLaunchAProductWithAnUnknownStoredLaunchTimeAtTheUploadsTime()
    {
        final Map.Entry<String, CatalogEntry> entry =
            entry("run-1", new CatalogEntry(shoe(Product.UNKNOWN_LAUNCH), 7));

        assertThat(upload(shoe(Product.UNKNOWN_LAUNCH), 8, LATER).process(entry).product().launchedAtMs())
            .isEqualTo(LATER);
    }

    @Test
    void shouldApplyOnlyTheProductOfItsKey()
    {
        final Map.Entry<String, CatalogEntry> other = entry("run-2", null);

        assertThat(upload(shoe(Product.UNKNOWN_LAUNCH), 8, NOW).process(other)).isNull();
        assertThat(other.getValue()).isNull();
    }

    private static UpsertProductsProcessor upload(final Product product, final long version, final long nowMs)
    {
        return roundTrip(new UpsertProductsProcessor(Map.of(product.id(), new CatalogEntry(product, version)),
            nowMs));
    }

    private static Product shoe(final long launchedAt)
    {
        return new Product("run-1", "Runner", "apparel/shoes/running", "Swift", 80,
            Map.of("season", List.of("summer")), true, launchedAt, false, null);
    }
}
