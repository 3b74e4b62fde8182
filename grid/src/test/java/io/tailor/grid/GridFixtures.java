package io.tailor.grid;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.tailor.grid.model.ItemModelHolder;
import io.tailor.grid.model.ItemSignalAggregator;
import io.tailor.grid.persist.MemberFiles;
import io.tailor.grid.profile.MemberContext;
import io.tailor.grid.profile.ProfileReplica;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.ProfileUpdater;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Members and data for grid tests: real Hazelcast members on loopback, each test with its own cluster.
 */
public final class GridFixtures
{
    private GridFixtures()
    {
    }

    /**
     * A free TCP port on loopback.
     *
     * @return the port.
     */
    public static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Settings of a lone member in a cluster of its own.
     *
     * @return the settings.
     */
    public static GridSettings lone()
    {
        return GridSettings.loopback(freePort(), null).withClusterName("test-" + UUID.randomUUID());
    }

    /**
     * Starts a lone member.
     *
     * @return the member.
     */
    public static TailorGrid startLone()
    {
        return TailorGrid.startMember(lone(), Clock.systemUTC());
    }

    /**
     * A lone Hazelcast member configured as a Tailor member (maps, serialization, merge policy, owner replica, a
     * {@link MemberContext}) with none of TailorGrid's services started, to test one service on its own.
     *
     * @param files    data files for the member context (what processors write to), or {@code null}.
     * @param mapStore whether the maps also write through to {@code files}.
     * @return the started member; its context is under {@link MemberContext#KEY} in its user context.
     */
    public static HazelcastInstance bareMember(final MemberFiles files, final boolean mapStore)
    {
        final GridSettings settings = lone();
        final Config probe = TailorGrid.memberConfig(settings, new ProfileReplica(1), null);
        final ProfileReplica replica = new ProfileReplica(
            Integer.parseInt(probe.getProperty("hazelcast.partition.count")));
        final Config config = TailorGrid.memberConfig(settings, replica, mapStore ? files : null);
        final MemberContext context = new MemberContext(new ItemModelHolder(settings.dimensions(), settings.model()),
            replica, new ItemSignalAggregator(64 * 1024, ModelSettings.DEFAULT), new ProfileUpdater(settings.profile()),
            settings.dimensions(), files);
        config.getUserContext().put(MemberContext.KEY, context);
        final HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(config);
        replica.attach(hazelcast.getPartitionService());
        return hazelcast;
    }

    /**
     * The member context of a member started by {@link #bareMember(MemberFiles, boolean)}.
     *
     * @param hazelcast the member.
     * @return its context.
     */
    public static MemberContext contextOf(final HazelcastInstance hazelcast)
    {
        return (MemberContext)hazelcast.getUserContext().get(MemberContext.KEY);
    }

    /**
     * Products in two categories.
     *
     * @param count products per category.
     * @return the products.
     */
    public static List<Product> products(final int count)
    {
        final List<Product> products = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            products.add(new Product("run-" + i, "Runner " + i, "apparel/shoes/running", "Swift", 80 + i,
                Map.of("season", List.of("summer")), true, System.currentTimeMillis() - 86_400_000L * 100, false,
                null));
            products.add(new Product("book-" + i, "Book " + i, "media/books", "Quill", 15 + i,
                Map.of("genre", List.of("crime")), true, System.currentTimeMillis() - 86_400_000L * 100, false, null));
        }
        return products;
    }
}
