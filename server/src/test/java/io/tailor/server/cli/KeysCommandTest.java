package io.tailor.server.cli;

import io.tailor.server.config.ApiKeysFile;
import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCommandTest
{
    @Test
    void shouldPrintTheKeyOnceOnStderrAndItsFileLineOnStdout()
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = TailorCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        final int exit = commandLine.execute("keys", "new", "--name", "storefront", "--scopes",
            "recs:read,events:write", "--public", "--rate", "200/s");

        assertThat(exit).isZero();
        final String key = err.toString().lines().filter(line -> line.startsWith("tlr_")).findFirst().orElseThrow();
        assertThat(key).startsWith("tlr_pk_");
        assertThat(out.toString()).doesNotContain(key);
        final ApiKeys keys = ApiKeysFile.parse(out.toString(), "stdout");
        final ApiKey stored = keys.authenticate(key);
        assertThat(stored).isNotNull();
        assertThat(stored.name()).isEqualTo("storefront");
        assertThat(stored.isPublic()).isTrue();
        assertThat(stored.scopes()).containsExactlyInAnyOrder(Scope.RECS_READ, Scope.EVENTS_WRITE);
        assertThat(stored.rate().perSecond()).isEqualTo(200.0);
    }

    @Test
    void shouldRefuseAPublicKeyWithAdminScopeWithoutAStackTrace()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = TailorCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        final int exit = commandLine.execute("keys", "new", "--name", "web", "--scopes", "admin", "--public");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("public key may carry only").doesNotContain("\tat ")
            .doesNotContain("tlr_");
    }
}
