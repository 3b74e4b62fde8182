/**
 * The node's settings: the YAML configuration file mapped onto records and validated once at start, input and overload
 * limits, TLS and API key files.
 * <p>
 * May depend on: server.security, grid and scoring.
 */
package io.tailor.server.config;
