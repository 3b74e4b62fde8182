package io.tailor.scoring.segment;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemEvidence;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ItemStatsCodec;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.model.TimeToPurchase;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NearPurchaseTest
{
    private static final long HOUR = 3_600_000L;

    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
    private final ItemSignalAccumulator learnt = new ItemSignalAccumulator(ModelSettings.DEFAULT);

    @Test
    void shouldLearnTheDistributionOfTimeToPurchaseFromTheEventStream()
    {
        for (int s = 0; s < 10; s++)
        {
            shopperBuys("p0-1", "s" + s, (1 + s % 3) * DAY);
        }

        final TimeToPurchase learnt = this.learnt.stats(Hashing.key("p0-1")).timeToPurchase();

        assertThat(learnt.count()).isEqualTo(10);
        assertThat(learnt.quantile(0.5)).isBetween(DAY, 3 * DAY);
        assertThat(learnt.cdf(5 * DAY)).isCloseTo(1.0, within(1e-9));
        assertThat(learnt.cdf(12 * HOUR)).isZero();
    }

    @Test
    void shouldFindShoppersWithinTheUsualTimeWhoHaveNotBoughtIt()
    {
        for (int s = 0; s < 10; s++)
        {
            shopperBuys("p0-1", "s" + s, (1 + s % 3) * DAY);
        }
        final NearPurchase near = NearPurchase.forProduct(catalog, catalog.indexOf("p0-1"), learnt);
        assertThat(near.basis()).isEqualTo(NearPurchase.Basis.PRODUCT);

        final Profile due = viewer("due", NOW - 2 * DAY, EventType.ADD_TO_CART);
        final Profile early = viewer("early", NOW - HOUR, EventType.VIEW);
        final Profile late = viewer("late", NOW - 10 * DAY, EventType.VIEW);
        final Profile bought = viewer("bought", NOW - 2 * DAY, EventType.VIEW);
        updater.apply(bought, Fixtures.purchase("b", "bought", NOW - DAY, new LineItem("p0-1", 1, 10)), catalog,
            io.tailor.scoring.model.ItemSignalHandler.NONE);

        final NearPurchase.Assessment assessment = near.assess(due, Hashing.key("p0-1"), NOW);
        assertThat(assessment).isNotNull();
        assertThat(assessment.carted()).isTrue();
        assertThat(assessment.probability()).isBetween(0.01, 1.0);
        assertThat(near.reason(assessment, NOW)).startsWith("carted it 2 days ago");
        assertThat(near.assess(early, Hashing.key("p0-1"), NOW)).as("too early").isNull();
        assertThat(near.assess(late, Hashing.key("p0-1"), NOW)).as("past the usual time").isNull();
        assertThat(near.assess(bought, Hashing.key("p0-1"), NOW)).as("bought it").isNull();
    }

    @Test
    void shouldFallBackToTheCategoryWhenTheProductHasTooFewPurchases()
    {
        for (int s = 0; s < 6; s++)
        {
            shopperBuys("p0-" + s, "s" + s, DAY);
        }

        final NearPurchase near = NearPurchase.forProduct(catalog, catalog.indexOf("p0-9"), learnt);

        assertThat(near.basis()).isEqualTo(NearPurchase.Basis.CATEGORY);
        assertThat(near.distribution().count()).isEqualTo(6);
        assertThat(NearPurchase.forProduct(catalog, catalog.indexOf("p0-9"), ItemEvidence.NONE)).isNull();
    }

    @Test
    void shouldRoundTripTheDistributionWithTheItemStats()
    {
        final ItemStats stats = new ItemStats().add(PopularityKind.VIEW, 1, NOW, DAY).addTimeToPurchase(3 * HOUR)
            .addTimeToPurchase(2 * DAY);

        final ItemStats decoded = ItemStatsCodec.decode(ItemStatsCodec.encode(stats));

        assertThat(decoded.timeToPurchase().count()).isEqualTo(2);
        assertThat(decoded.timeToPurchase().quantile(0.5)).isEqualTo(stats.timeToPurchase().quantile(0.5));
        assertThat(decoded.interactions()).isEqualTo(3);
        assertThat(new ItemStats().merge(decoded, DAY).merge(decoded, DAY).timeToPurchase().count()).isEqualTo(4);
    }

    private void shopperBuys(final String product, final String shopper, final long after)
    {
        final Profile profile = new Profile(Fixtures.D);
        updater.apply(profile, event(shopper + "v", EventType.VIEW, shopper, product, NOW - 30 * DAY), catalog,
            learnt);
        updater.apply(profile, Fixtures.purchase(shopper + "o", shopper, NOW - 30 * DAY + after,
            new LineItem(product, 1, 10)), catalog, learnt);
    }

    private Profile viewer(final String shopper, final long at, final EventType type)
    {
        final Profile profile = new Profile(Fixtures.D);
        updater.apply(profile, event(shopper + "v", type, shopper, "p0-1", at), catalog,
            io.tailor.scoring.model.ItemSignalHandler.NONE);
        return profile;
    }
}
