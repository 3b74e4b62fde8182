package io.tailor.grid.support;

import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Entry-processor calls whose answers reach the caller's executor without a stop on Hazelcast's default executor.
 * <p>
 * {@code IMap.submitToKey} wraps the operation's future in one that deserializes the answer on the default
 * executor (the JVM's common pool) as soon as it arrives, and Hazelcast runs every non-async callback there too:
 * two common-pool tasks per call, each a thread wake-up, before a callback handed to an event loop gets there.
 * Under random-shopper ingestion (one call per shopper of a batch) those hand-offs were a fifth of the node's CPU
 * (Linux perf, benchmarks/RESULTS.md). The member's map proxy also offers the operation's own future, which runs a
 * callback on the executor it is given, from the thread that completes it (a partition thread for a local call);
 * this class uses that and deserializes the answer on the caller's executor.
 * <p>
 * Falls back to {@code submitToKey} for any other map (a client's proxy), with the same result.
 */
public final class DirectCalls
{
    /**
     * Runs a completion callback on the thread that completes the call (a partition or response thread), or on the
     * caller's when the call was complete before the callback was attached.
     */
    private static final Executor IN_PLACE = Runnable::run;

    private DirectCalls()
    {
    }

    /**
     * Runs an entry processor on a key's owner; its answer (deserialized) completes the returned future on
     * {@code executor}.
     *
     * @param map       the map.
     * @param key       the key.
     * @param processor the processor.
     * @param executor  where the answer is delivered: a non-async stage chained before it arrives runs there.
     * @param <K>       key type.
     * @param <V>       value type.
     * @param <R>       the processor's result type.
     * @return the processor's result, or the call's failure.
     */
    @SuppressWarnings("unchecked")
    public static <K, V, R> CompletableFuture<R> submitToKey(final IMap<K, V> map, final K key,
        final EntryProcessor<K, V, R> processor, final Executor executor)
    {
        final CompletableFuture<R> answered = new CompletableFuture<>();
        if (map instanceof MapProxyImpl<K, V> proxy)
        {
            final SerializationService serialization = proxy.getNodeEngine().getSerializationService();
            proxy.executeOnKeyInternal(key, processor).whenCompleteAsync((data, error) ->
                complete(answered, error, () -> (R)serialization.toObject(data)), executor);
        }
        else
        {
            map.submitToKey(key, processor).whenCompleteAsync((result, error) ->
                complete(answered, error, () -> result), executor);
        }
        return answered;
    }

    /**
     * Runs an entry processor on a key's owner and answers with the operation's own future: no task on any
     * executor when it completes. For a caller that polls or awaits ({@code isDone}, {@code get}) instead of
     * chaining stages, and does not need the result deserialized.
     *
     * @param map       the map.
     * @param key       the key.
     * @param processor the processor.
     * @param <K>       key type.
     * @param <V>       value type.
     * @return completes when the owner has answered (with the result in its serialized form, for a member's map).
     */
    public static <K, V> CompletableFuture<?> submitToKeyAwaited(final IMap<K, V> map, final K key,
        final EntryProcessor<K, V, ?> processor)
    {
        if (map instanceof MapProxyImpl<K, V> proxy)
        {
            return proxy.executeOnKeyInternal(key, processor);
        }
        return map.submitToKey(key, processor).toCompletableFuture();
    }

    /**
     * Runs one entry processor per key, each on its key's owner, and hands every answer (deserialized) to
     * {@code executor} in one task once the last owner has answered: a batch of N keys costs the caller's executor
     * one wake-up instead of N. A key's failure is its own; the others' results still arrive.
     *
     * @param map        the map.
     * @param keys       the keys, distinct.
     * @param processors the processor of each key, in the same order.
     * @param executor   where the answers are delivered: a non-async stage chained before they arrive runs there.
     *                   Not one that runs tasks in place: they would run on a partition thread, where a stage
     *                   that calls the grid again is refused.
     * @param <K>        key type.
     * @param <V>        value type.
     * @param <R>        the processors' result type.
     * @return each key's result or failure, in the keys' order; never completes exceptionally.
     */
    @SuppressWarnings("unchecked")
    public static <K, V, R> CompletableFuture<Answers<R>> submitToKeys(final IMap<K, V> map, final List<K> keys,
        final List<? extends EntryProcessor<K, V, ? extends R>> processors, final Executor executor)
    {
        if (keys.size() != processors.size())
        {
            throw new IllegalArgumentException(keys.size() + " keys but " + processors.size() + " processors");
        }
        final int count = keys.size();
        final Object[] results = new Object[count];
        final Throwable[] failures = new Throwable[count];
        final CompletableFuture<Answers<R>> answered = new CompletableFuture<>();
        // Read on the executor, per key: a member that stopped meanwhile fails its keys, not the caller.
        final UnaryOperator<Object> read = map instanceof MapProxyImpl<K, V> proxy ?
            value -> proxy.getNodeEngine().getSerializationService().toObject(value) : UnaryOperator.identity();
        // Each answer is stored where it arrives; the counter's update publishes it to whoever takes it to zero,
        // and that thread hands the lot to the executor.
        final Runnable deliver = () ->
        {
            for (int i = 0; i < count; i++)
            {
                if (failures[i] == null)
                {
                    try
                    {
                        results[i] = read.apply(results[i]);
                    }
                    catch (final RuntimeException ex)
                    {
                        failures[i] = ex;
                        results[i] = null;
                    }
                }
            }
            answered.complete(new Answers<>((R[])results, failures));
        };
        if (count == 0)
        {
            executor.execute(deliver);
            return answered;
        }
        final AtomicInteger pending = new AtomicInteger(count);
        for (int i = 0; i < count; i++)
        {
            final int index = i;
            CompletionStage<?> call;
            try
            {
                call = map instanceof MapProxyImpl<K, V> proxy ?
                    proxy.executeOnKeyInternal(keys.get(i), processors.get(i)) :
                    map.submitToKey(keys.get(i), processors.get(i));
            }
            catch (final RuntimeException ex)
            {
                call = CompletableFuture.failedFuture(ex);
            }
            call.whenCompleteAsync((result, error) ->
            {
                results[index] = result;
                failures[index] = error;
                if (pending.decrementAndGet() == 0)
                {
                    executor.execute(deliver);
                }
            }, IN_PLACE);
        }
        return answered;
    }

    /**
     * What {@link #submitToKeys} answers: per key, in the keys' order, a result or a failure.
     *
     * @param <R> the processors' result type.
     */
    public static final class Answers<R>
    {
        private final R[] results;
        private final Throwable[] failures;

        private Answers(final R[] results, final Throwable[] failures)
        {
            this.results = results;
            this.failures = failures;
        }

        /**
         * How many keys were called.
         *
         * @return the count.
         */
        public int size()
        {
            return results.length;
        }

        /**
         * A key's result.
         *
         * @param index the key's position.
         * @return its result, {@code null} if it failed (or the processor answered null).
         */
        public R result(final int index)
        {
            return results[index];
        }

        /**
         * A key's failure.
         *
         * @param index the key's position.
         * @return why its call failed, {@code null} if it did not.
         */
        public Throwable failure(final int index)
        {
            return failures[index];
        }
    }

    /** Completes {@code answered} with the call's failure, or with its result (a failure to read it included). */
    private static <R> void complete(final CompletableFuture<R> answered, final Throwable error,
        final Supplier<R> result)
    {
        if (error != null)
        {
            answered.completeExceptionally(error);
            return;
        }
        try
        {
            answered.complete(result.get());
        }
        catch (final RuntimeException ex)
        {
            answered.completeExceptionally(ex);
        }
    }
}
