package io.tailor.scoring.model;

/**
 * How two products were seen together by one shopper; the ordinal is part of binary forms.
 */
public enum CooccurrenceKind
{
    /** Viewed (or clicked, or rated) close together in time. */
    VIEW,
    /** Put in the cart close together in time. */
    CART,
    /** Bought in one order, or within a few days. */
    PURCHASE
}
