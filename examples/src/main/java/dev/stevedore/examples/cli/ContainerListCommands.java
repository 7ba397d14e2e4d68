package dev.stevedore.examples.cli;

import dev.stevedore.ContainerInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stevedore ps} and {@code container ls}. */
final class ContainerListCommands {
    private ContainerListCommands() {}

    /** {@code stevedore ps}, {@code container ls}. */
    @Command(name = "ps", description = "List containers.")
    static class Ps extends CliCommand {
        @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
        boolean all;
        @Option(names = {"-q", "--quiet"}, description = "Only display container IDs.")
        boolean quiet;
        @Option(names = "--no-trunc", description = "Don't truncate output.")
        boolean noTrunc;
        @Option(names = "--format", description = "Format output using a Go-template subset (see docs/cli.md).")
        String format;

        @Override
        int execute() {
            List<ContainerInfo> infos = ctx().engine().containers().list(all);
            var rows = Listings.containers(infos, ctx().clock().instant(), !noTrunc);
            String f = quiet ? "{{.ID}}" : format == null ? Listings.PS_TABLE : format;
            out().print(OutputFormat.parse(f).render(Listings.PS_HEADERS, rows));
            return 0;
        }
    }

    /** {@code stevedore container ls}. */
    @Command(name = "ls", aliases = {"ps", "list"}, description = "List containers.")
    static final class Ls extends Ps {}
}
