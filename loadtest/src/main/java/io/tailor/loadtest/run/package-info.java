/**
 * One measured run: warm-up, live progress, reset and read of the server's histograms.
 * <p>
 * May depend on: loadtest.driver, loadtest.scenario, loadtest.report, loadtest.http.
 */
package io.tailor.loadtest.run;
