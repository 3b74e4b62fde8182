package io.tailor.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class ShellScriptsTest
{
    @ParameterizedTest
    @ValueSource(strings = {"local-cluster.sh", "docker-entrypoint.sh", "ci/install-tools.sh"})
    void shouldPassShellcheck(final String script)
    {
        assertThat(Files.isExecutable(DeployFiles.deploy(script))).as(script + " is executable").isTrue();

        final Tools.Result result = Tools.run(DeployFiles.deployDir(), Tools.SHELLCHECK, "--external-sources", script);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
