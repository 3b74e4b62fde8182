package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.segment.SegmentRule;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes a segment definition back in the rule language, canonically (fixed field order, durations in the
 * largest whole unit): what the grid stores and {@code GET /v1/segments/{id}} shows.
 */
public final class SegmentJsonWriter
{
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private SegmentJsonWriter()
    {
    }

    /**
     * The canonical JSON text of a definition.
     *
     * @param spec the definition.
     * @return the text.
     */
    public static String toJson(final SegmentSpec spec)
    {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = Json.FACTORY.createGenerator(text))
        {
            write(json, spec);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return text.toString();
    }

    /**
     * Writes a definition.
     *
     * @param json generator.
     * @param spec the definition.
     * @throws IOException never in practice.
     */
    public static void write(final JsonGenerator json, final SegmentSpec spec) throws IOException
    {
        json.writeStartObject();
        if (spec.name() != null)
        {
            json.writeStringField("name", spec.name());
        }
        if (spec.description() != null)
        {
            json.writeStringField("description", spec.description());
        }
        json.writeStringField("purpose", spec.purpose().wireName());
        json.writeFieldName("rule");
        rule(json, spec.rule());
        if (!spec.pinned().isEmpty() || !spec.blocked().isEmpty())
        {
            json.writeObjectFieldStart("recommendations");
            json.writeArrayFieldStart("pinned");
            for (final String id : spec.pinned())
            {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("blocked");
            for (final String id : spec.blocked())
            {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void rule(final JsonGenerator json, final SegmentRule rule) throws IOException
    {
        json.writeStartObject();
        if (rule instanceof SegmentRule.And and)
        {
            json.writeArrayFieldStart("and");
            for (final SegmentRule each : and.rules())
            {
                rule(json, each);
            }
            json.writeEndArray();
        }
        else if (rule instanceof SegmentRule.Or or)
        {
            json.writeArrayFieldStart("or");
            for (final SegmentRule each : or.rules())
            {
                rule(json, each);
            }
            json.writeEndArray();
        }
        else if (rule instanceof SegmentRule.Not not)
        {
            json.writeFieldName("not");
            rule(json, not.rule());
        }
        else if (rule instanceof SegmentRule.Window window)
        {
            json.writeStringField("window", duration(window.windowMs()));
            if (window.type() != null)
            {
                json.writeStringField("type", window.type().wireName());
            }
            if (window.product() != null)
            {
                json.writeStringField("product", window.product());
            }
            if (window.category() != null)
            {
                json.writeStringField("category", window.category());
            }
            json.writeObjectFieldStart(window.measure().wireName());
            number(json, window.comparison().wireName(), window.threshold());
            json.writeEndObject();
        }
        else
        {
            final SegmentRule.Field field = (SegmentRule.Field)rule;
            json.writeStringField("profile", field.field().wireName());
            switch (field.field().kind())
            {
                case NUMBER ->
                {
                    if (field.type() != null)
                    {
                        json.writeStringField("type", field.type().wireName());
                    }
                    number(json, field.comparison().wireName(), field.threshold());
                }
                case AGE -> json.writeStringField(field.comparison() == io.tailor.scoring.segment.Comparison.LT ?
                    "within" : "olderThan", duration((long)field.threshold()));
                default -> json.writeStringField("product", field.product());
            }
        }
        json.writeEndObject();
    }

    private static void number(final JsonGenerator json, final String name, final double value) throws IOException
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            json.writeNumberField(name, (long)value);
        }
        else
        {
            json.writeNumberField(name, value);
        }
    }

    /**
     * A duration in the rule language: the largest whole unit of days, hours or minutes.
     *
     * @param ms milliseconds, a whole number of minutes.
     * @return e.g. {@code 2d}, {@code 36h}, {@code 90m}.
     */
    public static String duration(final long ms)
    {
        if (ms % DAY == 0)
        {
            return ms / DAY + "d";
        }
        if (ms % HOUR == 0)
        {
            return ms / HOUR + "h";
        }
        return ms / MINUTE + "m";
    }
}
