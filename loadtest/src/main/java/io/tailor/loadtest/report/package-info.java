/**
 * What a run reports: .hgrm spectra, the summary, result.json, the percentile plot (HTML and PNG), SLOs.
 * <p>
 * May depend on: the JDK, HdrHistogram and Jackson.
 */
package io.tailor.loadtest.report;
