package io.tailor.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tailor} command line: {@code serve} runs a node, {@code demo} runs one with demo data,
 * {@code grid} runs a dedicated grid member, {@code keys new} makes an API key, {@code feed import} sends a catalog
 * feed file to a running node.
 */
@Command(name = "tailor", mixinStandardHelpOptions = true, version = TailorCommand.VERSION,
    description = "Real-time, in-memory personalization server for online stores.",
    subcommands = {ServeCommand.class, DemoCommand.class, GridCommand.class, KeysCommand.class, FeedCommand.class,
        CommandLine.HelpCommand.class})
public final class TailorCommand implements Runnable
{
    /** What {@code -V} prints, for the command and each subcommand. */
    static final String VERSION = "Tailor 0.1.0";

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

    /** Exit code of a start that failed for a reason of the environment (a busy port, a data directory). */
    static final int EXIT_STARTUP = 1;

    /**
     * The command line with Tailor's error handling: a setting out of range or a bad configuration file is
     * the operator's to fix, so it is one line naming the setting and exit code 2, not a stack trace; a start
     * that fails for a reason of the environment the operator can fix ({@link StartupFailure}) is one line
     * naming the option that changes it and exit code 1.
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
            if (ex instanceof StartupFailure)
            {
                cmd.getErr().println("tailor " + cmd.getCommandName() + ": " + ex.getMessage());
                return EXIT_STARTUP;
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
