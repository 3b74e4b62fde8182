package io.tailor.grid.support;

import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

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
