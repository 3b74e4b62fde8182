package io.tailor.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadtestCommandTest
{
    @Test
    void shouldTreatOptionsWithoutASubcommandAsRun()
    {
        assertThat(LoadtestCommand.withDefaultSubcommand(new String[] {"--rate", "100"}))
            .containsExactly("run", "--rate", "100");
    }

    @Test
    void shouldLeaveSubcommandsHelpAndAnEmptyLineAlone()
    {
        assertThat(LoadtestCommand.withDefaultSubcommand(new String[] {"generate", "--products", "5"}))
            .containsExactly("generate", "--products", "5");
        assertThat(LoadtestCommand.withDefaultSubcommand(new String[] {"--help"})).containsExactly("--help");
        assertThat(LoadtestCommand.withDefaultSubcommand(new String[0])).isEmpty();
    }
}
