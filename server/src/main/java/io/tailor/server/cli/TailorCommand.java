package io.tailor.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tailor} command line: {@code serve} runs a node, {@code demo} runs one with demo data,
 * {@code grid} runs a dedicated grid member.
 */
@Command(name = "tailor", mixinStandardHelpOptions = true, version = "Tailor 0.1.0",
    description = "Real-time, in-memory personalization server for online stores.",
    subcommands = {ServeCommand.class, DemoCommand.class, GridCommand.class, CommandLine.HelpCommand.class})
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
        System.exit(new CommandLine(new TailorCommand()).execute(args));
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
