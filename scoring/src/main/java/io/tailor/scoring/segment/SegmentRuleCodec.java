package io.tailor.scoring.segment;

import io.tailor.scoring.event.EventType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a bound {@link SegmentRule}, for sending it to the grid members that evaluate it where
 * the profiles are. Little-endian; a node is a tag byte and its fields:
 * <pre>
 *   and, or:  tag | short n | n x rule
 *   not:      tag | rule
 *   window:   tag | byte measure | byte type (-1 any) | string product | string category | long windowMs
 *             | byte comparison | double threshold | int n (-1 no filter) | n x int fingerprint
 *   field:    tag | byte field | byte type (-1 none) | string product | byte comparison | double threshold
 *   string:   short n (-1 null) | n x UTF-8
 * </pre>
 */
public final class SegmentRuleCodec
{
    private static final byte AND = 1;
    private static final byte OR = 2;
    private static final byte NOT = 3;
    private static final byte WINDOW = 4;
    private static final byte FIELD = 5;
    private static final int MAX_DEPTH = 32;

    private SegmentRuleCodec()
    {
    }

    /**
     * Writes a rule.
     *
     * @param rule the rule.
     * @return its binary form.
     */
    public static byte[] encode(final SegmentRule rule)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = write(buffer, 0, rule);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Reads a rule written by {@link #encode(SegmentRule)}.
     *
     * @param bytes binary form.
     * @return the rule.
     */
    public static SegmentRule decode(final byte[] bytes)
    {
        final int[] offset = {0};
        return read(new UnsafeBuffer(bytes), offset, 0);
    }

    private static int write(final ExpandableArrayBuffer buffer, final int start, final SegmentRule rule)
    {
        int offset = start;
        if (rule instanceof SegmentRule.And and)
        {
            buffer.putByte(offset++, AND);
            offset = writeAll(buffer, offset, and.rules());
        }
        else if (rule instanceof SegmentRule.Or or)
        {
            buffer.putByte(offset++, OR);
            offset = writeAll(buffer, offset, or.rules());
        }
        else if (rule instanceof SegmentRule.Not not)
        {
            buffer.putByte(offset++, NOT);
            offset = write(buffer, offset, not.rule());
        }
        else if (rule instanceof SegmentRule.Window window)
        {
            buffer.putByte(offset++, WINDOW);
            buffer.putByte(offset++, (byte)window.measure().ordinal());
            buffer.putByte(offset++, (byte)(window.type() == null ? -1 : window.type().ordinal()));
            offset = writeString(buffer, offset, window.product());
            offset = writeString(buffer, offset, window.category());
            buffer.putLong(offset, window.windowMs(), ByteOrder.LITTLE_ENDIAN);
            offset += 8;
            buffer.putByte(offset++, (byte)window.comparison().ordinal());
            buffer.putDouble(offset, window.threshold(), ByteOrder.LITTLE_ENDIAN);
            offset += 8;
            final int[] products = window.products();
            buffer.putInt(offset, products == null ? -1 : products.length, ByteOrder.LITTLE_ENDIAN);
            offset += 4;
            if (products != null)
            {
                for (final int product : products)
                {
                    buffer.putInt(offset, product, ByteOrder.LITTLE_ENDIAN);
                    offset += 4;
                }
            }
        }
        else
        {
            final SegmentRule.Field field = (SegmentRule.Field)rule;
            buffer.putByte(offset++, FIELD);
            buffer.putByte(offset++, (byte)field.field().ordinal());
            buffer.putByte(offset++, (byte)(field.type() == null ? -1 : field.type().ordinal()));
            offset = writeString(buffer, offset, field.product());
            buffer.putByte(offset++, (byte)field.comparison().ordinal());
            buffer.putDouble(offset, field.threshold(), ByteOrder.LITTLE_ENDIAN);
            offset += 8;
        }
        return offset;
    }

    private static int writeAll(final ExpandableArrayBuffer buffer, final int start, final List<SegmentRule> rules)
    {
        int offset = start;
        buffer.putShort(offset, (short)rules.size(), ByteOrder.LITTLE_ENDIAN);
        offset += 2;
        for (final SegmentRule rule : rules)
        {
            offset = write(buffer, offset, rule);
        }
        return offset;
    }

    private static int writeString(final ExpandableArrayBuffer buffer, final int start, final String value)
    {
        if (value == null)
        {
            buffer.putShort(start, (short)-1, ByteOrder.LITTLE_ENDIAN);
            return start + 2;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putShort(start, (short)bytes.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(start + 2, bytes);
        return start + 2 + bytes.length;
    }

    private static SegmentRule read(final UnsafeBuffer buffer, final int[] offset, final int depth)
    {
        if (depth > MAX_DEPTH)
        {
            throw new IllegalArgumentException("segment rule nested deeper than " + MAX_DEPTH);
        }
        final byte tag = buffer.getByte(offset[0]++);
        return switch (tag)
        {
            case AND -> new SegmentRule.And(readAll(buffer, offset, depth));
            case OR -> new SegmentRule.Or(readAll(buffer, offset, depth));
            case NOT -> new SegmentRule.Not(read(buffer, offset, depth + 1));
            case WINDOW ->
            {
                final Measure measure = Measure.values()[buffer.getByte(offset[0]++)];
                final EventType type = type(buffer.getByte(offset[0]++));
                final String product = readString(buffer, offset);
                final String category = readString(buffer, offset);
                final long windowMs = buffer.getLong(offset[0], ByteOrder.LITTLE_ENDIAN);
                offset[0] += 8;
                final Comparison comparison = Comparison.values()[buffer.getByte(offset[0]++)];
                final double threshold = buffer.getDouble(offset[0], ByteOrder.LITTLE_ENDIAN);
                offset[0] += 8;
                final int count = buffer.getInt(offset[0], ByteOrder.LITTLE_ENDIAN);
                offset[0] += 4;
                int[] products = null;
                if (count >= 0)
                {
                    products = new int[count];
                    for (int i = 0; i < count; i++)
                    {
                        products[i] = buffer.getInt(offset[0], ByteOrder.LITTLE_ENDIAN);
                        offset[0] += 4;
                    }
                }
                yield new SegmentRule.Window(measure, type, product, category, windowMs, comparison, threshold,
                    products);
            }
            case FIELD ->
            {
                final ProfileField field = ProfileField.values()[buffer.getByte(offset[0]++)];
                final EventType type = type(buffer.getByte(offset[0]++));
                final String product = readString(buffer, offset);
                final Comparison comparison = Comparison.values()[buffer.getByte(offset[0]++)];
                final double threshold = buffer.getDouble(offset[0], ByteOrder.LITTLE_ENDIAN);
                offset[0] += 8;
                yield new SegmentRule.Field(field, type, product, comparison, threshold);
            }
            default -> throw new IllegalArgumentException("unknown segment rule tag " + tag);
        };
    }

    private static List<SegmentRule> readAll(final UnsafeBuffer buffer, final int[] offset, final int depth)
    {
        final int count = buffer.getShort(offset[0], ByteOrder.LITTLE_ENDIAN);
        offset[0] += 2;
        final List<SegmentRule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            rules.add(read(buffer, offset, depth + 1));
        }
        return rules;
    }

    private static EventType type(final byte ordinal)
    {
        return ordinal < 0 ? null : EventType.fromOrdinal(ordinal);
    }

    private static String readString(final UnsafeBuffer buffer, final int[] offset)
    {
        final int length = buffer.getShort(offset[0], ByteOrder.LITTLE_ENDIAN);
        offset[0] += 2;
        if (length < 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset[0], bytes);
        offset[0] += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
