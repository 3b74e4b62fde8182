package io.tailor.scoring.model;

/**
 * The interactions popularity counts; the ordinal is part of binary forms.
 */
public enum PopularityKind
{
    /** A product view or click. */
    VIEW,
    /** An add-to-cart. */
    CART,
    /** Units purchased. */
    PURCHASE
}
