/**
 * Audiences: segment rules over profile fields and sliding windows of recent activity, their codec, and the near-
 * purchase estimate of who is within the usual time to buy a product.
 * <p>
 * May depend on: scoring.profile, scoring.model, scoring.event, scoring.catalog, scoring.util.
 */
package io.tailor.scoring.segment;
