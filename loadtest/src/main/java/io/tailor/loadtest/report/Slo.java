package io.tailor.loadtest.report;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service level objective given on the command line: {@code [TYPE:]pNN=DURATION}, {@code [TYPE:]max=DURATION}
 * or {@code [TYPE:]errors=SHARE}. Without a type it applies to every request type of the run.
 * <pre>
 *   p99=1ms               every type's 99th percentile (coordinated omission corrected) at most 1 ms
 *   recommendations:p99.9=2.5ms
 *   max=50ms              the largest latency
 *   errors=0.1%           at most 0.1 % of requests without a 2xx answer (also errors=0.001)
 * </pre>
 * Durations take {@code ns}, {@code us} (or {@code µs}), {@code ms} and {@code s}.
 *
 * @param text       the objective as given.
 * @param type       the request type it applies to, or null for every type.
 * @param percentile the percentile (100 for max), or NaN for an error objective.
 * @param limitNs    the latency limit in nanoseconds, or 0 for an error objective.
 * @param errorShare the largest share of errors, or NaN for a latency objective.
 */
public record Slo(String text, String type, double percentile, long limitNs, double errorShare)
{
    private static final Pattern FORM = Pattern.compile(
        "(?:([A-Za-z0-9_.-]+):)?(p(\\d{1,3}(?:\\.\\d+)?)|max|errors)=(.+)");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)");
    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)(%?)");

    /**
     * Parses an objective.
     *
     * @param text e.g. {@code p99=1ms}.
     * @return the objective.
     * @throws IllegalArgumentException saying what is wrong and what is expected.
     */
    public static Slo parse(final String text)
    {
        final String trimmed = text.trim();
        final Matcher form = FORM.matcher(trimmed);
        if (!form.matches())
        {
            throw new IllegalArgumentException("SLO '" + text + "' is not [TYPE:]pNN=DURATION, [TYPE:]max=DURATION " +
                "or [TYPE:]errors=SHARE (e.g. p99=1ms, recommendations:p99.9=5ms, errors=0.1%)");
        }
        final String type = form.group(1);
        final String metric = form.group(2);
        final String value = form.group(4).trim();
        if ("errors".equals(metric))
        {
            final Matcher share = SHARE.matcher(value);
            if (!share.matches())
            {
                throw new IllegalArgumentException("SLO '" + text + "': errors takes a share such as 0.1% or 0.001");
            }
            final double number = Double.parseDouble(share.group(1));
            final double fraction = share.group(2).isEmpty() ? number : number / 100.0;
            if (fraction > 1)
            {
                throw new IllegalArgumentException("SLO '" + text + "': an error share is at most 100%");
            }
            return new Slo(trimmed, type, Double.NaN, 0, fraction);
        }
        final double percentile = "max".equals(metric) ? 100.0 : Double.parseDouble(form.group(3));
        if (!(percentile > 0 && percentile <= 100))
        {
            throw new IllegalArgumentException("SLO '" + text + "': the percentile must be above 0 and at most 100");
        }
        return new Slo(trimmed, type, percentile, parseDuration(value, text), Double.NaN);
    }

    /**
     * Parses a duration such as {@code 250us}, {@code 1.5ms} or {@code 2s}.
     *
     * @param value   the duration text.
     * @param context what to name in an error.
     * @return nanoseconds, more than 0.
     */
    static long parseDuration(final String value, final String context)
    {
        final Matcher duration = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!duration.matches())
        {
            throw new IllegalArgumentException("SLO '" + context + "': '" + value + "' is not a duration such as " +
                "500us, 1ms, 2.5ms or 1s");
        }
        final double number = Double.parseDouble(duration.group(1));
        final double scale = switch (duration.group(2))
        {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        final long nanos = Math.round(number * scale);
        if (nanos <= 0)
        {
            throw new IllegalArgumentException("SLO '" + context + "': the limit must be more than 0");
        }
        return nanos;
    }

    /**
     * Whether this is an error-share objective.
     *
     * @return true for {@code errors=...}.
     */
    public boolean isErrorObjective()
    {
        return !Double.isNaN(errorShare);
    }

    /**
     * Whether the objective applies to a request type.
     *
     * @param typeName the type.
     * @return true when it names no type or this one.
     */
    public boolean appliesTo(final String typeName)
    {
        return type == null || type.equals(typeName);
    }

    /**
     * Checks the objective against one type's measurement.
     *
     * @param typeName  the type.
     * @param latencyNs its latency histogram (nanoseconds, coordinated omission corrected).
     * @param requests  its requests.
     * @param errors    those without a 2xx answer.
     * @return the verdict; latency in microseconds, errors as a share.
     */
    public SloResult evaluate(final String typeName, final Histogram latencyNs, final long requests, final long errors)
    {
        if (isErrorObjective())
        {
            final double share = requests == 0 ? 0 : (double)errors / requests;
            return new SloResult(text, typeName, share, errorShare, share <= errorShare);
        }
        final long actual = latencyNs.getTotalCount() == 0 ? 0 :
            percentile >= 100 ? latencyNs.getMaxValue() : latencyNs.getValueAtPercentile(percentile);
        // HdrHistogram reports the highest value equivalent to the bucket; compare like for like.
        final boolean met = latencyNs.getTotalCount() > 0 && latencyNs.lowestEquivalentValue(actual) <= limitNs;
        return new SloResult(text, typeName, actual / 1000.0, limitNs / 1000.0, met);
    }
}
