package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, plus what is generated here) replayed against a
 * running node with keys: every request is answered 4xx with problem+json, never 5xx; afterwards the node is
 * alive and holds exactly the data it held before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static final String ALL = KEYS.add("all", EnumSet.allOf(Scope.class), false, null);
    private static final long HUNDRED_MB = 100L << 20;
    private static ApiServer api;
    private static Map<String, String> before;

    @BeforeAll
    static void start()
    {
        api = ApiServer.builder().keys(KEYS.file()).start();
        assertThat(api.send("PUT", "/v1/products", ALL, "application/json", """
            [{"id":"shoe-1","title":"Trail","category":"apparel/shoes/running","brand":"Swift","price":100},
             {"id":"shoe-2","category":"apparel/shoes/running","brand":"Swift","price":110},
             {"id":"book-1","category":"media/books","price":10}]""").status()).isEqualTo(200);
        api.awaitProduct("book-1");
        assertThat(api.send("POST", "/v1/events", ALL, "application/x-ndjson", """
            {"id":"e1","type":"view","user":"u1","product":"shoe-1"}
            {"id":"e2","type":"purchase","user":"u2","items":[{"product":"book-1","quantity":2,"price":10}]}
            {"id":"e3","type":"view","anonymousId":"c1","product":"shoe-2"}
            """).status()).isEqualTo(200);
        before = snapshot();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    static Stream<Path> bodies() throws IOException, URISyntaxException
    {
        final Path root = Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        try (Stream<Path> files = Files.walk(root))
        {
            final List<Path> list = files.filter(Files::isRegularFile)
                .filter(file -> file.getParent().getFileName().toString().matches("events|products"))
                .sorted().toList();
            assertThat(list).hasSizeGreaterThan(60);
            return list.stream();
        }
    }

    static Stream<String> paths() throws IOException
    {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/paths.txt"))
        {
            final List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            assertThat(lines).hasSizeGreaterThan(20);
            return lines.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    @Order(1)
    void shouldRefuseEachBadBodyWithAProblem(final Path file) throws IOException
    {
        final boolean events = file.getParent().getFileName().toString().equals("events");
        final String contentType = file.toString().endsWith(".ndjson") ? "application/x-ndjson" : "application/json";

        final Raw answer = exchange((events ? "POST /v1/events" : "PUT /v1/products") + " HTTP/1.1\r\nHost: x\r\n" +
            "Authorization: Bearer " + ALL + "\r\nContent-Type: " + contentType + "\r\n", Files.readAllBytes(file));

        answer.assertProblem(file.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    @Order(1)
    void shouldRefuseEachHostilePathWithAProblem(final String line) throws IOException
    {
        final Raw answer = exchange(line + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALL + "\r\n", null);

        answer.assertProblem(line);
    }

    @Test
    @Order(1)
    void shouldRefuseBodiesThatCannotBeFiles() throws IOException
    {
        final String events = "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALL +
            "\r\nContent-Type: application/json\r\n";
        final Map<String, Raw> answers = new LinkedHashMap<>();
        answers.put("invalid UTF-8", exchange(events, concat("{\"type\":\"view\",\"user\":\"",
            new byte[] {(byte)0xff, (byte)0xfe, (byte)0xc3}, "\",\"product\":\"shoe-1\"}")));
        answers.put("overlong UTF-8 slash", exchange(events, concat("{\"type\":\"view\",\"user\":\"a",
            new byte[] {(byte)0xc0, (byte)0xaf}, "b\",\"product\":\"shoe-1\"}")));
        answers.put("100,000-deep nesting", exchange(events, ("[".repeat(100_000) + "]".repeat(100_000))
            .getBytes(StandardCharsets.US_ASCII)));
        answers.put("raw NUL bytes", exchange(events, new byte[1024]));
        answers.put("text/plain", exchange(events.replace("application/json", "text/plain"),
            "{\"type\":\"view\",\"user\":\"u9\",\"product\":\"shoe-1\"}".getBytes(StandardCharsets.US_ASCII)));
        answers.put("empty body", exchange(events, new byte[0]));
        answers.put("no key", exchange(events.replace("Authorization: Bearer " + ALL + "\r\n", ""),
            "{\"type\":\"view\",\"user\":\"u9\",\"product\":\"shoe-1\"}".getBytes(StandardCharsets.US_ASCII)));
        answers.put("bare CR in a header", exchange("GET /v1/ping HTTP/1.1\r\nHost: x\r\nX-Evil: a\rInjected: 1\r\n" +
            "Authorization: Bearer " + ALL + "\r\n", null));
        answers.put("garbage request line", exchange("HELLO THERE\r\n", null));
        answers.put("request line of 20 KiB", exchange("GET /v1/ping?x=" + "a".repeat(20_000) + " HTTP/1.1\r\n" +
            "Host: x\r\n", null));
        answers.put("headers of 40 KiB", exchange("GET /v1/ping HTTP/1.1\r\nHost: x\r\nX-Big: " +
            "b".repeat(40_000) + "\r\n", null));
        answers.put("negative Content-Length", exchange(events + "Content-Length: -5\r\n", null));

        answers.forEach((name, answer) -> System.out.println("bad input: " + name + " -> " + answer.status()));
        answers.forEach((name, answer) -> answer.assertProblem(name));
    }

    @Test
    @Order(1)
    void shouldRefuseA100MegabyteBodyWithoutHoldingIt() throws Exception
    {
        final String head = "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALL +
            "\r\nContent-Type: application/x-ndjson\r\n";

        final Raw declared = stream(head + "Content-Length: " + HUNDRED_MB + "\r\n\r\n", false);
        final Raw chunked = stream(head + "Transfer-Encoding: chunked\r\n\r\n", true);

        declared.assertProblem("100 MB with Content-Length");
        chunked.assertProblem("100 MB chunked");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    @Order(2)
    void shouldStayAliveWithItsDataUnchangedAndNo5xxAnywhere()
    {
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        assertThat(snapshot()).isEqualTo(before);
        final String metrics = api.get("/metrics", ALL).body();
        assertThat(metrics).contains("tailor_http_requests_seconds_count").doesNotContain("status=\"5");
    }

    /** What the node holds: entry counts of its maps and every seeded product and profile as JSON. */
    private static Map<String, String> snapshot()
    {
        final Map<String, String> state = new LinkedHashMap<>();
        state.put("profiles", Integer.toString(api.server().grid().hazelcast().getMap(ProfileStore.MAP_NAME).size()));
        state.put("catalog", Integer.toString(api.server().grid().hazelcast().getMap(CatalogStore.MAP_NAME).size()));
        for (final String path : List.of("/v1/products/shoe-1", "/v1/products/shoe-2", "/v1/products/book-1",
            "/v1/profiles/u1", "/v1/profiles/u2", "/v1/profiles/c1?kind=anonymous", "/v1/profiles/u9"))
        {
            final ApiServer.Answer answer = api.get(path, ALL);
            state.put(path, answer.status() + " " + answer.body());
        }
        return state;
    }

    /** A raw HTTP answer. */
    private record Raw(int status, String head, String body)
    {
        void assertProblem(final String what)
        {
            assertThat(status).as(what + ": " + head + body).isBetween(400, 499);
            assertThat(head.toLowerCase(java.util.Locale.ROOT)).as(what)
                .contains("content-type: application/problem+json").doesNotContain("set-cookie")
                .doesNotContain("injected");
            final JsonNode problem;
            try
            {
                problem = JSON.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new AssertionError(what + ": not JSON: " + body, ex);
            }
            assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
            assertThat(problem.get("type").asText()).as(what).startsWith(Responses.PROBLEM_BASE);
            assertThat(problem.get("detail").asText()).as(what).isNotBlank();
        }
    }

    /** Sends one request on a fresh connection (so no client library cleans it up) and reads one answer. */
    private static Raw exchange(final String head, final byte[] body) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", api.server().port()))
        {
            socket.setSoTimeout(30_000);
            final OutputStream out = socket.getOutputStream();
            final StringBuilder request = new StringBuilder(head);
            if (body != null && !head.contains("Content-Length"))
            {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(request.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null)
            {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Streams 100 MB of event lines while reading the answer; stops writing once the server stops reading. */
    private static Raw stream(final String head, final boolean chunked) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", api.server().port()))
        {
            socket.setSoTimeout(60_000);
            final OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            final byte[] line = "{\"type\":\"view\",\"user\":\"flood\",\"product\":\"shoe-1\"}\n"
                .getBytes(StandardCharsets.US_ASCII);
            final byte[] block = new byte[64 * 1024 - 64 * 1024 % line.length];
            for (int i = 0; i < block.length; i += line.length)
            {
                System.arraycopy(line, 0, block, i, line.length);
            }
            final AtomicLong written = new AtomicLong();
            final Thread writer = new Thread(() ->
            {
                try
                {
                    while (written.get() < HUNDRED_MB)
                    {
                        if (chunked)
                        {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked)
                        {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        written.addAndGet(block.length);
                    }
                }
                catch (final IOException closedByServer)
                {
                    // Expected: the server answered and closed the connection.
                }
            }, "flood-writer");
            writer.setDaemon(true);
            writer.start();
            final Raw answer = read(socket.getInputStream());
            socket.shutdownOutput();
            writer.join(30_000);
            assertThat(written.get()).as("the server stopped reading before the end").isLessThan(HUNDRED_MB);
            return answer;
        }
    }

    private static Raw read(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        int contentLength = -1;
        int headEnd = -1;
        try
        {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer))
            {
                bytes.write(buffer, 0, n);
                final String text = bytes.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0)
                {
                    headEnd = text.indexOf("\r\n\r\n");
                    if (headEnd >= 0)
                    {
                        final java.util.regex.Matcher length = java.util.regex.Pattern
                            .compile("(?i)content-length:\\s*(\\d+)").matcher(text.substring(0, headEnd));
                        contentLength = length.find() ? Integer.parseInt(length.group(1)) : -1;
                    }
                }
                if (headEnd >= 0 && contentLength >= 0 && bytes.size() >= headEnd + 4 + contentLength)
                {
                    break;
                }
            }
        }
        catch (final IOException reset)
        {
            // The server may reset a connection it closed while the client still wrote; the answer was read.
        }
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).as("an answer").startsWith("HTTP/1.");
        final int end = text.indexOf("\r\n\r\n");
        final String head = end < 0 ? text : text.substring(0, end);
        final String body = end < 0 ? "" : text.substring(end + 4);
        return new Raw(Integer.parseInt(text.substring(9, 12)), head, body);
    }

    private static byte[] concat(final String start, final byte[] middle, final String end)
    {
        final List<byte[]> parts = new ArrayList<>(List.of(start.getBytes(StandardCharsets.US_ASCII), middle,
            end.getBytes(StandardCharsets.US_ASCII)));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
