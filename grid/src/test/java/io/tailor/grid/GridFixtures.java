package io.tailor.grid;

import io.tailor.scoring.catalog.Product;

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
