package io.tailor.server.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Instant;
import java.util.List;

/**
 * Generators of JSON text for the readers' property tests: mostly near misses of valid documents (known field
 * names with values of every kind, good and bad), plus truncated and byte-flipped ones, so that tries reach
 * deep into the readers instead of stopping at the first token.
 */
final class JsonArbitraries
{
    /** Server time of every try. */
    static final long NOW = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();

    private JsonArbitraries()
    {
    }

    /**
     * Any JSON value, nested at most {@code depth} levels.
     *
     * @param depth nesting left.
     * @return JSON text.
     */
    static Arbitrary<String> value(final int depth)
    {
        final Arbitrary<String> scalar = Arbitraries.oneOf(strings(), ids(), numbers(), times(),
            Arbitraries.of("true", "false", "null"));
        if (depth == 0)
        {
            return scalar;
        }
        final Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
            .map(values -> "[" + String.join(",", values) + "]");
        final Arbitrary<String> object = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6),
            Arbitraries.lazy(() -> value(depth - 1))).as((name, value) -> quote(name) + ":" + value)
            .list().ofMaxSize(4).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, scalar),
            net.jqwik.api.Tuple.of(1, array),
            net.jqwik.api.Tuple.of(1, object));
    }

    /**
     * An object whose fields are drawn from given names with values from per-name generators or anything.
     *
     * @param field a {@code "name":value} pair generator.
     * @return object text.
     */
    static Arbitrary<String> object(final Arbitrary<String> field)
    {
        return field.list().ofMaxSize(9).map(fields -> "{" + String.join(",", fields) + "}");
    }

    /**
     * A document, mangled now and then: cut short, a byte flipped, or wrapped in an array.
     *
     * @param document well-formed documents.
     * @return text.
     */
    static Arbitrary<String> mangled(final Arbitrary<String> document)
    {
        final Arbitrary<String> truncated = Combinators.combine(document, Arbitraries.doubles().between(0, 1))
            .as((text, cut) -> text.substring(0, (int)(text.length() * cut)));
        final Arbitrary<String> flipped = Combinators.combine(document, Arbitraries.integers().between(0, 1000),
            Arbitraries.chars().all()).as((text, at, c) -> text.isEmpty() ? text :
            text.substring(0, at % text.length()) + c + text.substring(at % text.length() + 1));
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, document),
            net.jqwik.api.Tuple.of(1, truncated),
            net.jqwik.api.Tuple.of(1, flipped));
    }

    /**
     * Field {@code name} with a value that fits it or any other value.
     *
     * @param name field name.
     * @param good values that fit.
     * @return the pair's text.
     */
    static Arbitrary<String> field(final String name, final Arbitrary<String> good)
    {
        return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, good),
            net.jqwik.api.Tuple.of(1, value(2))).map(value -> quote(name) + ":" + value);
    }

    /**
     * Ids, mostly valid, sometimes with characters ids may not have.
     *
     * @return quoted ids.
     */
    static Arbitrary<String> ids()
    {
        return Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._:@+-=~").ofMinLength(1)
                .ofMaxLength(12),
            Arbitraries.of("p1", "p2", "u1", "../x", "a b", "", "x".repeat(129), "_", "-x"))
            .map(JsonArbitraries::quote);
    }

    /**
     * Strings of any characters, control characters and lone surrogates included.
     *
     * @return quoted strings.
     */
    static Arbitrary<String> strings()
    {
        return Arbitraries.strings().all().ofMaxLength(16).map(JsonArbitraries::quote);
    }

    /**
     * Numbers of every shape: small and huge, negative, fractional, exponents past double's range.
     *
     * @return number text.
     */
    static Arbitrary<String> numbers()
    {
        return Arbitraries.oneOf(
            Arbitraries.integers().between(-5, 20).map(Object::toString),
            Arbitraries.longs().map(Object::toString),
            Arbitraries.doubles().map(Object::toString).filter(text -> !text.contains("N") && !text.contains("I")),
            Arbitraries.of("1e400", "-1e400", "1E-400", "-0", "0.5", "12345678901234567890", "1e12", "1.0000001e12",
                "4294967297", "2147483648"));
    }

    /**
     * Times around now as ISO-8601 or epoch milliseconds, some far off, some not times.
     *
     * @return time text.
     */
    static Arbitrary<String> times()
    {
        final Arbitrary<Long> offsets = Arbitraries.oneOf(
            Arbitraries.longs().between(-3L * 365 * 86_400_000, 86_400_000),
            Arbitraries.longs().between(-600_000, 600_000));
        return Arbitraries.oneOf(
            offsets.map(offset -> quote(Instant.ofEpochMilli(NOW + offset).toString())),
            offsets.map(offset -> Long.toString(NOW + offset)),
            Arbitraries.of("\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"", "\"2026-13-01T00:00Z\"",
                "\"2026-11-25T10:00:00+25:00\"", "\"soon\"", "\"2026-11-25T10:00:00+01:00\""));
    }

    /**
     * One of given JSON texts.
     *
     * @param texts the texts.
     * @return a generator.
     */
    static Arbitrary<String> of(final List<String> texts)
    {
        return Arbitraries.of(texts);
    }

    /**
     * A string as a JSON string literal.
     *
     * @param text the string.
     * @return quoted and escaped.
     */
    static String quote(final String text)
    {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
