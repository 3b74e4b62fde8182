package io.tailor.loadtest.driver;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver: raw HTTP/1.1 over Netty, keep-alive, one request at a time per connection (no
 * pipelining), request bytes written by the {@link RequestSource} straight into pooled buffers.
 * <pre>
 *   thread 0 (event loop) ── Dispatcher 0 ── connections 0, T, 2T, ...   schedule: rate/T, phase 0
 *   thread 1 (event loop) ── Dispatcher 1 ── connections 1, T+1, ...     schedule: rate/T, phase 1/rate
 *   ...                           └─ records into the shared LoadRecorders (HdrHistogram Recorders)
 * </pre>
 * On Linux the native epoll transport is used: its timers wake within tens of microseconds, where NIO's
 * selector sleeps whole milliseconds, and a late wake-up would show as latency the server did not cause. The
 * kernel still adds its timer slack (about 50 µs) to each sleep; with a spin window the thread wakes that much
 * early and spins to the due time, trading CPU for a send that is on time.
 */
public final class HttpLoadDriver implements AutoCloseable
{
    private static final long TIMEOUT_CHECK_MS = 50;
    private static final long MAX_RECONNECT_DELAY_MS = 1000;

    private final URI target;
    private final String host;
    private final int port;
    private final long timeoutNs;
    private final long spinNs;
    private final LoadRecorders recorders;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final String transportName;
    private final Worker[] workers;
    private final AtomicLong connectFailures = new AtomicLong();
    private volatile boolean closing;

