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
import io.tailor.scoring.profile.ProfileMerger;
import io.tailor.scoring.profile.ProfileUpdater;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Members and data for grid tests: real Hazelcast members on loopback, each test with its own cluster.
 */
public final class GridFixtures
{
    private static final int LOWEST_TEST_PORT = 10_000;
    /** Ports handed out by {@link #freePort()} in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private GridFixtures()
    {
    }

    /**
     * A free TCP port on loopback, below the kernel's ephemeral range. A port taken from the ephemeral range
     * (what {@code new ServerSocket(0)} gives) is free only until the node that is meant to listen on it starts:
     * meanwhile any outgoing connection (a member joining, an HTTP client) may get it as its local port and leave
     * it in TIME_WAIT, and the node's bind then fails with "address in use" - rarely, and only on a busy machine.
     * No port is handed out twice in one JVM.
     *
     * @return the port.
     */
    public static int freePort()
    {
        final int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 500; attempt++)
        {
            final int port = LOWEST_TEST_PORT + ThreadLocalRandom.current().nextInt(below - LOWEST_TEST_PORT);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port))
            {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST_TEST_PORT + " and " + below);
    }

    /** The first port of {@code net.ipv4.ip_local_port_range} (Linux), 32768 where it cannot be read. */
    private static int ephemeralRangeStart()
    {
        try
        {
            final String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            final int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST_TEST_PORT + 1_000 ? start : 32_768;
        }
        catch (final IOException | RuntimeException ex)
        {
            return 32_768;
        }
    }

    private static boolean bindable(final int port)
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
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
            new ProfileMerger(settings.profile()), settings.dimensions(), files);
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
