package io.tailor.server.sdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's checks of {@code sdk/js}: its unit tests ({@code node --test}) pass, the source is ES2017, and it
 * stays within 6 KB minified and gzipped.
 * <p>
 * Minified by Google's Closure Compiler (the Maven artifact, copied to {@code target/tools} by the build) with
 * {@code SIMPLE} optimisations, which keep every property name, so the unit tests run again on the minified file.
 * Closure Compiler needs Java 21: on an older JVM the test runs it with the first JDK 21+ under
 * {@code /usr/lib/jvm} (CI's JDK 25). The gzip is {@link GZIPOutputStream}'s default level, as a server
 * compresses. The numbers go to {@code target/tailor-js-size.txt}.
 */
class TailorJsBuildTest
{
    /** The bound: minified and gzipped. */
    static final int MAX_GZIPPED_BYTES = 6 * 1024;

    private static final Path ROOT = Path.of(System.getProperty("tailor.project.root", "..")).toAbsolutePath()
        .normalize();
    private static final Path SDK = ROOT.resolve("sdk/js");
    private static final Path CLOSURE = Path.of("target/tools/closure-compiler.jar").toAbsolutePath();
    private static final Path MINIFIED = Path.of("target/tailor-js/tailor.min.js").toAbsolutePath();
    private static final long MAX_SECONDS = 240;

    private static Run minification;

    @BeforeAll
    static void minify() throws IOException
    {
        Files.createDirectories(MINIFIED.getParent());
        Files.deleteIfExists(MINIFIED);
        minification = run(List.of(java21().toString(), "-jar", CLOSURE.toString(),
            "--js", SDK.resolve("src/tailor.js").toString(), "--js_output_file", MINIFIED.toString(),
            "--compilation_level", "SIMPLE", "--language_in", "ECMASCRIPT_2017", "--language_out", "ECMASCRIPT_2017",
            "--rewrite_polyfills=false", "--inject_libraries=false"), Map.of());
    }

    @Test
    void shouldPassItsUnitTests()
    {
        final Run tests = node(Map.of());

        assertThat(tests.exit()).as(tests.output()).isZero();
        assertThat(passed(tests.output())).as(tests.output()).isPositive();
    }

    @Test
    void shouldBeEcmaScript2017AndStayWithin6KbMinifiedAndGzipped() throws IOException
    {
        assertThat(minification.exit()).as(minification.output()).isZero();
        final byte[] source = Files.readAllBytes(SDK.resolve("src/tailor.js"));
        final byte[] minified = Files.readAllBytes(MINIFIED);
        final int gzipped = gzip(minified).length;
        Files.writeString(Path.of("target/tailor-js-size.txt"), "sdk/js/src/tailor.js: " + source.length +
            " bytes, gzipped " + gzip(source).length + "; minified (Closure Compiler SIMPLE) " + minified.length +
            ", minified and gzipped " + gzipped + " (bound " + MAX_GZIPPED_BYTES + ")\n");

        assertThat(minified.length).isPositive().isLessThan(source.length);
        assertThat(gzipped).isLessThanOrEqualTo(MAX_GZIPPED_BYTES);
    }

    @Test
    void shouldPassItsUnitTestsMinified()
    {
        assertThat(minification.exit()).as(minification.output()).isZero();

        final Run tests = node(Map.of("TAILOR_JS", MINIFIED.toString()));

        assertThat(tests.exit()).as(tests.output()).isZero();
        assertThat(passed(tests.output())).as(tests.output()).isEqualTo(passed(node(Map.of()).output()));
    }

    private static Run node(final Map<String, String> environment)
    {
        return run(List.of("node", "--test", "--test-reporter=tap", "test/tailor.test.js"), environment);
    }

    private static int passed(final String tapOutput)
    {
        final Matcher matcher = Pattern.compile("(?m)^# pass (\\d+)$").matcher(tapOutput);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /** This JVM when it is 21 or later, else the first JDK 21+ under /usr/lib/jvm. */
    private static Path java21()
    {
        if (Runtime.version().feature() >= 21)
        {
            return Path.of(ProcessHandle.current().info().command().orElseThrow());
        }
        final List<Path> candidates = new ArrayList<>();
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm")))
        {
            jdks.sorted().forEach(candidates::add);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("Closure Compiler needs Java 21+ and this is Java " +
                Runtime.version().feature() + ": run the build on JDK 21+ or install one under /usr/lib/jvm", ex);
        }
        for (final Path jdk : candidates)
        {
            final Optional<Integer> feature = releaseFeature(jdk.resolve("release"));
            if (feature.isPresent() && feature.get() >= 21 && Files.isExecutable(jdk.resolve("bin/java")))
            {
                return jdk.resolve("bin/java");
            }
        }
        throw new IllegalStateException("Closure Compiler needs Java 21+: none under /usr/lib/jvm (" + candidates +
            "); run the build on JDK 21+");
    }

    private static Optional<Integer> releaseFeature(final Path release)
    {
        try
        {
            final Matcher matcher = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    private static byte[] gzip(final byte[] bytes) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out))
        {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static Run run(final List<String> command, final Map<String, String> environment)
    {
        try
        {
            final Path log = Files.createTempFile(Path.of("target"), "sdk-js-", ".log");
            final ProcessBuilder builder = new ProcessBuilder(command).directory(SDK.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            final Process process = builder.start();
            if (!process.waitFor(MAX_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return new Run(-1, String.join(" ", command) + " did not finish within " + MAX_SECONDS + " s");
            }
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Run(process.exitValue(), String.join(" ", command) + "\n" + output);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(command.get(0) + " could not run (node: deploy/ci/install-tools.sh " +
                "installs Debian's nodejs)", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A finished process: its exit status and its output (standard output and error together). */
    private record Run(int exit, String output)
    {
    }
}
