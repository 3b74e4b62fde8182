package io.tailor.deploy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names the server exports at {@code GET /metrics} (the command-line contract of issues 4 and 5), and a
 * scanner that finds the metric names a PromQL expression reads, so that a dashboard or alert cannot silently
 * query a series that does not exist.
 */
final class ContractMetrics
{
    /**
     * Every series name a rule or panel may read: Tailor's own, the JVM and process binders', and Prometheus's
     * {@code up}.
     */
    static final Set<String> NAMES = Set.of(
        "tailor_http_latency_seconds",
        "tailor_http_requests_seconds_bucket",
        "tailor_http_requests_seconds_count",
        "tailor_http_requests_seconds_sum",
        "tailor_events_total",
        "tailor_recommendations_degraded_total",
        "tailor_item_signals_backlog_bytes",
        "tailor_item_signals_dropped_total",
        "tailor_model_age_seconds",
        "tailor_grid_members",
        "tailor_grid_partitions_owned",
        "tailor_grid_migrations_completed_total",
        "tailor_grid_map_entries",
        "tailor_ready",
        "tailor_persistence_lag_seconds",
        "tailor_persistence_errors_total",
        "tailor_background_errors_total",
        "tailor_lists_served_total",
        "tailor_attributed_total",
        "tailor_attributed_revenue_total",
        "tailor_catalog_coverage_ratio",
        "tailor_promotion_impressions",
        "jvm_memory_used_bytes",
        "jvm_memory_max_bytes",
        "jvm_gc_pause_seconds_count",
        "jvm_gc_pause_seconds_sum",
        "jvm_gc_pause_seconds_max",
        "jvm_threads_live_threads",
        "process_cpu_usage",
        "process_uptime_seconds",
        "up");

    /**
     * Words of PromQL that stand where a metric name could: operators, modifiers, literals, and aggregations
     * (which may be followed by {@code by (...)} rather than by their parenthesised argument).
     */
    private static final Set<String> KEYWORDS = Set.of(
        "and", "or", "unless", "bool", "offset", "inf", "nan", "atan2",
        "by", "without", "on", "ignoring", "group_left", "group_right",
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
        "quantile", "limitk", "limit_ratio");

    /**
     * Keywords followed by a parenthesised list of label names, not of expressions.
     */
    private static final Set<String> LABEL_LISTS = Set.of(
        "by", "without", "on", "ignoring", "group_left", "group_right");

    private ContractMetrics()
    {
    }

    /**
     * The metric names an expression reads, recording-rule names included. Label matchers, range and
     * subquery brackets, strings, numbers, durations and Grafana variables ({@code $x}, {@code ${x}}) are skipped.
     *
     * @param promql a PromQL expression.
     * @return the names in order.
     */
    static Set<String> metricNames(final String promql)
    {
        final Set<String> names = new TreeSet<>();
        final int length = promql.length();
        int i = 0;
        while (i < length)
        {
            final char c = promql.charAt(i);
            if (c == '"' || c == '\'' || c == '`')
            {
                i = skipString(promql, i);
            }
            else if (c == '{')
            {
                i = skipBalanced(promql, i, '{', '}');
            }
            else if (c == '[')
            {
                i = skipBalanced(promql, i, '[', ']');
            }
            else if (c == '$')
            {
                i = skipVariable(promql, i);
            }
            else if (Character.isDigit(c) || c == '.')
            {
                i = skipNumber(promql, i);
            }
            else if (isNameStart(c))
            {
                int end = i + 1;
                while (end < length && isNamePart(promql.charAt(end)))
                {
                    end++;
                }
                final String word = promql.substring(i, end);
                final int next = skipSpaces(promql, end);
                final boolean call = next < length && promql.charAt(next) == '(';
                if (call && LABEL_LISTS.contains(word))
                {
                    i = skipBalanced(promql, next, '(', ')');
                }
                else
                {
                    if (!call && !KEYWORDS.contains(word))
                    {
                        names.add(word);
                    }
                    i = end;
                }
            }
            else
            {
                i++;
            }
        }
        return names;
    }

    /**
     * The names an expression reads that are neither exported by the server nor defined as recording rules.
     *
     * @param promql         a PromQL expression.
     * @param recordingRules names defined by recording rules.
     * @return the unknown names, empty when all are known.
     */
    static Set<String> unknownNames(final String promql, final Set<String> recordingRules)
    {
        final Set<String> unknown = new TreeSet<>(metricNames(promql));
        unknown.removeAll(NAMES);
        unknown.removeAll(recordingRules);
        return unknown;
    }

    private static boolean isNameStart(final char c)
    {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isNamePart(final char c)
    {
        return isNameStart(c) || Character.isDigit(c);
    }

    private static int skipSpaces(final String s, final int from)
    {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static int skipString(final String s, final int from)
    {
        final char quote = s.charAt(from);
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != quote)
        {
            i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipBalanced(final String s, final int from, final char open, final char close)
    {
        int depth = 0;
        int i = from;
        while (i < s.length())
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`')
            {
                i = skipString(s, i);
                continue;
            }
            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int skipVariable(final String s, final int from)
    {
        int i = from + 1;
        if (i < s.length() && s.charAt(i) == '{')
        {
            return skipBalanced(s, i, '{', '}');
        }
        while (i < s.length() && isNamePart(s.charAt(i)))
        {
            i++;
        }
        return i;
    }

    private static int skipNumber(final String s, final int from)
    {
        int i = from;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'))
        {
            i++;
        }
        return i;
    }
}
