package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver of webhook deliveries on loopback (the JDK's server, ephemeral port) that records every
 * request it gets and how it answered. What it answers depends on the path:
 * <pre>
 *   /ok      200
 *   /half    500 and 200 in turn for each event id, 500 first: a receiver that fails half the time, every
 *            delivery once at least
 *   /down    503
 *   /gate    503 until {@link #open()}, then 200
 * </pre>
 */
public final class WebhookReceiver implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    private volatile boolean open;

    /**
     * One request.
     *
     * @param path      the path posted to.
     * @param eventId   the {@code Tailor-Event-Id} header.
     * @param signature the {@code Tailor-Signature} header.
     * @param body      the raw body.
     * @param status    what the receiver answered.
     */
    public record Received(String path, String eventId, String signature, byte[] body, int status)
    {
        /**
         * The body as JSON.
         *
         * @return the tree.
         */
        public JsonNode json()
        {
            try
            {
                return MAPPER.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * Whether the receiver acknowledged it.
         *
         * @return true for a 2xx.
         */
        public boolean acknowledged()
        {
            return status / 100 == 2;
        }
    }

    /** Starts a receiver on an ephemeral loopback port. */
    public WebhookReceiver()
    {
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final byte[] body = exchange.getRequestBody().readAllBytes();
        final String path = exchange.getRequestURI().getPath();
        final int status = switch (path)
        {
            case "/ok" -> 200;
            case "/gate" -> open ? 200 : 503;
            case "/half" -> turns.computeIfAbsent(String.valueOf(
                exchange.getRequestHeaders().getFirst("Tailor-Event-Id")), id -> new AtomicInteger())
                .getAndIncrement() % 2 == 0 ? 500 : 200;
            default -> 503;
        };
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("Tailor-Event-Id"),
            exchange.getRequestHeaders().getFirst("Tailor-Signature"), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /**
     * Opens {@code /gate}: from now on it acknowledges.
     */
    public void open()
    {
        open = true;
    }

    /**
     * The URL of a path.
     *
     * @param path e.g. {@code /half}.
     * @return the URL.
     */
    public String url(final String path)
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * The requests received about one customer, in arrival order.
     *
     * @param user the customer's user id.
     * @return the requests.
     */
    public List<Received> about(final String user)
    {
        final List<Received> found = new ArrayList<>();
        for (final Received request : received)
        {
            final JsonNode customer = request.json().get("customer");
            if (customer != null && user.equals(customer.path("user").asText(null)))
            {
                found.add(request);
            }
        }
        return found;
    }

    /**
     * Every request received, in arrival order.
     *
     * @return the requests.
     */
    public List<Received> all()
    {
        return List.copyOf(received);
    }

    @Override
    public void close()
    {
        server.stop(0);
        threads.shutdownNow();
    }
}
