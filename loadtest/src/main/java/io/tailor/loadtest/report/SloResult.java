package io.tailor.loadtest.report;

/**
 * One objective checked against one request type.
 *
 * @param slo      the objective as given, e.g. {@code p99=1ms}.
 * @param type     the request type it was checked on.
 * @param actual   the measured value, in the objective's unit (microseconds, or a share for errors).
 * @param limit    the objective's limit, in the same unit.
 * @param met      whether the measured value is within the limit.
 */
public record SloResult(String slo, String type, double actual, double limit, boolean met)
{
}
