package io.tailor.grid.identity;

import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;

/**
 * The {@code user} attribute of {@code identities} entries, indexed so that a customer's linked ids are found
 * without scanning the map (for export, erasure and retention).
 */
public final class LinkedUserExtractor implements ValueExtractor<IdentityLink, Object>
{
    /** Name of the attribute. */
    public static final String ATTRIBUTE = "user";

    @Override
    public void extract(final IdentityLink link, final Object argument, final ValueCollector<Object> collector)
    {
        collector.addObject(link.user());
    }
}
