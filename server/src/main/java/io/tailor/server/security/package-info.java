/**
 * API keys, scopes and rate limits: what a request may do and how often.
 * <p>
 * May depend on: scoring.util and the JDK; no other server package.
 */
package io.tailor.server.security;
