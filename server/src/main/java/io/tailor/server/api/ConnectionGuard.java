package io.tailor.server.api;

import io.tailor.server.config.OverloadLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts off clients that hold a connection without using it: slowloris (a request head sent a byte at a
 * time), slow bodies, and idle keep-alive connections. Vert.x's idle timeout alone misses a client that sends
 * one byte just often enough.
 * <pre>
 *   opened ──(complete request head within requestHeadTimeout)──► request in flight
 *   request in flight ──(body complete within requestBodyTimeout of its head, else 408)──► answered
 *   answered ──(next complete request head within idleTimeout)──► request in flight     otherwise: closed
 * </pre>
 * One per event loop, touched only by it; a sweep every fraction of the shortest timeout checks deadlines,
 * so a request costs two field writes, not a timer.
 */
final class ConnectionGuard
{
    /** Deadlines of one connection. */
    private static final class State
    {
        private final HttpConnection connection;
        private long deadlineNs;
        private int inFlight;
        private RoutingContext current;
        private long bodyDeadlineNs;

        State(final HttpConnection connection, final long deadlineNs)
        {
            this.connection = connection;
            this.deadlineNs = deadlineNs;
        }
    }

    private final Map<HttpConnection, State> connections = new HashMap<>();
    private final long headTimeoutNs;
    private final long bodyTimeoutNs;
    private final long idleTimeoutNs;
    private final long bodyTimeoutSeconds;
    private final List<State> expired = new ArrayList<>();

    /**
     * A guard for one loop; call {@link #start} on that loop.
     *
     * @param limits the timeouts.
     */
    ConnectionGuard(final OverloadLimits limits)
    {
        this.headTimeoutNs = limits.requestHeadTimeout().toNanos();
        this.bodyTimeoutNs = limits.requestBodyTimeout().toNanos();
        this.idleTimeoutNs = limits.idleTimeout().toNanos();
        this.bodyTimeoutSeconds = limits.requestBodyTimeout().toSeconds();
    }

    /**
     * Starts the sweep on the calling loop.
     *
     * @param vertx Vert.x.
     * @return the periodic timer's id.
     */
    long start(final Vertx vertx)
    {
        final long shortest = Math.min(headTimeoutNs, Math.min(bodyTimeoutNs, idleTimeoutNs));
        final long periodMs = Math.max(100L, Math.min(1000L, shortest / 4_000_000L));
        return vertx.setPeriodic(periodMs, id -> sweep(System.nanoTime()));
    }

    /**
     * A connection was opened: its first request head is due within the head timeout.
     *
     * @param connection the connection.
     */
    void opened(final HttpConnection connection)
    {
        connections.put(connection, new State(connection, System.nanoTime() + headTimeoutNs));
        connection.closeHandler(closed -> connections.remove(connection));
    }

    /**
     * A request head arrived (first handler of every request); its body is due within the body timeout.
     *
     * @param ctx routing context.
     */
    void arrived(final RoutingContext ctx)
    {
        final State state = connections.get(ctx.request().connection());
        if (state != null)
        {
            state.inFlight++;
            state.current = ctx;
            state.bodyDeadlineNs = System.nanoTime() + bodyTimeoutNs;
            ctx.addEndHandler(done ->
            {
                state.inFlight--;
                if (state.current == ctx)
                {
                    state.current = null;
                }
                state.deadlineNs = System.nanoTime() + idleTimeoutNs;
            });
        }
        ctx.next();
    }

    /**
     * Connections this guard watches.
     *
     * @return the count.
     */
    int size()
    {
        return connections.size();
    }

    private void sweep(final long now)
    {
        for (final State state : connections.values())
        {
            if (state.inFlight == 0 ? now - state.deadlineNs > 0 :
                state.current != null && !state.current.request().isEnded() && now - state.bodyDeadlineNs > 0)
            {
                expired.add(state);
            }
        }
        for (int i = 0; i < expired.size(); i++)
        {
            final State state = expired.get(i);
            if (state.inFlight > 0 && state.current != null)
            {
                Responses.problemAndClose(state.current, 408, "request-timeout", "Request timeout",
                    "the request body did not arrive within " + bodyTimeoutSeconds + " s", null);
            }
            else
            {
                state.connection.close();
            }
            connections.remove(state.connection);
        }
        expired.clear();
    }
}
