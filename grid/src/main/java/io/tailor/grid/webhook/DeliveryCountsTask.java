package io.tailor.grid.webhook;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Sent to every member: answers what this member's dispatcher counted for one webhook ({@link DeliveryCounts}), or
 * nothing sent when the member runs no dispatcher.
 */
public final class DeliveryCountsTask implements Callable<long[]>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private String webhook;
    private transient DeliveryCounts counts;

    /** For deserialization. */
    public DeliveryCountsTask()
    {
    }

    /**
     * Asks for one webhook's counts.
     *
     * @param webhook webhook id.
     */
    public DeliveryCountsTask(final String webhook)
    {
        this.webhook = webhook;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.counts = (DeliveryCounts)instance.getUserContext().get(DeliveryCounts.KEY);
    }

    @Override
    public long[] call()
    {
        final DeliveryCounts counted = counts;
        return counted == null ? DeliveryCounts.none() : counted.of(webhook);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.DELIVERY_COUNTS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(webhook);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        webhook = in.readString();
    }
}
