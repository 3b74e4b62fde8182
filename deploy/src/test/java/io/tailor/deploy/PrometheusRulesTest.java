package io.tailor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusRulesTest
{
    private static final Path DIR = DeployFiles.deploy("prometheus");
    private static final String RULES = "alerts.yml";
    private static final String RULE_TESTS = "alerts-test.yml";

    @Test
    void shouldPassPromtoolCheckRules()
    {
        final Tools.Result result = Tools.run(DIR, Tools.PROMTOOL, "check", "rules", RULES);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldPassPromtoolRuleUnitTests()
    {
        final Tools.Result result = Tools.run(DIR, Tools.PROMTOOL, "test", "rules", RULE_TESTS);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolCheckConfigOfTheScrapeExample()
    {
        final Tools.Result result = Tools.run(DIR, Tools.PROMTOOL, "check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldUnitTestEveryAlertBothFiringAndNotFiring()
    {
        final Map<String, Set<Boolean>> outcomes = new TreeMap<>();
        for (final JsonNode test : Yaml.document(DIR.resolve(RULE_TESTS)).path("tests"))
        {
            for (final JsonNode check : test.path("alert_rule_test"))
            {
                outcomes.computeIfAbsent(check.path("alertname").asText(), name -> new TreeSet<>())
                    .add(check.path("exp_alerts").size() > 0);
            }
        }

        for (final String alert : alertNames())
        {
            assertThat(outcomes.getOrDefault(alert, Set.of()))
                .as("alerts-test.yml must show %s firing (true) and not firing (false)", alert)
                .containsExactly(false, true);
        }
    }

    @Test
    void shouldGiveEveryAlertSeveritySummaryDescriptionAndAnExistingRunbookSection()
    {
        final List<String> anchors = Yaml.headingAnchors(DeployFiles.read(DeployFiles.deploy("RUNBOOK.md")));
        for (final JsonNode rule : rules())
        {
            if (!rule.has("alert"))
            {
                continue;
            }
            final String alert = rule.path("alert").asText();
            final JsonNode annotations = rule.path("annotations");
            assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning");
            assertThat(annotations.path("summary").asText()).as(alert + " summary").isNotBlank();
            assertThat(annotations.path("description").asText()).as(alert + " description").isNotBlank();
            final String runbook = annotations.path("runbook_url").asText();
            assertThat(runbook).as(alert + " runbook_url").startsWith("deploy/RUNBOOK.md#");
            assertThat(anchors).as("RUNBOOK.md section for " + alert)
                .contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void shouldReadOnlyMetricsTheServerExports()
    {
        final Set<String> recorded = new LinkedHashSet<>();
        for (final JsonNode rule : rules())
        {
            if (rule.has("record"))
            {
                recorded.add(rule.path("record").asText());
            }
        }
        for (final JsonNode rule : rules())
        {
            final String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
            assertThat(ContractMetrics.unknownNames(rule.path("expr").asText(), recorded))
                .as("metric names in %s that /metrics does not export", name)
                .isEmpty();
        }
    }

    @Test
    void shouldCoverLatencyErrorsIngestionGridReadinessHeapAndPersistence()
    {
        final Set<String> read = new TreeSet<>();
        for (final JsonNode rule : rules())
        {
            read.addAll(ContractMetrics.metricNames(rule.path("expr").asText()));
        }

        assertThat(read).contains(
            "tailor_http_requests_seconds_bucket", "tailor_http_requests_seconds_count", "tailor_model_age_seconds",
            "tailor_item_signals_backlog_bytes", "tailor_item_signals_dropped_total", "tailor_grid_members",
            "tailor_ready", "jvm_memory_used_bytes", "tailor_persistence_lag_seconds",
            "tailor_persistence_errors_total");
    }

    private static List<JsonNode> rules()
    {
        final List<JsonNode> rules = new ArrayList<>();
        for (final JsonNode group : Yaml.document(DIR.resolve(RULES)).path("groups"))
        {
            group.path("rules").forEach(rules::add);
        }
        assertThat(rules).isNotEmpty();
        return rules;
    }

    private static Set<String> alertNames()
    {
        final Set<String> names = new TreeSet<>();
        for (final JsonNode rule : rules())
        {
            if (rule.has("alert"))
            {
                names.add(rule.path("alert").asText());
            }
        }
        return names;
    }
}
