/**
 * The webhooks map (definitions) and the webhook outbox map: each customer's trigger memberships, pending
 * deliveries and dead letters, kept under the customer's profile key so they live, move and persist with the
 * profile's partition; the processors that settle and cancel deliveries.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.webhook;