    /**
     * A driver; no connection is opened until {@link #connect}.
     *
     * @param target      base URL, {@code http://host:port}.
     * @param threads     driver threads (event loops), at least 1.
     * @param connections connections in all, at least {@code threads}.
     * @param sources     makes one request source per thread.
     * @param recorders   where to record.
     * @param timeout     longest wait for an answer.
     * @param spin        how long before a due time to wake and spin (0: sleep until it).
     * @param headerLines further request header lines after {@code Host}, each starting with CRLF (e.g. the API
     *                    key's {@code Authorization}), or the empty string.
     */
    public HttpLoadDriver(final URI target, final int threads, final int connections,
        final RequestSourceFactory sources, final LoadRecorders recorders, final Duration timeout,
        final Duration spin, final String headerLines)
    {
        if (threads < 1 || connections < threads)
        {
            throw new IllegalArgumentException("need at least one thread and one connection per thread: threads=" +
                threads + ", connections=" + connections);
        }
        this.target = target;
        this.host = target.getHost();
        this.port = target.getPort() > 0 ? target.getPort() : 80;
        this.timeoutNs = timeout.toNanos();
        this.spinNs = spin.toNanos();
        this.recorders = recorders;
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, io);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.transportName = epoll ? "epoll" : "nio";
        final String hostHeader = host + ":" + port + headerLines;
        this.workers = new Worker[threads];
        for (int w = 0; w < threads; w++)
        {
            final int slots = connections / threads + (w < connections % threads ? 1 : 0);
            workers[w] = new Worker(group.next(), sources.create(w, threads, hostHeader), slots);
        }
    }

    /**
     * The transport in use.
     *
     * @return {@code epoll} or {@code nio}.
     */
    public String transport()
    {
        return transportName;
    }

    /**
     * Opens every connection and waits for them.
     *
     * @param within how long to wait.
     * @return number of open connections.
     * @throws InterruptedException when interrupted.
     */
    public int connect(final Duration within) throws InterruptedException
    {
        for (final Worker worker : workers)
        {
            worker.loop.execute(worker::connectAll);
        }
        final long deadline = System.nanoTime() + within.toNanos();
        int open = 0;
        while (System.nanoTime() < deadline)
        {
            open = openConnections();
            if (open == totalSlots() || (open == 0 && connectFailures.get() >= totalSlots()))
            {
                // All open, or every connection refused at least once with none open: no point waiting.
                break;
            }
            Thread.sleep(10);
        }
        return open;
    }

    /**
     * Starts the open model on every thread.
     *
     * @param startNs       when the first request is due.
     * @param ratePerSecond total rate.
     * @param endNs         end of the run.
     */
    public void startOpen(final long startNs, final double ratePerSecond, final long endNs)
    {
        final int threads = workers.length;
        final double perThread = ratePerSecond / threads;
        final double phaseNs = 1e9 / ratePerSecond;
        for (int w = 0; w < threads; w++)
        {
            final Worker worker = workers[w];
            final Schedule schedule = new Schedule(startNs + (long)(w * phaseNs), perThread, endNs);
            worker.loop.execute(() ->
            {
                worker.dispatcher.startOpen(schedule);
                worker.pump();
            });
        }
    }

    /**
     * Starts the closed model on every thread.
     *
     * @param startNs first send time.
     * @param endNs   end of the run.
     */
    public void startClosed(final long startNs, final long endNs)
    {
        for (final Worker worker : workers)
        {
            worker.loop.execute(() ->
            {
                worker.dispatcher.startClosed(startNs, endNs);
                worker.pump();
            });
        }
    }

    /**
     * Requests due that wait for a free connection, over all threads.
     *
     * @return the backlog.
     */
    public long backlog()
    {
        long total = 0;
        for (final Worker worker : workers)
        {
            total += ask(worker, () -> worker.dispatcher.backlog());
        }
        return total;
    }

    /**
     * Requests written and not answered, over all threads.
     *
     * @return the count.
     */
    public long inFlight()
    {
        long total = 0;
        for (final Worker worker : workers)
        {
            total += ask(worker, () -> (long)worker.dispatcher.inFlight());
        }
        return total;
    }

    /**
     * Requests written, over all threads.
     *
     * @return the count.
     */
    public long sent()
    {
        long total = 0;
        for (final Worker worker : workers)
        {
            total += ask(worker, () -> worker.dispatcher.sent());
        }
        return total;
    }

    /**
     * Open connections, over all threads.
     *
     * @return the count.
     */
    public int openConnections()
    {
        long total = 0;
        for (final Worker worker : workers)
        {
            total += ask(worker, () -> (long)worker.dispatcher.connections());
        }
        return (int)total;
    }

    /**
     * Failed connection attempts so far.
     *
     * @return the count.
     */
    public long connectFailures()
    {
        return connectFailures.get();
    }

    /**
     * Waits until no request is in flight.
     *
     * @param within longest wait.
     * @return true when none is in flight.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitIdle(final Duration within) throws InterruptedException
    {
        final long deadline = System.nanoTime() + within.toNanos();
        while (inFlight() > 0)
        {
            if (System.nanoTime() >= deadline)
            {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close()
    {
        closing = true;
        for (final Worker worker : workers)
        {
            ask(worker, () ->
            {
                worker.closeAll();
                return 0L;
            });
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private int totalSlots()
    {
        int total = 0;
        for (final Worker worker : workers)
        {
            total += worker.channels.length;
        }
        return total;
    }

    private static long ask(final Worker worker, final Callable<Long> question)
    {
        if (worker.loop.inEventLoop())
        {
            try
            {
                return question.call();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        try
        {
            return worker.loop.submit(question).get(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking a driver thread", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("a driver thread did not answer", ex);
        }
    }

    /** One event loop, its connections and its dispatcher. */
    private final class Worker implements Dispatcher.Transport
    {
        private final EventLoop loop;
        private final Channel[] channels;
        private final long[] reconnectDelayMs;
        private final int[] expired;
        private final Dispatcher dispatcher;
        private final Runnable wakeTask = this::onWake;
        private ScheduledFuture<?> wake;
        private long wakeAtNs = Long.MAX_VALUE;
        private ScheduledFuture<?> timeoutCheck;

        Worker(final EventLoop loop, final RequestSource source, final int slots)
        {
            this.loop = loop;
            this.channels = new Channel[slots];
            this.reconnectDelayMs = new long[slots];
            this.expired = new int[slots];
            this.dispatcher = new Dispatcher(source, recorders, this, PooledByteBufAllocator.DEFAULT, System::nanoTime,
                slots);
        }

        void connectAll()
        {
            for (int slot = 0; slot < channels.length; slot++)
            {
                connect(slot);
            }
            timeoutCheck = loop.scheduleAtFixedRate(this::checkTimeouts, TIMEOUT_CHECK_MS, TIMEOUT_CHECK_MS,
                TimeUnit.MILLISECONDS);
        }

        void connect(final int slot)
        {
            if (closing)
            {
                return;
            }
            final Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .handler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel channel)
                    {
                        channel.pipeline()
                            .addLast(new HttpResponseDecoder(new HttpDecoderConfig()
                                .setMaxInitialLineLength(4096)
                                .setMaxHeaderSize(16 * 1024)
                                .setMaxChunkSize(1 << 20)))
                            .addLast(new ConnectionHandler(Worker.this, slot));
                    }
                });
            bootstrap.connect(host, port).addListener((ChannelFuture future) ->
            {
                if (!future.isSuccess())
                {
                    connectFailures.incrementAndGet();
                    scheduleReconnect(slot);
                }
            });
        }

        void scheduleReconnect(final int slot)
        {
            if (closing)
            {
                return;
            }
            final long delay = reconnectDelayMs[slot] == 0 ? 50 : Math.min(MAX_RECONNECT_DELAY_MS,
                reconnectDelayMs[slot] * 2);
            reconnectDelayMs[slot] = delay;
            loop.schedule(() -> connect(slot), delay, TimeUnit.MILLISECONDS);
        }

        void onConnected(final int slot, final Channel channel)
        {
            channels[slot] = channel;
            reconnectDelayMs[slot] = 0;
            dispatcher.connected(slot);
            pump();
        }

        void onAnswer(final int slot, final int status)
        {
            dispatcher.answered(slot, status);
            pump();
        }

        void onDisconnected(final int slot)
        {
            channels[slot] = null;
            dispatcher.disconnected(slot);
            scheduleReconnect(slot);
        }

        @Override
        public void send(final int slot, final ByteBuf request)
        {
            final Channel channel = channels[slot];
            if (channel == null)
            {
                request.release();
                dispatcher.disconnected(slot);
                return;
            }
            channel.writeAndFlush(request, channel.voidPromise());
        }

        void pump()
        {
            arm(dispatcher.pump());
        }

        private void arm(final long dueNs)
        {
            if (dueNs == Long.MAX_VALUE || (wake != null && wakeAtNs <= dueNs))
            {
                return;
            }
            if (wake != null)
            {
                wake.cancel(false);
            }
            wakeAtNs = dueNs;
            wake = loop.schedule(wakeTask, Math.max(0, dueNs - spinNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        private void onWake()
        {
            final long dueNs = wakeAtNs;
            wake = null;
            wakeAtNs = Long.MAX_VALUE;
            if (spinNs > 0)
            {
                while (System.nanoTime() < dueNs)
                {
                    Thread.onSpinWait();
                }
            }
            pump();
        }

        private void checkTimeouts()
        {
            final int count = dispatcher.expire(timeoutNs, expired);
            for (int i = 0; i < count; i++)
            {
                final Channel channel = channels[expired[i]];
                if (channel != null)
                {
                    channel.close();
                }
            }
        }

        void closeAll()
        {
            if (timeoutCheck != null)
            {
                timeoutCheck.cancel(false);
            }
            if (wake != null)
            {
                wake.cancel(false);
            }
            for (final Channel channel : channels)
            {
                if (channel != null)
                {
                    channel.close();
                }
            }
        }
    }

    /** Reads the answers on one connection: the status line, then waits for the last content. */
    private static final class ConnectionHandler extends ChannelInboundHandlerAdapter
    {
        private final Worker worker;
        private final int slot;
        private int status;

        ConnectionHandler(final Worker worker, final int slot)
        {
            this.worker = worker;
            this.slot = slot;
        }

        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            worker.onConnected(slot, ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                if (msg instanceof HttpResponse)
                {
                    final HttpResponse response = (HttpResponse)msg;
                    if (response.decoderResult().isFailure())
                    {
                        ctx.close();
                        return;
                    }
                    status = response.status().code();
                }
                if (msg instanceof LastHttpContent)
                {
                    if (((LastHttpContent)msg).decoderResult().isFailure())
                    {
                        ctx.close();
                        return;
                    }
                    worker.onAnswer(slot, status);
                }
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            worker.onDisconnected(slot);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }

    @Override
    public String toString()
    {
        return "HttpLoadDriver{" + target + ", " + workers.length + " threads, " + transportName + "}";
    }
}
