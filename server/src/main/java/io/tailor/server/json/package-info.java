/**
 * Streaming JSON readers and writers of the API's bodies, with every input bounded by the configured limits and each
 * error naming its field.
 * <p>
 * May depend on: server.config (InputLimits), grid and scoring.
 */
package io.tailor.server.json;
