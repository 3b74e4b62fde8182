package io.tailor.benchmarks.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a session evaluation: the dataset and protocol facts, the environment, and per method P@k and
 * MRR@k over all cases and over the cases whose next item is new to the session, as JSON and as Markdown.
 *
 * @param dataset     dataset facts.
 * @param protocol    protocol facts.
 * @param environment command, date, JDK, machine.
 * @param results     one result per method, in run order.
 */
public record SessionEvalReport(Map<String, Object> dataset, Map<String, Object> protocol,
    Map<String, Object> environment, List<SessionEvaluation.Result> results)
{
    /**
     * The report as JSON-ready maps and lists.
     *
     * @return the report.
     */
    public Map<String, Object> toJson()
    {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", dataset);
        json.put("protocol", protocol);
        json.put("environment", environment);
        final List<Object> methods = new ArrayList<>();
        for (final SessionEvaluation.Result r : results)
        {
            final SessionMetrics m = r.metrics();
            final Map<String, Object> method = new LinkedHashMap<>();
            method.put("method", r.method());
            method.put("settings", r.settings());
            method.put("cases", m.cases());
            method.put("precision", m.precision());
            method.put("mrr", m.mrr());
            method.put("newItemCases", m.newItemCases());
            method.put("newItemPrecision", m.newItemPrecision());
            method.put("newItemMrr", m.newItemMrr());
            method.put("trainSeconds", r.trainSeconds());
            method.put("evalSeconds", r.evalSeconds());
            methods.add(method);
        }
        json.put("results", methods);
        return json;
    }

    /**
     * The report as a Markdown section: facts, then one table row per method, in percent as the papers print.
     *
     * @return Markdown text.
     */
    public String toMarkdown()
    {
        final int k = results.isEmpty() ? 20 : results.get(0).metrics().k();
        final StringBuilder md = new StringBuilder();
        md.append("#### ").append(dataset.get("name")).append(" (sessions, ").append(protocol.get("holdout"))
            .append(")\n\n");
        md.append("- command: `").append(environment.get("command")).append("`\n");
        md.append("- ").append(environment.get("date")).append(", ").append(environment.get("jdk")).append(", ")
            .append(environment.get("machine")).append(", ").append(environment.get("cpus")).append(" CPUs, ")
            .append(String.format(Locale.ROOT, "%.0f s in all", (Double)environment.get("totalSeconds")))
            .append("\n");
        md.append("- ").append(dataset.get("trainingSessions")).append(" training sessions (")
            .append(dataset.get("trainingClicks")).append(" clicks), ").append(dataset.get("items"))
            .append(" items; ").append(dataset.get("cases")).append(" cases of ").append(dataset.get("casesInSplit"))
            .append(", ").append(dataset.get("newItemCases")).append(" of them with a next item new to the session\n");
        md.append("- P@").append(k).append(" = share of cases whose next item is in the top ").append(k)
            .append("; MRR@").append(k).append(" = mean reciprocal rank, 0 outside the top ").append(k)
            .append("; ranking over all items, the session's own included; in percent\n\n");
        md.append("| method | P@").append(k).append(" | MRR@").append(k).append(" | new item P@").append(k)
            .append(" | new item MRR@").append(k).append(" | train s | answer µs/case |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (final SessionEvaluation.Result r : results)
        {
            final SessionMetrics m = r.metrics();
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.1f | %.0f |%n", r.method(),
                100 * m.precision(), 100 * m.mrr(), 100 * m.newItemPrecision(), 100 * m.newItemMrr(),
                r.trainSeconds(), m.cases() == 0 ? 0.0 : 1e6 * r.evalSeconds() / m.cases()));
        }
        md.append('\n');
        for (final SessionEvaluation.Result r : results)
        {
            md.append("- ").append(r.method()).append(": ");
            final StringBuilder settings = new StringBuilder();
            r.settings().forEach((key, value) -> settings.append(settings.length() == 0 ? "" : "; ").append(key)
                .append(' ').append(value));
            md.append(settings).append('\n');
        }
        return md.toString();
    }
}
