package io.tailor.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One Tailor process for system tests: {@code java <jvm.properties flags> -jar server/target/tailor-server.jar
 * serve|grid ...} on loopback, its output in a log file, stopped with SIGTERM or killed with SIGKILL.
 */
final class Node implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private Process process;

    private Node(final String name, final List<String> command, final Path log, final int httpPort)
    {
        this.name = name;
        this.command = command;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * A node of an embedded cluster: grid member and HTTP server.
     *
     * @param name     name for logs.
     * @param logDir   directory of the log file.
     * @param dataDir  data directory.
     * @param httpPort HTTP port.
     * @param gridPort grid port.
     * @param join     grid members to join.
     * @param cluster  cluster name.
     * @return the node, not started.
     */
    static Node serve(final String name, final Path logDir, final Path dataDir, final int httpPort, final int gridPort,
        final List<String> join, final String cluster)
    {
        return serve(name, logDir, dataDir, httpPort, gridPort, join, cluster, List.of());
    }

    /**
     * {@link #serve(String, Path, Path, int, int, List, String)} with more options, e.g. a config file.
     *
     * @param name     name for logs.
     * @param logDir   directory of the log file.
     * @param dataDir  data directory.
     * @param httpPort HTTP port.
     * @param gridPort grid port.
     * @param join     grid members to join.
     * @param cluster  cluster name.
     * @param extra    further command-line options.
     * @return the node, not started.
     */
    static Node serve(final String name, final Path logDir, final Path dataDir, final int httpPort, final int gridPort,
        final List<String> join, final String cluster, final List<String> extra)
    {
        final List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(httpPort),
            "--grid-port", Integer.toString(gridPort), "--join", String.join(",", join), "--cluster-name", cluster,
            "--data-dir", dataDir.toString(), "--event-loops", "1", "--partition-threads", "1", "--profile-capacity",
            "20000", "--deadline", "50ms"));
        noWarmUpUnlessGiven(args, extra);
        args.addAll(extra);
        return new Node(name, java(args.toArray(String[]::new)), logDir.resolve(name + ".log"), httpPort);
    }

    /**
     * A dedicated grid member with its ops port.
     *
     * @param name     name for logs.
     * @param logDir   directory of the log file.
     * @param dataDir  data directory.
     * @param opsPort  ops (health) port.
     * @param gridPort grid port.
     * @param join     grid members to join.
     * @param cluster  cluster name.
     * @return the node, not started.
     */
    static Node grid(final String name, final Path logDir, final Path dataDir, final int opsPort, final int gridPort,
        final List<String> join, final String cluster)
    {
        return grid(name, logDir, dataDir, opsPort, gridPort, join, cluster, List.of());
    }

    /**
     * {@link #grid(String, Path, Path, int, int, List, String)} with more options, e.g. a config file.
     *
     * @param name     name for logs.
     * @param logDir   directory of the log file.
     * @param dataDir  data directory.
     * @param opsPort  ops (health) port.
     * @param gridPort grid port.
     * @param join     grid members to join.
     * @param cluster  cluster name.
     * @param extra    further command-line options.
     * @return the node, not started.
     */
    static Node grid(final String name, final Path logDir, final Path dataDir, final int opsPort, final int gridPort,
        final List<String> join, final String cluster, final List<String> extra)
    {
        final List<String> args = new ArrayList<>(List.of("grid", "--ops-port", Integer.toString(opsPort),
            "--grid-port", Integer.toString(gridPort), "--join", String.join(",", join), "--cluster-name", cluster,
            "--data-dir", dataDir.toString(), "--partition-threads", "1", "--profile-capacity", "20000"));
        args.addAll(extra);
        return new Node(name, java(args.toArray(String[]::new)), logDir.resolve(name + ".log"), opsPort);
    }

    /**
     * An HTTP server that is a client of a dedicated grid.
     *
     * @param name     name for logs.
     * @param logDir   directory of the log file.
     * @param httpPort HTTP port.
     * @param members  grid members to connect to.
     * @param cluster  cluster name.
     * @return the node, not started.
     */
    static Node client(final String name, final Path logDir, final int httpPort, final List<String> members,
        final String cluster)
    {
        return client(name, logDir, httpPort, members, cluster, List.of());
    }

    /**
     * {@link #client(String, Path, int, List, String)} with more options, e.g. a config file.
     *
     * @param name     name for logs.
     * @param logDir   directory of the log file.
     * @param httpPort HTTP port.
     * @param members  grid members to connect to.
     * @param cluster  cluster name.
     * @param extra    further command-line options.
     * @return the node, not started.
     */
    static Node client(final String name, final Path logDir, final int httpPort, final List<String> members,
        final String cluster, final List<String> extra)
    {
        final List<String> args = new ArrayList<>(List.of("serve", "--port", Integer.toString(httpPort), "--client",
            String.join(",", members), "--cluster-name", cluster, "--event-loops", "1", "--deadline", "50ms"));
        noWarmUpUnlessGiven(args, extra);
        args.addAll(extra);
        return new Node(name, java(args.toArray(String[]::new)), logDir.resolve(name + ".log"), httpPort);
    }

    /**
     * Fault and cluster tests restart nodes many times and measure no speed: their nodes report ready without the
     * warm-up (ServedPathWarmUpTest covers it), unless a test asks for one.
     */
    private static void noWarmUpUnlessGiven(final List<String> args, final List<String> extra)
    {
        if (extra.stream().noneMatch(option -> option.startsWith("--warm-up")))
        {
            args.addAll(List.of("--warm-up", "0s"));
        }
    }

    private static List<String> java(final String... args)
    {
        final Path root = Path.of(System.getProperty("tailor.project.root", "..")).toAbsolutePath().normalize();
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(root));
        command.addAll(List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.add("-jar");
        command.add(root.resolve("server/target/tailor-server.jar").toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static List<String> jvmFlags(final Path root)
    {
        try
        {
            final String text = Files.readString(root.resolve("jvm.properties")).replace("\\\n", " ");
            for (final String line : text.split("\n"))
            {
                if (line.startsWith("tailor.jvm.flags="))
                {
                    return Arrays.asList(line.substring("tailor.jvm.flags=".length()).trim().split("\\s+"));
                }
            }
            throw new IllegalStateException("no tailor.jvm.flags in jvm.properties");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Starts the process.
     *
     * @return this.
     */
    Node start()
    {
        try
        {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Waits until {@code /health/ready} answers 200 and reports the expected members.
     *
     * @param members members the node must see.
     * @return this.
     */
    Node awaitReady(final int members)
    {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).alias(name + " ready").until(() ->
        {
            if (!process.isAlive())
            {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log +
                    ", which ends:\n" + logTail(20));
            }
            final Answer ready = get("/health/ready");
            return ready != null && ready.status() == 200 && ready.json().get("members").asInt() == members;
        });
        return this;
    }

    /** The last lines of the log, so that a failure on CI, where the log is gone, says why. */
    private String logTail(final int lines)
    {
        try
        {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }

    /**
     * What a failed test needs to say why on CI, where the logs are gone: the stack of every thread whose name
     * contains {@code thread} ({@code jcmd Thread.print}) and the log's lines that contain {@code needle}.
     *
     * @param thread part of the names of the threads to show.
     * @param needle what the log lines shown contain.
     * @return the text, never failing.
     */
    String diagnosis(final String thread, final String needle)
    {
        final StringBuilder out = new StringBuilder("--- ").append(name).append('\n');
        if (alive())
        {
            try
            {
                final Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                    .toString(), Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
                final String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                jcmd.waitFor(30, TimeUnit.SECONDS);
                for (final String stack : dump.split("\n\n"))
                {
                    if (stack.startsWith("\"") && stack.substring(0, stack.indexOf('"', 1)).contains(thread))
                    {
                        out.append(stack).append('\n');
                    }
                }
            }
            catch (final IOException ex)
            {
                out.append("(no thread dump: ").append(ex).append(")\n");
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        logLines(needle).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /**
     * Whether the node's log has a line containing a text: what a test awaits when the node shows a state by its
     * log alone (a member waiting for others before it serves).
     *
     * @param text the text.
     * @return true once logged.
     */
    boolean logged(final String text)
    {
        return logLines(text).stream().anyMatch(line -> line.contains(text));
    }

    /** The log's lines that contain {@code needle}, or one line saying why the log could not be read. */
    private List<String> logLines(final String needle)
    {
        try
        {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(needle))
                .toList();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return List.of("(unreadable log: " + ex + ")");
        }
    }

    /**
     * Kills the process with SIGKILL and waits for it to be gone.
     */
    void kill()
    {
        process.destroyForcibly();
        waitGone();
    }

    /**
     * Asks the process to stop with SIGTERM and waits for it to exit.
     */
    void stop()
    {
        process.destroy();
        waitGone();
    }

    private void waitGone()
    {
        try
        {
            if (!process.waitFor(120, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not stop within 120 s; see " + log);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the process is running.
     *
     * @return true when alive.
     */
    boolean alive()
    {
        return process != null && process.isAlive();
    }

    @Override
    public void close()
    {
        if (alive())
        {
            process.destroyForcibly();
            waitGone();
        }
    }

    /** An HTTP answer. */
    record Answer(int status, String body)
    {
        JsonNode json()
        {
            try
            {
                return JSON.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(body, ex);
            }
        }
    }

    /**
     * GET on this node.
     *
     * @param path path and query.
     * @return the answer, or {@code null} when the node does not answer.
     */
    Answer get(final String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30)).build());
    }

    /**
     * DELETE on this node.
     *
     * @param path path.
     * @return the answer, or {@code null} when the node does not answer.
     */
    Answer delete(final String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().timeout(Duration.ofSeconds(30)).build());
    }

    /**
     * POST or PUT a body on this node.
     *
     * @param method      POST or PUT.
     * @param path        path.
     * @param contentType content type.
     * @param body        body.
     * @return the answer, or {@code null} when the node does not answer.
     */
    Answer send(final String method, final String path, final String contentType, final String body)
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .timeout(Duration.ofSeconds(30)).build());
    }

    private Answer send(final HttpRequest request)
    {
        try
        {
            final HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /**
     * The node's name.
     *
     * @return the name.
     */
    String name()
    {
        return name;
    }

}
