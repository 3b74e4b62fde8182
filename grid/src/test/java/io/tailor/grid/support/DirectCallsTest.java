package io.tailor.grid.support;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tailor.grid.SharedBareMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectCallsTest
{
    @RegisterExtension
    static final SharedBareMember MEMBER = new SharedBareMember();

    private static final String CALLER_THREAD = "direct-calls-caller";
    private static final ExecutorService CALLER = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, CALLER_THREAD);
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stopCaller()
    {
        CALLER.shutdownNow();
    }

    @Test
    void shouldStoreTheChangeAndDeliverTheDeserializedResultOnlyThroughTheCallersExecutor() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-result");
        map.put("k", "old");
        final CountDownLatch release = holdCaller();

        final CompletableFuture<String> answered = DirectCalls.submitToKey(map, "k", new Replace("new"), CALLER);
        final CompletableFuture<String> observed = answered.thenApply(result ->
            result + "@" + Thread.currentThread().getName());
        // The same key's next operation runs after the first answered, on the same partition thread: the answer
        // has been handed on by now, and must wait for the held executor.
        assertThat(map.get("k")).isEqualTo("new");
        assertThat(answered).isNotDone();
        release.countDown();

        assertThat(observed.get(10, TimeUnit.SECONDS)).isEqualTo("old->new@" + CALLER_THREAD);
    }

    @Test
    void shouldDeliverAnArrayResultAsTheProcessorReturnedIt() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-array");

        final int[] counts = DirectCalls.submitToKey(map, "k", new Counts(), CALLER).get(10, TimeUnit.SECONDS);

        assertThat(counts).containsExactly(3, 1);
    }

    @Test
    void shouldGiveAnInstanceAwareProcessorThisMemberAsSubmitToKeyDoes() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-aware");

        final Boolean direct = DirectCalls.submitToKey(map, "k", new KnowsMember(), CALLER).get(10, TimeUnit.SECONDS);
        DirectCalls.submitToKeyAwaited(map, "awaited", new KnowsMember()).get(10, TimeUnit.SECONDS);

        assertThat(direct).isTrue();
        assertThat(map.get("k")).isEqualTo("member known");
        assertThat(map.get("awaited")).isEqualTo("member known");
    }

    @Test
    void shouldFailTheFutureOnlyThroughTheCallersExecutorWhenTheProcessorThrows() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-failure");
        map.put("k", "kept");
        final CountDownLatch release = holdCaller();

        final CompletableFuture<String> answered = DirectCalls.submitToKey(map, "k", new Refuse(), CALLER);
        final CompletableFuture<String> failedOn = answered.handle((result, error) ->
            error.getMessage() + "@" + Thread.currentThread().getName());
        assertThat(map.get("k")).isEqualTo("kept");
        assertThat(answered).isNotDone();
        release.countDown();

        assertThat(failedOn.get(10, TimeUnit.SECONDS)).contains("refused by the processor")
            .endsWith("@" + CALLER_THREAD);
        assertThatThrownBy(() -> answered.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasMessageContaining("refused by the processor");
    }

    @Test
    void shouldDeliverEveryKeysAnswerInOneTaskOnTheCallersExecutorOnceTheLastOwnerAnswered() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-batch");
        final List<String> keys = IntStream.range(0, 40).mapToObj(i -> "k" + i).toList();
        keys.forEach(key -> map.put(key, "old-" + key));
        final AtomicInteger tasks = new AtomicInteger();
        final Executor counted = task ->
        {
            tasks.incrementAndGet();
            CALLER.execute(task);
        };
        final CountDownLatch release = holdCaller();

        final CompletableFuture<DirectCalls.Answers<String>> answered = DirectCalls.submitToKeys(map, keys,
            keys.stream().map(key -> new Replace("new-" + key)).toList(), counted);
        // Each key's next operation runs after its first answered: every answer has arrived by now, and the lot
        // must wait for the held executor.
        keys.forEach(key -> assertThat(map.get(key)).isEqualTo("new-" + key));
        assertThat(answered).isNotDone();
        release.countDown();

        final DirectCalls.Answers<String> answers = answered.get(10, TimeUnit.SECONDS);
        assertThat(tasks).as("one hand-off for the batch, not one per key").hasValue(1);
        assertThat(answers.size()).isEqualTo(keys.size());
        for (int i = 0; i < keys.size(); i++)
        {
            assertThat(answers.failure(i)).isNull();
            assertThat(answers.result(i)).isEqualTo("old-" + keys.get(i) + "->new-" + keys.get(i));
        }
    }

    @Test
    void shouldKeepOneKeysFailureItsOwnInABatch() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-batch-failure");
        map.put("refused", "kept");
        final List<EntryProcessor<String, String, String>> processors = List.of(new Replace("a"), new Refuse(),
            new Replace("c"));

        final DirectCalls.Answers<String> answers = DirectCalls.submitToKeys(map, List.of("a", "refused", "c"),
            processors, CALLER).get(10, TimeUnit.SECONDS);

        assertThat(answers.result(0)).isEqualTo("null->a");
        assertThat(answers.failure(1)).hasMessageContaining("refused by the processor");
        assertThat(answers.result(1)).isNull();
        assertThat(answers.result(2)).isEqualTo("null->c");
        assertThat(map.get("refused")).isEqualTo("kept");
    }

    /** Occupies the caller's executor until the latch is released: nothing handed to it runs before. */
    private static CountDownLatch holdCaller() throws InterruptedException
    {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        CALLER.execute(() ->
        {
            held.countDown();
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void shouldCompleteTheAwaitedCallOnceTheOwnerHasTheChange() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-awaited");

        DirectCalls.submitToKeyAwaited(map, "k", new Replace("stored")).get(10, TimeUnit.SECONDS);

        assertThat(map.get("k")).isEqualTo("stored");
    }

    /** Sets a value and answers with the change it made. */
    private record Replace(String value) implements EntryProcessor<String, String, String>
    {
        @Override
        public String process(final Map.Entry<String, String> entry)
        {
            final String old = entry.getValue();
            entry.setValue(value);
            return old + "->" + value;
        }
    }

    /** Answers with an array, as the events' processor does. */
    private static final class Counts implements EntryProcessor<String, String, int[]>
    {
        @Override
        public int[] process(final Map.Entry<String, String> entry)
        {
            return new int[] {3, 1};
        }
    }

    /** Answers whether it was given the member, and stores that it was. */
    private static final class KnowsMember implements EntryProcessor<String, String, Boolean>, HazelcastInstanceAware
    {
        private transient HazelcastInstance member;

        @Override
        public void setHazelcastInstance(final HazelcastInstance instance)
        {
            this.member = instance;
        }

        @Override
        public Boolean process(final Map.Entry<String, String> entry)
        {
            if (member == null)
            {
                return false;
            }
            entry.setValue("member known");
            return true;
        }
    }

    /** Fails without changing the entry. */
    private static final class Refuse implements EntryProcessor<String, String, String>
    {
        @Override
        public String process(final Map.Entry<String, String> entry)
        {
            throw new IllegalStateException("refused by the processor");
        }
    }
}
