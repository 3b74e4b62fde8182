package io.tailor.server.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks shared by the system tests.
 */
final class Checks
{
    private Checks()
    {
    }

    /**
     * Uploads a small catalog through a node.
     *
     * @param node a node.
     */
    static void uploadCatalog(final Node node)
    {
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 20; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"title\":\"Product ")
                .append(i).append("\",\"category\":\"").append(i % 2 == 0 ? "apparel/shoes" : "home/kitchen")
                .append("\",\"brand\":\"B").append(i % 3).append("\",\"price\":").append(10 + i).append("}");
        }
        products.append("]");
        assertThat(node.send("PUT", "/v1/products", "application/json", products.toString()).status())
            .isEqualTo(200);
    }

    /**
     * Every event acknowledged to the load is in its shopper's profile, read through {@code node}: the
     * profile counts at least as many views as were acknowledged and no more than were sent.
     *
     * @param node a live node.
     * @param load the finished load.
     */
    static void everyAcknowledgedEventIsStored(final Node node, final EventLoad load)
    {
        final List<String> missing = new ArrayList<>();
        for (int s = 0; s < load.shoppers(); s++)
        {
            final String shopper = "s" + s;
            final int acknowledged = load.acknowledged(shopper);
            final Node.Answer answer = node.get("/v1/profiles/" + shopper);
            final int stored = answer != null && answer.status() == 200 ? views(answer.json()) : 0;
            if (stored < acknowledged || stored > load.sent(shopper))
            {
                missing.add(shopper + ": acknowledged " + acknowledged + ", sent " + load.sent(shopper) +
                    ", stored " + stored);
            }
        }
        assertThat(missing).as("shoppers whose acknowledged events are not all stored").isEmpty();
    }

    private static int views(final JsonNode profile)
    {
        final JsonNode views = profile.get("counts").get("view");
        return views == null ? 0 : views.asInt();
    }
}
