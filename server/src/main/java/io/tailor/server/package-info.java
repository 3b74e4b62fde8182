/**
 * The composition root of the HTTP node: TailorServer starts the grid (member or client), the HTTP verticles and the
 * operations server from the settings.
 * <p>
 * May depend on: server.api and the packages below it; only server.cli depends on it.
 */
package io.tailor.server;
