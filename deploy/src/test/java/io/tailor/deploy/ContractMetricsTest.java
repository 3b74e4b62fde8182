package io.tailor.deploy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContractMetricsTest
{
    @Test
    void shouldFindMetricNamesButNotFunctionsLabelsOrKeywords()
    {
        final String expr = "1 - sum by (job) (rate(tailor_http_requests_seconds_bucket{route=\"/v1/x\", le=\"0.001\"}"
            + "[5m])) / on (job) group_left (instance) count_values(\"members\", tailor_grid_members offset 5m) "
            + "> bool 14.4 * 0.01 and tailor:ratio:rate5m[$__rate_interval] unless up";

        assertThat(ContractMetrics.metricNames(expr))
            .containsExactly("tailor:ratio:rate5m", "tailor_grid_members", "tailor_http_requests_seconds_bucket", "up");
    }

    @Test
    void shouldReportNamesOutsideTheContract()
    {
        final String misspelt = "rate(tailor_http_request_seconds_count[5m]) / rate(tailor_events_total[5m])";

        assertThat(ContractMetrics.unknownNames(misspelt, Set.of()))
            .containsExactly("tailor_http_request_seconds_count");
    }

    @Test
    void shouldAcceptDefinedRecordingRules()
    {
        assertThat(ContractMetrics.unknownNames("tailor:x:ratio > 0.1", Set.of("tailor:x:ratio"))).isEmpty();
        assertThat(ContractMetrics.unknownNames("tailor:x:ratio > 0.1", Set.of())).containsExactly("tailor:x:ratio");
    }
}
