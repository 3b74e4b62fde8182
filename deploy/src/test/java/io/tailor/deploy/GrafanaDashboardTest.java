package io.tailor.deploy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class GrafanaDashboardTest
{
    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    private static final String DATASOURCE_UID = "${datasource}";
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*[a-zA-Z_]\\w*\\s*\\)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    /**
     * Values the Grafana variables of the dashboard take when its queries are checked as plain PromQL.
     */
    private static final Map<String, String> SAMPLE_VALUES = Map.of(
        "__rate_interval", "1m",
        "instance", ".*",
        "route", "/v1/recommendations");

    private static JsonNode dashboard;

    @BeforeAll
    static void parse() throws IOException
    {
        dashboard = JSON.readTree(DeployFiles.deploy("grafana/tailor.json").toFile());
    }

    @Test
    void shouldOfferThePrometheusDatasourceAsAVariable()
    {
        final List<JsonNode> datasources = new ArrayList<>();
        for (final JsonNode variable : dashboard.path("templating").path("list"))
        {
            if ("datasource".equals(variable.path("type").asText()))
            {
                datasources.add(variable);
            }
        }

        assertThat(datasources).hasSize(1);
        assertThat(datasources.get(0).path("name").asText()).isEqualTo("datasource");
        assertThat(datasources.get(0).path("query").asText()).isEqualTo("prometheus");
    }

    @Test
    void shouldQueryThroughTheDatasourceVariableEverywhere()
    {
        for (final JsonNode panel : panels())
        {
            assertThat(panel.path("datasource").path("uid").asText()).as(title(panel)).isEqualTo(DATASOURCE_UID);
            assertThat(panel.path("targets")).as(title(panel) + " targets").isNotEmpty();
            for (final JsonNode target : panel.path("targets"))
            {
                assertThat(target.path("datasource").path("uid").asText()).as(title(panel)).isEqualTo(DATASOURCE_UID);
            }
        }
    }

    @Test
    void shouldHaveUniquePanelIdsAndPositions()
    {
        final Set<Integer> ids = new HashSet<>();
        for (final JsonNode panel : dashboard.path("panels"))
        {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + title(panel)).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).as(title(panel)).isBetween(1, 24);
        }
    }

    @Test
    void shouldReadOnlyMetricsTheServerExports()
    {
        for (final Map.Entry<String, String> query : queries().entrySet())
        {
            assertThat(ContractMetrics.unknownNames(query.getValue(), Set.of()))
                .as("metric names in %s that /metrics does not export", query.getKey())
                .isEmpty();
        }
    }

    @Test
    void shouldShowLatencyTrafficErrorsEventsIngestionGridHeapGcAndPersistence()
    {
        final Set<String> read = new TreeSet<>();
        queries().values().forEach(query -> read.addAll(ContractMetrics.metricNames(query)));

        assertThat(read).contains(
            "tailor_http_latency_seconds", "tailor_http_requests_seconds_count", "tailor_events_total",
            "tailor_recommendations_degraded_total", "tailor_model_age_seconds", "tailor_item_signals_backlog_bytes",
            "tailor_grid_members", "tailor_grid_partitions_owned", "tailor_grid_migrations_completed_total",
            "tailor_grid_map_entries", "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum",
            "tailor_persistence_lag_seconds");
    }

    @Test
    void shouldHoldPromqlThatPromtoolParses() throws IOException
    {
        final ObjectNode file = JSON.createObjectNode();
        final ObjectNode group = file.putArray("groups").addObject().put("name", "dashboard-queries");
        final ArrayNode rules = group.putArray("rules");
        int n = 0;
        for (final String query : queries().values())
        {
            rules.addObject().put("record", "dashboard:query:" + n++).put("expr", withSampleValues(query));
        }
        final Path target = DeployFiles.deploy("target");
        Files.createDirectories(target);
        final Path rulesFile = Files.createTempFile(target, "dashboard-queries", ".yml");
        try
        {
            JSON.writeValue(rulesFile.toFile(), file);

            final Tools.Result result = Tools.run(target, Tools.PROMTOOL, "check", "rules", rulesFile.toString());

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
        }
        finally
        {
            Files.deleteIfExists(rulesFile);
        }
    }

    private static List<JsonNode> panels()
    {
        final List<JsonNode> panels = new ArrayList<>();
        for (final JsonNode panel : dashboard.path("panels"))
        {
            if (!"row".equals(panel.path("type").asText()))
            {
                panels.add(panel);
            }
            panel.path("panels").forEach(panels::add);
        }
        assertThat(panels).isNotEmpty();
        return panels;
    }

    /**
     * Every PromQL expression of the dashboard, by where it is: panel targets and variable queries.
     */
    private static Map<String, String> queries()
    {
        final Map<String, String> queries = new java.util.LinkedHashMap<>();
        for (final JsonNode panel : panels())
        {
            for (final JsonNode target : panel.path("targets"))
            {
                queries.put(title(panel) + " " + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        for (final JsonNode variable : dashboard.path("templating").path("list"))
        {
            if ("query".equals(variable.path("type").asText()))
            {
                final String query = variable.path("query").path("query").asText();
                final Matcher matcher = LABEL_VALUES.matcher(query);
                queries.put("variable " + variable.path("name").asText(), matcher.matches() ? matcher.group(1) : query);
            }
        }
        return queries;
    }

    private static String withSampleValues(final String query)
    {
        final Matcher matcher = VARIABLE.matcher(query);
        final StringBuilder result = new StringBuilder();
        while (matcher.find())
        {
            final String value = SAMPLE_VALUES.get(matcher.group(1));
            assertThat(value).as("sample value of Grafana variable $" + matcher.group(1)).isNotNull();
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }

    private static String title(final JsonNode panel)
    {
        return "panel '" + panel.path("title").asText() + "'";
    }
}
