/**
 * The load test's entry point: LoadtestCommand, the picocli command whose default subcommand is run.
 * <p>
 * May depend on every loadtest package. The load test is an HTTP client: it links no scoring, grid or server class.
 */
package io.tailor.loadtest;
