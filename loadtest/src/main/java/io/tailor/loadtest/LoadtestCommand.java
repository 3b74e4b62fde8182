package io.tailor.loadtest;

import io.tailor.loadtest.cli.ExperimentCommand;
import io.tailor.loadtest.cli.ExploreCommand;
import io.tailor.loadtest.cli.GenerateCommand;
import io.tailor.loadtest.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/**
 * {@code tailor loadtest}: an HTTP load generator and data generator for Tailor. {@code run} is the default
 * subcommand: options given without a subcommand go to it ({@code loadtest --rate 1000} is
 * {@code loadtest run --rate 1000}); with no arguments at all the usage is printed.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, version = "tailor-loadtest 0.1.0",
    description = {"Load a Tailor node over HTTP and report latency (open or closed model), or load a synthetic " +
        "store into it.", "", "'run' is the default: options without a subcommand go to 'run'."},
    subcommands = {RunCommand.class, GenerateCommand.class, ExploreCommand.class, ExperimentCommand.class,
        CommandLine.HelpCommand.class})
public final class LoadtestCommand implements Runnable
{
    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Entry point.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs a command line and returns its exit code (0 done, 1 failed, 2 bad usage, 3 an SLO missed).
     *
     * @param args command line.
     * @return exit code.
     */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new LoadtestCommand());
        commandLine.setExecutionExceptionHandler((ex, command, parsed) ->
        {
            // Expected failures (bad values, an unreachable server) are one line, not a stack trace.
            command.getErr().println("loadtest: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine.execute(withDefaultSubcommand(args));
    }

    /**
     * Puts {@code run} in front of arguments that start with a run option.
     *
     * @param args command line.
     * @return the arguments to parse.
     */
    static String[] withDefaultSubcommand(final String[] args)
    {
        if (args.length == 0 || !args[0].startsWith("-") || OWN_OPTIONS.contains(args[0]))
        {
            return args;
        }
        final String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
