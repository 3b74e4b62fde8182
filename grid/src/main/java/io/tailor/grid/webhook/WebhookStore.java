package io.tailor.grid.webhook;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.partition.PartitionService;
import io.tailor.grid.support.DirectCalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The {@code webhooks} map (definitions by id, as JSON text the server parses, tombstones for deleted ones) and the
 * {@code webhook-outbox} map (each customer's {@link Outbox}, under the customer's profile key).
 */
public final class WebhookStore
{
    /** Name of the definitions map. */
    public static final String MAP_NAME = "webhooks";
    /** Name of the outbox map. */
    public static final String OUTBOX_MAP_NAME = "webhook-outbox";

    private final IMap<String, WebhookDefinition> definitions;
    private final IMap<String, Outbox> outbox;
    private final PartitionService partitions;

    /**
     * Store over the maps.
     *
     * @param definitions the webhooks map.
     * @param outbox      the outbox map.
     * @param partitions  the partition service, to tell which customers this member owns.
     */
    public WebhookStore(final IMap<String, WebhookDefinition> definitions, final IMap<String, Outbox> outbox,
        final PartitionService partitions)
    {
        this.definitions = definitions;
        this.outbox = outbox;
        this.partitions = partitions;
    }

    /**
     * Whether this process owns a customer's partition now (a client owns none).
     *
     * @param key the customer's profile key.
     * @return true on the owner.
     */
    public boolean ownedHere(final String key)
    {
        final Member owner = partitions.getPartition(key).getOwner();
        return owner != null && owner.localMember();
    }

    /**
     * Defines or redefines a webhook. Completes on a Hazelcast thread.
     *
     * @param id    webhook id.
     * @param json  the definition.
     * @param nowMs when.
     * @return the stored definition.
     */
    public CompletionStage<WebhookDefinition> put(final String id, final String json, final long nowMs)
    {
        return definitions.submitToKey(id, new PutWebhookProcessor(json, nowMs));
    }

    /**
     * Deletes a webhook. Completes on a Hazelcast thread.
     *
     * @param id    webhook id.
     * @param nowMs when.
     * @return the deleted definition, or {@code null} when there was none.
     */
    public CompletionStage<WebhookDefinition> delete(final String id, final long nowMs)
    {
        return definitions.submitToKey(id, new PutWebhookProcessor(null, nowMs));
    }

    /**
     * Reads a webhook. Completes on a Hazelcast thread.
     *
     * @param id webhook id.
     * @return the definition (a tombstone for a deleted one), or {@code null}.
     */
    public CompletionStage<WebhookDefinition> get(final String id)
    {
        return definitions.getAsync(id);
    }

    /**
     * Every definition, tombstones included. Blocks.
     *
     * @return definitions by id.
     */
    public Map<String, WebhookDefinition> all()
    {
        return new HashMap<>(definitions);
    }

    /**
     * Hears of every definition change anywhere in the cluster, on a Hazelcast event thread.
     *
     * @param listener receives the id and the new definition (a tombstone for a deletion).
     */
    public void listen(final BiConsumer<String, WebhookDefinition> listener)
    {
        definitions.addEntryListener(new Listener<WebhookDefinition>(event -> listener.accept(event.getKey(),
            event.getValue())), true);
    }

    /**
     * Decides a customer's trigger transitions on the partition owner. Completes on a Hazelcast thread.
     *
     * @param key   the customer's profile key.
     * @param nowMs the present.
     * @return how many deliveries were added.
     */
    public CompletionStage<Integer> evaluate(final String key, final long nowMs)
    {
        return outbox.submitToKey(key, new EvaluateTriggersProcessor(nowMs));
    }

