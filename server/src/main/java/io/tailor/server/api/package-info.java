/**
 * The HTTP API: the verticle and router, one handler per resource, access checks, admission and overload, problem+json
 * answers.
 * <p>
 * May depend on: server.feed, server.json, server.metrics, server.config, server.security, grid and scoring.
 */
package io.tailor.server.api;
