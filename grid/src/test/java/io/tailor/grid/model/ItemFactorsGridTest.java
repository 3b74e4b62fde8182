package io.tailor.grid.model;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.vector.VectorMath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collaborative factors on a real member: learnt from what the event stream taught the grid, carried into
 * every model rebuilt after them.
 */
class ItemFactorsGridTest
{
    private static final int RINGS = 3;
    private static final int RING_SIZE = 10;

    private static TailorGrid grid;

    @BeforeAll
    static void start() throws Exception
    {
        grid = TailorGrid.startMember(GridFixtures.lone().withModel(
            ModelSettings.DEFAULT.withFactors(new FactorSettings(4, 4))), Clock.systemUTC());
        final List<Product> products = new ArrayList<>();
        for (int r = 0; r < RINGS; r++)
        {
            for (int i = 0; i < RING_SIZE; i++)
            {
                products.add(product(id(r, i), i % 2 == 0 ? "apparel/shoes" : "media/books"));
            }
        }
        grid.catalog().upsert(products).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> grid.models().current().catalog().size() == 30);
        // Each ring's crowd views one product and then the next: two steps apart, never seen together.
        int shopper = 0;
        for (int r = 0; r < RINGS; r++)
        {
            for (int i = 0; i < RING_SIZE; i++)
            {
                for (int repeat = 0; repeat < 3; repeat++, shopper++)
                {
                    final String user = "crowd" + shopper;
                    grid.profiles().apply(ProfileKeys.user(user), List.of(view("a" + shopper, user, id(r, i)),
                        view("b" + shopper, user, id(r, (i + 1) % RING_SIZE)))).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                }
            }
        }
        grid.flushModelNow();
    }

    @AfterAll
    static void stop()
    {
        grid.close();
    }

    @Test
    void shouldLearnFactorsFromTheEventStreamAndKeepThemThroughRebuilds() throws Exception
    {
        grid.modelRefresher().learnFactorsNow();

        final ItemModel model = grid.models().current();
        final ItemFactors factors = model.factors();
        assertThat(factors.indexes(model.catalog())).isTrue();
        assertThat(factors.rowCount()).isEqualTo(RINGS * RING_SIZE);
        assertThat(cosine(model, id(0, 0), id(0, 2))).isGreaterThan(0.6f);
        assertThat(cosine(model, id(0, 0), id(1, 2))).isLessThan(0.3f);
        assertThat(grid.modelRefresher().lastFactorCpuNanos()).isPositive();

        grid.catalog().upsert(List.of(product("launched", "apparel/shoes"))).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> grid.models().current().catalog().indexOf("launched") >= 0);

        final ItemModel rebuilt = grid.models().current();
        assertThat(rebuilt.factors().indexes(rebuilt.catalog())).as("carried into the rebuilt model").isTrue();
        assertThat(rebuilt.factors().row(rebuilt.catalog().indexOf("launched"))).isEqualTo(-1);
        assertThat(cosine(rebuilt, id(0, 0), id(0, 2))).isEqualTo(cosine(model, id(0, 0), id(0, 2)));
    }

    private static float cosine(final ItemModel model, final String a, final String b)
    {
        final ItemFactors f = model.factors();
        final int ra = f.row(model.catalog().indexOf(a));
        final int rb = f.row(model.catalog().indexOf(b));
        final float[] rows = f.rows();
        return VectorMath.dot(rows, ra, rows, rb, f.rank()) / (float)Math.sqrt(
            VectorMath.dot(rows, ra, rows, ra, f.rank()) * VectorMath.dot(rows, rb, rows, rb, f.rank()));
    }

    private static String id(final int ring, final int step)
    {
        return "r" + ring + "-" + step;
    }

    private static Product product(final String id, final String category)
    {
        return new Product(id, "Product " + id, category, "Oak", 20, Map.of(), true,
            System.currentTimeMillis() - 86_400_000L * 100, false, null);
    }

    private static Event view(final String id, final String user, final String product)
    {
        return new Event(id, EventType.VIEW, user, null, product, List.of(), Double.NaN,
            System.currentTimeMillis() - 60_000L, Channel.WEB, null, null);
    }
}
