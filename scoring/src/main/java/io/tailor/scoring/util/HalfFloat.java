package io.tailor.scoring.util;

/**
 * IEEE 754 half-precision (binary16) conversion, for compact storage of vectors whose components need
 * about three significant digits (JDK 17 lacks {@code Float.floatToFloat16}).
 */
public final class HalfFloat
{
    private HalfFloat()
    {
    }

    /**
     * Rounds a float to the nearest half-precision value.
     *
     * @param value a float.
     * @return its binary16 bits.
     */
    public static short fromFloat(final float value)
    {
        final int bits = Float.floatToRawIntBits(value);
        final int sign = (bits >>> 16) & 0x8000;
        final int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mantissa = bits & 0x7FFFFF;
        if (((bits >>> 23) & 0xFF) == 0xFF)
        {
            return (short)(sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0));
        }
        if (exponent >= 0x1F)
        {
            return (short)(sign | 0x7C00);
        }
        if (exponent <= 0)
        {
            if (exponent < -10)
            {
                return (short)sign;
            }
            mantissa |= 0x800000;
            final int shift = 14 - exponent;
            final int half = mantissa >> shift;
            final int rounding = (mantissa >> (shift - 1)) & 1;
            return (short)(sign | (half + rounding));
        }
        final int half = sign | (exponent << 10) | (mantissa >> 13);
        return (short)(half + ((mantissa >> 12) & 1));
    }

    /**
     * Widens a half-precision value.
     *
     * @param half binary16 bits.
     * @return the float.
     */
    public static float toFloat(final short half)
    {
        final int h = half & 0xFFFF;
        final int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0)
        {
            if (mantissa == 0)
            {
                return Float.intBitsToFloat(sign);
            }
            while ((mantissa & 0x400) == 0)
            {
                mantissa <<= 1;
                exponent--;
            }
            exponent++;
            mantissa &= 0x3FF;
        }
        else if (exponent == 0x1F)
        {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
    }
}
