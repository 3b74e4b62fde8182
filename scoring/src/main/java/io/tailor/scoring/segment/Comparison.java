package io.tailor.scoring.segment;

import io.tailor.scoring.util.WireName;

/**
 * How a measured number is compared with a rule's threshold.
 */
public enum Comparison implements WireName
{
    /** At least. */
    GTE("gte"),
    /** More than. */
    GT("gt"),
    /** At most. */
    LTE("lte"),
    /** Less than. */
    LT("lt"),
    /** Exactly. */
    EQ("eq");

    private static final Comparison[] VALUES = values();

    private final String wireName;

    Comparison(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name in the rule language.
     *
     * @return e.g. {@code gte}.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * Compares.
     *
     * @param value     measured value.
     * @param threshold the rule's threshold.
     * @return whether the value passes.
     */
    public boolean test(final double value, final double threshold)
    {
        return switch (this)
        {
            case GTE -> value >= threshold;
            case GT -> value > threshold;
            case LTE -> value <= threshold;
            case LT -> value < threshold;
            case EQ -> value == threshold;
        };
    }

    /**
     * Comparison for a wire name.
     *
     * @param wireName name in the rule language.
     * @return the comparison, or {@code null} when unknown.
     */
    public static Comparison fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }
}
