package io.tailor.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image cannot be built here (no Docker engine) and hadolint is not packaged by Debian, so these checks read the
 * Dockerfile's instructions and hold them to what the platform needs.
 */
class DockerfileTest
{
    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");
    private static final Pattern ENV_NAME = Pattern.compile("\\b(TAILOR_[A-Z_]+)=");

    @Test
    void shouldBuildWithMavenOnAJdkAndRunOnAFullJdkNotAJre()
    {
        final List<String> froms = arguments("FROM");

        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0)).contains("maven").contains("AS build");
        final String runtime = froms.get(froms.size() - 1).toLowerCase(java.util.Locale.ROOT);
        assertThat(runtime).contains("-jdk").doesNotContain("jre");
        assertThat(arguments("RUN")).anySatisfy(run -> assertThat(run).contains("mvn").contains("package"));
    }

    @Test
    void shouldRunTheLauncherWithJvmPropertiesAsANonRootUser()
    {
        final String text = dockerfile();

        assertThat(text).contains("jvm.properties").contains("cp tailor ");
        assertThat(arguments("ENTRYPOINT")).singleElement().asString().contains("docker-entrypoint.sh");
        assertThat(DeployFiles.read(DeployFiles.deploy("docker-entrypoint.sh"))).contains("exec /opt/tailor/tailor");
        assertThat(arguments("USER")).singleElement().asString()
            .doesNotStartWith("root").doesNotStartWith("0").isNotBlank();
    }

    @Test
    void shouldCheckHealthExposeHttpAndGridAndKeepDataInAVolume()
    {
        assertThat(arguments("HEALTHCHECK")).singleElement().asString().contains("/health/ready");
        assertThat(arguments("EXPOSE")).singleElement().asString().contains("8080").contains("5701");
        assertThat(arguments("VOLUME")).singleElement().asString().contains("/var/lib/tailor");
        assertThat(dockerfile()).contains("TAILOR_DATA_DIR=/var/lib/tailor").contains("TAILOR_PORT=8080")
            .contains("TAILOR_GRID_PORT=5701");
        final Matcher env = ENV_NAME.matcher(dockerfile());
        while (env.find())
        {
            assertThat(ContractEnvironment.NAMES).contains(env.group(1));
        }
    }

    @Test
    void shouldKeepBuildOutputAndGitOutOfTheBuildContext()
    {
        assertThat(DeployFiles.read(DeployFiles.deploy("Dockerfile.dockerignore")).lines().toList())
            .contains("**/target/", ".git/", "deploy/secrets/");
    }

    private static String dockerfile()
    {
        return DeployFiles.read(DeployFiles.deploy("Dockerfile"));
    }

    /**
     * The arguments of every instruction of one kind, continuation lines joined, comments dropped.
     */
    private static List<String> arguments(final String instruction)
    {
        final String joined = dockerfile().replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n", " ");
        final List<String> result = new ArrayList<>();
        for (final String line : joined.split("\\n"))
        {
            final Matcher matcher = INSTRUCTION.matcher(line.strip());
            if (matcher.matches() && matcher.group(1).equals(instruction))
            {
                result.add(matcher.group(2).strip());
            }
        }
        return result;
    }
}
