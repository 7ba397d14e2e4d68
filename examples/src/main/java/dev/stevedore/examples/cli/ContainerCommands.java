package dev.stevedore.examples.cli;

import dev.stevedore.Container;
import dev.stevedore.ContainerNotFoundException;
import dev.stevedore.Stevedore;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The container lifecycle verbs (stop, kill, rm, container prune), the {@code container} group,
 * and helpers the other container commands share. run, ps and logs/exec/commit live in
 * {@link RunCommands}, {@link ContainerListCommands} and {@link ContainerExecCommands}.
 */
final class ContainerCommands {
    private ContainerCommands() {}

    static Container find(CliContext ctx, String idOrName) {
        Stevedore engine = ctx.engine();
        return engine.containers().get(idOrName)
                .orElseThrow(() -> new ContainerNotFoundException(idOrName, engine.home().toString()));
    }

    /** {@code stevedore stop}. */
    @Command(name = "stop", description = "Stop one or more running containers.")
    static final class Stop extends CliCommand {
        @Option(names = {"-t", "--time"}, description = "Seconds to wait before killing the container.")
        Integer seconds;
        @Parameters(paramLabel = "CONTAINER", arity = "1..*")
        List<String> containers;

        @Override
        int execute() {
            return forEach(this, containers, c -> {
                if (seconds == null) {
                    c.stop();
                } else {
                    c.stop(Duration.ofSeconds(seconds));
                }
            });
        }
    }

    /** {@code stevedore kill}. */
    @Command(name = "kill", description = "Kill one or more running containers.")
    static final class Kill extends CliCommand {
        @Option(names = {"-s", "--signal"}, description = "Signal to send to the container.", defaultValue = "KILL")
        String signal;
        @Parameters(paramLabel = "CONTAINER", arity = "1..*")
        List<String> containers;

        @Override
        int execute() {
            return forEach(this, containers, c -> c.kill(signal));
        }
    }

    /** {@code stevedore rm}. */
    @Command(name = "rm", description = "Remove one or more containers.")
    static final class Rm extends CliCommand {
        @Option(names = {"-f", "--force"}, description = "Force the removal of a running container.")
        boolean force;
        @Parameters(paramLabel = "CONTAINER", arity = "1..*")
        List<String> containers;

        @Override
        int execute() {
            int code = 0;
            for (String id : containers) {
                try {
                    ctx().engine().containers().remove(id, force);
                    out().println(id);
                } catch (RuntimeException e) {
                    err().println("stevedore: Error: " + message(e));
                    code = 1;
                }
            }
            return code;
        }
    }

    interface ContainerAction {
        void apply(Container c);
    }

    static int forEach(CliCommand cmd, List<String> ids, ContainerAction action) {
        int code = 0;
        for (String id : ids) {
            try {
                action.apply(find(cmd.ctx(), id));
                cmd.out().println(id);
            } catch (RuntimeException e) {
                cmd.err().println("stevedore: Error: " + message(e));
                code = 1;
            }
        }
        return code;
    }

    static String message(RuntimeException e) {
        if (e instanceof ContainerNotFoundException) {
            return "No such container: " + e.getMessage().replaceFirst("^no such container: ", "");
        }
        return e.getMessage();
    }

    /** {@code stevedore container prune}. */
    @Command(name = "prune", description = "Remove all stopped containers.")
    static final class Prune extends CliCommand {
        @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (there is no prompt).")
        boolean force;

        @Override
        int execute() {
            List<String> removed = ctx().engine().containers().prune().removed();
            if (!removed.isEmpty()) {
                out().println("Deleted Containers:");
                removed.forEach(out()::println);
                out().println();
            }
            out().println("Total reclaimed space: 0B");
            return 0;
        }
    }

    /** {@code stevedore container ...}. */
    @Command(name = "container", description = "Manage containers.",
            subcommands = {RunCommands.Run.class, ContainerListCommands.Ls.class, ContainerExecCommands.Logs.class, Stop.class,
                Kill.class, Rm.class, ContainerExecCommands.Exec.class, ContainerExecCommands.Commit.class, Prune.class,
                InspectCommand.class})
    static final class ContainerGroup extends CliCommand {
        @Override
        int execute() {
            spec.commandLine().usage(out());
            return 0;
        }
    }
}
