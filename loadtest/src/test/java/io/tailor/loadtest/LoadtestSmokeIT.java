package io.tailor.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load tester against a real Tailor node, started as a separate JVM from {@code server/target/tailor-server.jar}
 * on free loopback ports: {@code generate} with a tiny store, a 3-second storefront run, and a ping run whose
 * impossible objective must fail. It checks that valid reports come out, not how fast anything is.
 */
class LoadtestSmokeIT
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Process node;
    private Path nodeLog;
    private String url;

    @BeforeEach
    void startNode() throws IOException
    {
        final Path root = Path.of(System.getProperty("tailor.project.root", "..")).toAbsolutePath().normalize();
        final Path jar = root.resolve("server/target/tailor-server.jar");
        assertThat(jar).as("the server jar; build it with: mvn -pl server -am package").exists();
        final int port = freePort();
        final int gridPort = freePort();
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags(root.resolve("jvm.properties")));
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
            "serve", "--port", Integer.toString(port), "--grid-port", Integer.toString(gridPort),
            "--data-dir", temp.resolve("data").toString(), "--cluster-name", "loadtest-smoke-" + UUID.randomUUID(),
            "--event-loops", "1", "--partition-threads", "1"));
        nodeLog = temp.resolve("node.log");
        node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(nodeLog.toFile()).start();
        // Should this JVM exit without running @AfterEach (e.g. interrupted), the node goes with it.
        final Process started = node;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "loadtest-smoke-node-reaper"));
        url = "http://127.0.0.1:" + port;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() ->
        {
            assertThat(node.isAlive()).as("the node exited; its log:%n%s", log()).isTrue();
            try
            {
                return http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            }
            catch (final IOException ex)
            {
                return false;
            }
        });
    }

    @AfterEach
    void stopNode() throws InterruptedException
    {
        if (node != null)
        {
            node.destroy();
            if (!node.waitFor(15, TimeUnit.SECONDS))
            {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void shouldLoadAStoreRunAStorefrontAndWriteAValidReport() throws IOException
    {
        final String[] store = {"--url", url, "--products", "300", "--shoppers", "400", "--seed", "7"};

        final int generated = LoadtestCommand.execute(concat(new String[] {"generate", "--check-shoppers", "20",
            "--concurrency", "2", "--batch", "200"}, store));

        assertThat(generated).as("generate exit code; node log:%n%s", log()).isZero();

        final Path report = temp.resolve("storefront");
        final int ran = LoadtestCommand.execute(concat(new String[] {"run", "--rate", "200", "--duration", "3s",
            "--warmup", "1s", "--connections", "8", "--launch", "0.02", "--timeout", "30s", "--output",
            report.toString(), "--quiet"},
            store));

        assertThat(ran).as("run exit code; node log:%n%s", log()).isZero();
        final JsonNode result = JSON.readTree(report.resolve("result.json").toFile());
        assertThat(result.path("settings").path("model").asText()).isEqualTo("open");
        final Map<String, JsonNode> types = byName(result.path("types"));
        assertThat(types).containsKeys("recommendations", "view", "add_to_cart", "purchase", "launch", "all");
        for (final String type : List.of("recommendations", "view"))
        {
            final JsonNode measured = types.get(type);
            assertThat(measured.path("requests").asLong()).as(type).isPositive();
            assertThat(measured.path("latency").path("p99Us").asDouble()).as(type).isPositive();
            assertThat(measured.path("statuses").path("200").asLong()).as(type)
                .isEqualTo(measured.path("requests").asLong());
            assertThat(Files.size(report.resolve(type + ".hgrm"))).isPositive();
            assertThat(Files.readString(report.resolve(type + ".hgrm"))).contains("#[Max     =");
        }
        for (final JsonNode type : result.path("types"))
        {
            final List<String> statuses = new ArrayList<>();
            type.path("statuses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as("statuses of %s", type.path("name").asText())
                .noneMatch(status -> status.startsWith("5") || status.equals("io-error") || status.equals("timeout"));
        }
        assertThat(result.path("serverSide").has("available")).isTrue();
        assertThat(Files.readString(report.resolve("percentiles.html"))).contains("<svg").contains("recommendations");
        assertThat(Files.readString(report.resolve("summary.txt"))).contains("recommendations")
            .contains("server-side latency");
    }

    @Test
    void shouldExitWithTheSloCodeWhenAnObjectiveIsMissed() throws IOException
    {
        final Path report = temp.resolve("ping");

        final int ran = LoadtestCommand.execute("run", "--url", url, "--target", "ping", "--connections", "2",
            "--duration", "3s", "--warmup", "0s", "--slo", "p99=1ns", "--output", report.toString(), "--quiet");

        assertThat(ran).isEqualTo(3);
        final JsonNode result = JSON.readTree(report.resolve("result.json").toFile());
        assertThat(result.path("settings").path("model").asText()).isEqualTo("closed");
        assertThat(result.path("slosMet").asBoolean()).isFalse();
        assertThat(byName(result.path("types")).get("ping").path("requests").asLong()).isPositive();
    }

    @Test
    void shouldSimulateClicksOnNewProductsAndReportWhereTheirImpressionsWent() throws IOException
    {
        final Path report = temp.resolve("explore");

        final int ran = LoadtestCommand.execute("explore", "--url", url, "--requests", "300", "--new-products", "4",
            "--old-products", "20", "--output", report.toString());

        assertThat(ran).as("explore exit code; node log:%n%s", log()).isZero();
        final String text = Files.readString(report.resolve("report.txt"));
        assertThat(text).contains("to the good half").contains("regret against the oracle");
        // the exploration slot of a new shopper's home list: new products were shown at all
        assertThat(text).doesNotContain("new-product impressions 0 ");
    }

    @Test
    void shouldSimulateAnExperimentWithAKnownDifferenceAndFindItInTheResults() throws IOException
    {
        final Path report = temp.resolve("experiment");

        final int ran = LoadtestCommand.execute("experiment", "--url", url, "--lists", "600", "--shoppers", "200",
            "--products", "20", "--control-ctr", "0.05", "--treatment-ctr", "0.5", "--buy-rate", "0.5",
            "--output", report.toString());

        assertThat(ran).as("experiment exit code; node log:%n%s", log()).isZero();
        final String text = Files.readString(report.resolve("report.txt"));
        assertThat(text).contains("detected: yes").contains("interval covers the truth: ")
            .contains("every list, click and purchase counted in its arm as simulated: yes");
    }

    private static Map<String, JsonNode> byName(final JsonNode types)
    {
        final Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (final JsonNode type : types)
        {
            byName.put(type.path("name").asText(), type);
        }
        return byName;
    }

    private static String[] concat(final String[] first, final String[] second)
    {
        final String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The JVM flags of jvm.properties (key tailor.jvm.flags, backslash-continued lines). */
    private static List<String> jvmFlags(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        final String flags = properties.getProperty("tailor.jvm.flags", "").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private String log()
    {
        try
        {
            final String text = Files.readString(nodeLog);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex + ")";
        }
    }
}
