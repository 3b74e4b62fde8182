package io.tailor.loadtest.run;

import io.tailor.loadtest.http.ApiKeyOption;
import io.tailor.loadtest.report.Slo;
import io.tailor.loadtest.scenario.ScenarioSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A run's settings, validated once.
 *
 * @param url         the server.
 * @param rate        requests per second (open model), or 0 for the closed model.
 * @param connections connections.
 * @param threads     driver threads.
 * @param warmup      warm-up, not measured.
 * @param duration    measured period.
 * @param timeout     longest wait for an answer.
 * @param spin        how long before a due time the driver wakes and spins (0: it sleeps until then).
 * @param scenario    what is sent.
 * @param slos        objectives.
 * @param output      directory for the files.
 * @param progress    whether to print a line every second.
 * @param apiKey      API key sent with every request, or {@code null} (a node in development mode).
 */
public record RunSettings(URI url, double rate, int connections, int threads, Duration warmup, Duration duration,
    Duration timeout, Duration spin, ScenarioSettings scenario, List<Slo> slos, Path output, boolean progress,
    String apiKey)
{
    /**
     * Validates.
     *
     * @param url         server.
     * @param rate        rate.
     * @param connections connections.
     * @param threads     threads.
     * @param warmup      warm-up.
     * @param duration    duration.
     * @param timeout     timeout.
     * @param spin        spin window.
     * @param scenario    scenario.
     * @param slos        objectives.
     * @param output      output directory.
     * @param progress    progress lines.
     * @param apiKey      API key, or {@code null}.
     */
    public RunSettings
    {
        if (apiKey != null)
        {
            ApiKeyOption.check(apiKey);
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null)
        {
            throw new IllegalArgumentException("--url must be http://host:port, got " + url);
        }
        if (!(rate >= 0) || Double.isInfinite(rate))
        {
            throw new IllegalArgumentException("--rate must be a number >= 0 (0: closed model): " + rate);
        }
        if (connections < 1 || connections > 10_000)
        {
            throw new IllegalArgumentException("--connections must be in 1..10000: " + connections);
        }
        if (threads < 1 || threads > 64 || threads > connections)
        {
            throw new IllegalArgumentException("--threads must be in 1..64 and at most --connections: " + threads);
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero())
        {
            throw new IllegalArgumentException("--duration must be more than 0 and --warmup at least 0");
        }
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("--timeout must be more than 0");
        }
        if (spin.isNegative() || spin.compareTo(Duration.ofMillis(1)) > 0)
        {
            throw new IllegalArgumentException("--spin must be in 0..1ms: " + spin);
        }
        slos = List.copyOf(slos);
    }

    /**
     * These settings without the API key's value, so that they can be printed.
     *
     * @return a description.
     */
    @Override
    public String toString()
    {
        return "RunSettings[url=" + url + ", rate=" + rate + ", connections=" + connections + ", threads=" + threads +
            ", warmup=" + warmup + ", duration=" + duration + ", timeout=" + timeout + ", spin=" + spin +
            ", scenario=" + scenario + ", slos=" + slos + ", output=" + output + ", progress=" + progress +
            ", apiKey=" + (apiKey == null ? "none" : "(set)") + "]";
    }

    /**
     * Whether requests follow a schedule.
     *
     * @return true for the open model ({@code --rate}).
     */
    public boolean openModel()
    {
        return rate > 0;
    }
}