    /**
     * Evaluates several customers' triggers, each as {@link #evaluate(String, long)}, and hands every answer to
     * {@code executor} in one task once the last owner has answered ({@link DirectCalls#submitToKeys}).
     *
     * @param keys     profile keys, distinct.
     * @param nowMs    the present.
     * @param executor where the answers are delivered.
     * @return per key, deliveries added (or {@link EvaluateTriggersProcessor#NO_PROFILE}) or its failure.
     */
    public CompletableFuture<DirectCalls.Answers<Integer>> evaluateAll(final List<String> keys, final long nowMs,
        final Executor executor)
    {
        // One processor per key: a processor keeps what it wrote for its backup.
        final List<EvaluateTriggersProcessor> processors = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++)
        {
            processors.add(new EvaluateTriggersProcessor(nowMs));
        }
        return DirectCalls.submitToKeys(outbox, keys, processors, executor);
    }

    /**
     * Settles an attempt. Completes on a Hazelcast thread.
     *
     * @param key       the customer's profile key.
     * @param settled   the settlement.
     * @return whether the delivery was still pending.
     */
    public CompletionStage<Boolean> settle(final String key, final SettleDeliveryProcessor settled)
    {
        return outbox.submitToKey(key, settled);
    }

    /**
     * Cancels a customer's pending deliveries and forgets their trigger state (erasure). Completes on a Hazelcast
     * thread.
     *
     * @param key the customer's profile key.
     * @return pending deliveries cancelled.
     */
    public CompletionStage<Integer> cancel(final String key)
    {
        return outbox.submitToKey(key, new CancelDeliveriesProcessor());
    }

    /**
     * A customer's outbox, read without blocking.
     *
     * @param key the customer's profile key.
     * @return completes with the outbox, or {@code null} when there is none.
     */
    public CompletionStage<Outbox> outboxAsync(final String key)
    {
        return outbox.getAsync(key);
    }

    /**
     * A customer's outbox, read from its owner. Blocks.
     *
     * @param key the customer's profile key.
     * @return the outbox, or {@code null}.
     */
    public Outbox outbox(final String key)
    {
        return outbox.get(key);
    }

    /**
     * Keys of the outboxes this member owns. Blocks.
     *
     * @return the keys.
     */
    public Set<String> localKeys()
    {
        return outbox.localKeySet();
    }

    /**
     * The dead letters of a webhook, by customer key. Blocks (a query over every partition).
     *
     * @param webhook webhook id.
     * @return customer key and dead delivery, oldest first per customer.
     */
    public List<Map.Entry<String, Outbox.Delivery>> deadLetters(final String webhook)
    {
        final List<Map.Entry<String, Outbox.Delivery>> found = new ArrayList<>();
        for (final Map.Entry<String, Outbox> entry : outbox.entrySet(new DeadLettersOf(webhook)))
        {
            for (final Outbox.Delivery delivery : entry.getValue().dead())
            {
                if (delivery.webhook().equals(webhook))
                {
                    found.add(Map.entry(entry.getKey(), delivery));
                }
            }
        }
        return found;
    }

    /**
     * Hears of outbox changes of the entries this member owns, on a Hazelcast event thread.
     *
     * @param listener receives the customer key and the outbox.
     */
    public void listenLocally(final BiConsumer<String, Outbox> listener)
    {
        outbox.addLocalEntryListener(new Listener<Outbox>(event -> listener.accept(event.getKey(), event.getValue())));
    }

    /**
     * Every outbox, for tests and tools. Blocks.
     *
     * @return outboxes.
     */
    public Collection<Outbox> outboxes()
    {
        return outbox.values();
    }

    private static final class Listener<V> implements EntryAddedListener<String, V>, EntryUpdatedListener<String, V>,
        EntryMergedListener<String, V>
    {
        private final Consumer<EntryEvent<String, V>> listener;

        Listener(final Consumer<EntryEvent<String, V>> listener)
        {
            this.listener = listener;
        }

        @Override
        public void entryAdded(final EntryEvent<String, V> event)
        {
            listener.accept(event);
        }

        @Override
        public void entryUpdated(final EntryEvent<String, V> event)
        {
            listener.accept(event);
        }

        @Override
        public void entryMerged(final EntryEvent<String, V> event)
        {
            listener.accept(event);
        }
    }
}
