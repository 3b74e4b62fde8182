package io.tailor.loadtest.driver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher driven by a simulated clock and server, so that the coordinated-omission arithmetic is
 * checked exactly: a stall must cost every request that was due during it, not just the one in flight.
 */
class DispatcherTest
{
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final long SECOND = 1_000_000_000L;

    /** A server simulated in virtual time: each request's answer time is a function of its send time. */
    private static final class SimulatedRun implements Dispatcher.Transport
    {
        final long[] clock = {0};
        final LoadRecorders recorders = new LoadRecorders(List.of("get"));
        final long[] answerAt;
        final LongUnaryOperator answerTime;
        final Dispatcher dispatcher;
        int sends;

        SimulatedRun(final int connections, final LongUnaryOperator answerTime)
        {
            this.answerAt = new long[connections];
            Arrays.fill(answerAt, Long.MAX_VALUE);
            this.answerTime = answerTime;
            final RequestSource source = new RequestSource()
            {
                @Override
                public List<String> types()
                {
                    return List.of("get");
                }

                @Override
                public int write(final ByteBuf out)
                {
                    out.writeByte('x');
                    return 0;
                }
            };
            this.dispatcher = new Dispatcher(source, recorders, this, UnpooledByteBufAllocator.DEFAULT,
                () -> clock[0], connections);
            for (int slot = 0; slot < connections; slot++)
            {
                dispatcher.connected(slot);
            }
        }

        @Override
        public void send(final int slot, final ByteBuf request)
        {
            request.release();
            sends++;
            answerAt[slot] = answerTime.applyAsLong(clock[0]);
        }

        /** Advances virtual time from event to event until nothing is left to do. */
        void runToEnd()
        {
            while (true)
            {
                final long due = dispatcher.pump();
                long next = due;
                for (final long at : answerAt)
                {
                    next = Math.min(next, at);
                }
                if (next == Long.MAX_VALUE)
                {
                    return;
                }
                clock[0] = Math.max(clock[0], next);
                for (int slot = 0; slot < answerAt.length; slot++)
                {
                    if (answerAt[slot] <= clock[0])
                    {
                        answerAt[slot] = Long.MAX_VALUE;
                        dispatcher.answered(slot, 200);
                    }
                }
            }
        }

        Histogram corrected()
        {
            return recorders.intervalCorrected(0, null);
        }

        Histogram service()
        {
            return recorders.intervalService(0, null);
        }
    }

    @Test
    void shouldChargeAServerStallToEveryRequestDueDuringIt()
    {
        // 1,000 requests/s for 5 s on one connection; answers take 100 µs, except that the server stalls for
        // one second at t = 2 s: whatever arrives then is answered at t = 3 s.
        final SimulatedRun run = new SimulatedRun(1, sentAt ->
            sentAt >= 2 * SECOND && sentAt < 3 * SECOND ? 3 * SECOND + 100 * US : sentAt + 100 * US);
        run.dispatcher.startOpen(new Schedule(0, 1000, 5 * SECOND));

        run.runToEnd();

        final Histogram corrected = run.corrected();
        final Histogram service = run.service();
        assertThat(corrected.getTotalCount()).isEqualTo(5000);
        // The ~1,000 requests due during the stall wait between 1 s and ~0 s: a fifth of all requests.
        assertThat(corrected.getValueAtPercentile(90)).isGreaterThan(400 * MS);
        assertThat(corrected.getValueAtPercentile(99)).isGreaterThan(900 * MS);
        assertThat(corrected.getMaxValue()).isGreaterThanOrEqualTo(999 * MS);
        // Timed from the actual send, only the one request in flight during the stall looks slow: the
        // uncorrected histogram hides the stall, which is exactly what coordinated omission means.
        assertThat(service.getValueAtPercentile(99)).isLessThan(200 * US);
        assertThat(service.getCountBetweenValues(500 * MS, SECOND + MS)).isEqualTo(1);
    }

    @Test
    void shouldMeasureNoQueueingWhenTheServerKeepsUp()
    {
        final SimulatedRun run = new SimulatedRun(4, sentAt -> sentAt + 100 * US);
        run.dispatcher.startOpen(new Schedule(0, 2000, SECOND));

        run.runToEnd();

        final Histogram corrected = run.corrected();
        assertThat(corrected.getTotalCount()).isEqualTo(2000);
        assertThat(corrected.getMaxValue()).isLessThanOrEqualTo(corrected.highestEquivalentValue(100 * US));
        assertThat(corrected.getMinValue()).isGreaterThanOrEqualTo(corrected.lowestEquivalentValue(100 * US));
    }

