package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The one JSON factory of the server: duplicate keys refused, nesting, numbers and strings bounded, so a
 * hostile body costs at most a parse error.
 */
public final class Json
{
    /** Deepest nesting any request may have. */
    public static final int MAX_NESTING = 16;

    /** Shared, thread-safe factory. */
    public static final JsonFactory FACTORY = new JsonFactoryBuilder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxNumberLength(64)
            .maxStringLength(1 << 20)
            .maxNameLength(256)
            .build())
        .build();

    private Json()
    {
    }
}
