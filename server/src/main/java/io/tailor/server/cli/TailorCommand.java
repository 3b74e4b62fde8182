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
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Entry point.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new TailorCommand()).execute(args));
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