    @Test
    void shouldSendNothingBeforeItIsDue()
    {
        final SimulatedRun run = new SimulatedRun(2, sentAt -> sentAt + US);
        run.clock[0] = 10 * MS;
        run.dispatcher.startOpen(new Schedule(20 * MS, 1000, 30 * MS));

        final long due = run.dispatcher.pump();

        assertThat(due).isEqualTo(20 * MS);
        assertThat(run.sends).isZero();
    }

    @Test
    void shouldQueueDueRequestsWhileEveryConnectionIsBusy()
    {
        final SimulatedRun run = new SimulatedRun(1, sentAt -> sentAt + 50 * MS);
        run.dispatcher.startOpen(new Schedule(0, 1000, SECOND));
        run.dispatcher.pump();
        run.clock[0] = 10 * MS;

        run.dispatcher.pump();

        assertThat(run.sends).isEqualTo(1);
        assertThat(run.dispatcher.backlog()).isEqualTo(10);
        assertThat(run.dispatcher.inFlight()).isEqualTo(1);
    }

    @Test
    void shouldTimeTheClosedModelFromTheSendAndKeepEveryConnectionBusy()
    {
        final SimulatedRun run = new SimulatedRun(3, sentAt -> sentAt + 2 * MS);
        run.dispatcher.startClosed(0, 100 * MS);

        run.runToEnd();

        final Histogram corrected = run.corrected();
        // 3 connections, each back to back for 100 ms at 2 ms a request: 50 each.
        assertThat(corrected.getTotalCount()).isEqualTo(150);
        assertThat(corrected.getMaxValue()).isLessThanOrEqualTo(corrected.highestEquivalentValue(2 * MS));
    }

    @Test
    void shouldCountTimeoutsAndLostConnectionsAsFailuresNotLatencies()
    {
        final SimulatedRun run = new SimulatedRun(2, sentAt -> Long.MAX_VALUE - 1);
        run.dispatcher.startOpen(new Schedule(0, 1000, 2 * MS));
        run.clock[0] = MS;
        run.dispatcher.pump();
        assertThat(run.dispatcher.inFlight()).isEqualTo(2);

        run.clock[0] = 20 * MS;
        final int[] expired = new int[2];
        final int count = run.dispatcher.expire(15 * MS, expired);
        run.dispatcher.disconnected(expired[0]);

        assertThat(count).isEqualTo(2);
        assertThat(run.dispatcher.inFlight()).isZero();
        assertThat(run.dispatcher.connections()).isZero();
        assertThat(run.recorders.statusCounts(0)[LoadRecorders.STATUS_TIMEOUT]).isEqualTo(2);
        assertThat(run.corrected().getTotalCount()).isZero();
    }

    @Test
    void shouldCountARequestLostWithItsConnectionAsAnIoError()
    {
        final SimulatedRun run = new SimulatedRun(1, sentAt -> Long.MAX_VALUE - 1);
        run.dispatcher.startClosed(0, SECOND);
        run.dispatcher.pump();

        run.dispatcher.disconnected(0);

        assertThat(run.recorders.statusCounts(0)[LoadRecorders.STATUS_IO_ERROR]).isEqualTo(1);
        assertThat(run.dispatcher.inFlight()).isZero();
    }

    @Test
    void shouldRecordTheClientsOwnLagFromTheLaterOfDueTimeAndFreeConnection()
    {
        final SimulatedRun run = new SimulatedRun(1, sentAt -> sentAt + 5 * MS);
        run.dispatcher.startOpen(new Schedule(0, 1000, 3 * MS));
        // Due at 0, sent 300 µs late: the client's own lag.
        run.clock[0] = 300 * US;
        run.dispatcher.pump();
        // Requests due at 1 and 2 ms wait for the connection until 5.3 ms; that wait is the server's doing.
        run.clock[0] = 5300 * US;
        run.dispatcher.answered(0, 200);
        run.dispatcher.pump();

        final Histogram lag = run.recorders.intervalClientLag(null);
        assertThat(lag.getTotalCount()).isEqualTo(2);
        assertThat(lag.getMaxValue()).isEqualTo(lag.highestEquivalentValue(300 * US));
        assertThat(lag.getMinValue()).isZero();
    }
}
