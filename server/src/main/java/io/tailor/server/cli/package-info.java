/**
 * The {@code tailor} command line: the picocli commands ({@code serve}, {@code grid}, {@code demo}, {@code keys}),
 * their shared options and converters, the demo's data files and warm-up, and the checks a node runs before it
 * starts, failing with a message that names the setting.
 * <p>
 * May depend on: every other server package (it is the top layer; nothing in server depends on it), grid and
 * scoring.
 */
package io.tailor.server.cli;
