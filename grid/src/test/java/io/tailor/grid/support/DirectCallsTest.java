package io.tailor.grid.support;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tailor.grid.SharedBareMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
    void shouldStoreTheChangeAndDeliverTheDeserializedResultOnTheCallersExecutor() throws Exception
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-result");
        map.put("k", "old");

        final CompletableFuture<String> answered = DirectCalls.submitToKey(map, "k", new Replace("new"), CALLER)
            .thenApply(result -> result + "@" + Thread.currentThread().getName());

        assertThat(answered.get(10, TimeUnit.SECONDS)).isEqualTo("old->new@" + CALLER_THREAD);
        assertThat(map.get("k")).isEqualTo("new");
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
        final Object awaited = DirectCalls.submitToKeyAwaited(map, "k", new KnowsMember()).get(10, TimeUnit.SECONDS);

        assertThat(direct).isTrue();
        assertThat(awaited).isNotNull();
        assertThat(map.get("k")).isEqualTo("member known");
    }

    @Test
    void shouldFailTheFutureOnTheCallersExecutorWhenTheProcessorThrows()
    {
        final IMap<String, String> map = MEMBER.member().getMap("direct-calls-failure");
        map.put("k", "kept");
        final String[] failedOn = new String[1];

        final CompletableFuture<String> answered = DirectCalls.submitToKey(map, "k", new Refuse(), CALLER)
            .whenComplete((result, error) -> failedOn[0] = Thread.currentThread().getName());

        assertThatThrownBy(() -> answered.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasMessageContaining("refused by the processor");
        assertThat(failedOn[0]).isEqualTo(CALLER_THREAD);
        assertThat(map.get("k")).isEqualTo("kept");
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
