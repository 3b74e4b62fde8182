package io.tailor.server.system;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady load of single view events from a few client threads, round-robin over the live nodes, each
 * event with a unique id. It counts, per shopper, the events that were acknowledged (a 2xx naming the
 * event accepted or duplicate), and per node the 5xx answers, and records latencies.
 */
final class EventLoad implements AutoCloseable
{
    private final Supplier<List<Node>> targets;
    private final int shoppers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
    private final AtomicInteger failedConnections = new AtomicInteger();
    private final Histogram latency = new Histogram(60_000_000_000L, 3);
    private final Thread[] threads;

    /**
     * Starts the load.
     *
     * @param targets  the nodes to send to now (asked before every request).
     * @param shoppers number of distinct shoppers.
     * @param threads  client threads.
     * @param product  product every event views.
     */
    EventLoad(final Supplier<List<Node>> targets, final int shoppers, final int threads, final String product)
    {
        this.targets = targets;
        this.shoppers = shoppers;
        this.threads = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            final int offset = t;
            this.threads[t] = new Thread(() -> run(offset, product), "event-load-" + t);
            this.threads[t].start();
        }
    }

    private void run(final int offset, final String product)
    {
        int turn = offset;
        while (running.get())
        {
            final List<Node> nodes = targets.get();
            final Node node = nodes.get(turn++ % nodes.size());
            final long n = sequence.incrementAndGet();
            final String shopper = "s" + (n % shoppers);
            final String body = "{\"id\":\"ev-" + n + "\",\"type\":\"view\",\"user\":\"" + shopper +
                "\",\"product\":\"" + product + "\"}";
            sent.computeIfAbsent(shopper, k -> new AtomicInteger()).incrementAndGet();
            final long start = System.nanoTime();
            final Node.Answer answer = node.send("POST", "/v1/events", "application/json", body);
            final long nanos = System.nanoTime() - start;
            if (answer == null)
            {
                failedConnections.incrementAndGet();
                continue;
            }
            synchronized (latency)
            {
                latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
            }
            if (answer.status() >= 500)
            {
                serverErrors.computeIfAbsent(node.name(), k -> new AtomicInteger()).incrementAndGet();
            }
            else if (answer.status() == 200)
            {
                final int stored = answer.json().get("accepted").asInt() + answer.json().get("duplicates").asInt();
                if (stored == 1)
                {
                    acknowledged.computeIfAbsent(shopper, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
    }

    /**
     * Stops the load and waits for the client threads.
     */
    @Override
    public void close()
    {
        running.set(false);
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(60_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    int acknowledged(final String shopper)
    {
        final AtomicInteger count = acknowledged.get(shopper);
        return count == null ? 0 : count.get();
    }

    int sent(final String shopper)
    {
        final AtomicInteger count = sent.get(shopper);
        return count == null ? 0 : count.get();
    }

    long totalAcknowledged()
    {
        return acknowledged.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    int serverErrors(final String node)
    {
        final AtomicInteger count = serverErrors.get(node);
        return count == null ? 0 : count.get();
    }

    int failedConnections()
    {
        return failedConnections.get();
    }

    int shoppers()
    {
        return shoppers;
    }

    String latencySummary()
    {
        synchronized (latency)
        {
            return String.format("%d requests, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                latency.getTotalCount(), latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getValueAtPercentile(99.9) / 1e6, latency.getMaxValue() / 1e6);
        }
    }
}
