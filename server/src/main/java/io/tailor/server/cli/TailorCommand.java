package io.tailor.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tailor} command line: {@code serve} runs a node, {@code demo} runs one with demo data,
 * {@code grid} runs a dedicated grid member, {@code keys new} makes an API key.
 */
@Command(name = "tailor", mixinStandardHelpOptions = true, version = "Tailor 0.1.0",
    description = "Real-time, in-memory personalization server for online stores.",
    subcommands = {ServeCommand.class, DemoCommand.class, GridCommand.class, KeysCommand.class,
        CommandLine.HelpCommand.class})
public final class TailorCommand implements Runnable
{
    private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args arguments.
     */
    public static void main(final String[] args)
    {
        // Before anything touches ForkJoinPool: with parallelism 1 (2 CPUs) Hazelcast would start a thread per
        // async completion. The launcher passes it (jvm.properties); this covers `java -jar` by hand.
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null)
        {
            System.setProperty(COMMON_POOL_PARALLELISM, "4");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with Tailor's error handling: a setting out of range or a bad configuration file is
     * the operator's to fix, so it is one line naming the setting and exit code 2, not a stack trace.
     *
     * @return the command line.
     */
    static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new TailorCommand());
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) ->
        {
            if (ex instanceof IllegalArgumentException)
            {
                cmd.getErr().println("tailor " + cmd.getCommandName() + ": " + ex.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            throw ex;
        });
        return commandLine;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
