/**
 * The run and generate subcommands, the store options they share, and duration parsing.
 * <p>
 * May depend on: loadtest.run, loadtest.driver, loadtest.scenario, loadtest.data, loadtest.report, loadtest.http.
 */
package io.tailor.loadtest.cli;
