package io.tailor.scoring.event;

/**
 * One line of a purchase: a product, how many, at what unit price.
 *
 * @param product  product id.
 * @param quantity units bought, at least 1.
 * @param price    unit price, not negative; {@code NaN} when not given.
 */
public record LineItem(String product, int quantity, double price)
{
}
