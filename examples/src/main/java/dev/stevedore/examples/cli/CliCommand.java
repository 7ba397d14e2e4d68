package dev.stevedore.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A subcommand: gets the {@link CliContext} from {@link Cli}'s factory and returns its exit code.
 */
abstract class CliCommand implements Callable<Integer> {
    /** The usage error exit code, as Docker's 125. */
    static final int USAGE = 125;

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Print usage.")
    boolean help;

    private CliContext context;

    final void context(CliContext value) {
        this.context = value;
    }

    final CliContext ctx() {
        return context;
    }

    final PrintWriter out() {
        return context.out();
    }

    final PrintWriter err() {
        return context.err();
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws Exception on failure; {@link Cli} prints it as {@code stevedore: Error: ...}
     */
    abstract int execute() throws Exception;
}
