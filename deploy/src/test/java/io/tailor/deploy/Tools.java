package io.tailor.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the external checkers (promtool, docker-compose, shellcheck). A missing tool fails the test with the
 * command that installs it: these checks are never skipped.
 */
final class Tools
{
    static final String PROMTOOL = "promtool";
    static final String DOCKER_COMPOSE = "docker-compose";
    static final String SHELLCHECK = "shellcheck";

    private static final long TIMEOUT_SECONDS = 120;

    private Tools()
    {
    }

    /**
     * The output and exit code of one run.
     *
     * @param exitCode the process's exit code.
     * @param output   standard output and standard error, interleaved.
     */
    record Result(int exitCode, String output)
    {
    }

    /**
     * Finds a tool on the PATH or fails with how to install it.
     *
     * @param tool the executable's name.
     * @return its path.
     */
    static Path require(final String tool)
    {
        final String path = System.getenv("PATH");
        if (path != null)
        {
            for (final String dir : path.split(File.pathSeparator))
            {
                final Path candidate = Path.of(dir, tool);
                if (Files.isExecutable(candidate))
                {
                    return candidate;
                }
            }
        }
        return fail(tool + " is not on the PATH, and the deploy checks need it. Install the tools with ./tailor test "
            + "(it runs deploy/ci/install-tools.sh), or as root: apt-get install -y " + debianPackage(tool));
    }

    /**
     * Runs a tool to completion (or fails after two minutes) in the given directory.
     *
     * @param dir     working directory.
     * @param tool    the executable's name, looked up with {@link #require(String)}.
     * @param args    its arguments.
     * @return exit code and output.
     */
    static Result run(final Path dir, final String tool, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(require(tool).toString());
        command.addAll(List.of(args));
        try
        {
            final Path output = Files.createTempFile("tailor-deploy-" + tool, ".out");
            try
            {
                final Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    return fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(output));
            }
            finally
            {
                Files.deleteIfExists(output);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, ex);
        }
    }

    private static String debianPackage(final String tool)
    {
        return PROMTOOL.equals(tool) ? "prometheus" : tool;
    }
}
