package dev.stevedore.examples.cli;

import dev.stevedore.CommitOptions;
import dev.stevedore.Container;
import dev.stevedore.ContainerBuilder;
import dev.stevedore.ContainerExit;
import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerNotFoundException;
import dev.stevedore.ExecRequest;
import dev.stevedore.ExecResult;
import dev.stevedore.LogFollower;
import dev.stevedore.LogLine;
import dev.stevedore.PortSpec;
import dev.stevedore.Stevedore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The container verbs: run, ps, logs, stop, kill, rm, exec, commit, and the {@code container} group. */
final class ContainerCommands {
    private ContainerCommands() {}

    static Container find(CliContext ctx, String idOrName) {
        Stevedore engine = ctx.engine();
        return engine.containers().get(idOrName)
                .orElseThrow(() -> new ContainerNotFoundException(idOrName, engine.home().toString()));
    }

    /** {@code stevedore run}. */
    @Command(name = "run", description = "Create and run a new container from an image.")
    static final class Run extends CliCommand {
        @Option(names = {"-d", "--detach"}, description = "Run in the background and print the container ID.")
        boolean detach;
        @Option(names = "--rm", description = "Remove the container when it exits.")
        boolean rm;
        @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST:]CONTAINER[/PROTO]",
                description = "Publish a container's port to the host.")
        List<String> publish = new ArrayList<>();
        @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to free host ports.")
        boolean publishAll;
        @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set an environment variable.")
        List<String> env = new ArrayList<>();
        @Option(names = {"-v", "--volume"}, paramLabel = "SRC:DST[:ro]",
                description = "Bind a host path (absolute SRC) or mount a named volume.")
        List<String> volumes = new ArrayList<>();
        @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
        String workdir;
        @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>]).")
        String user;
        @Option(names = "--name", description = "Assign a name to the container.")
        String name;
        @Option(names = "--hostname", description = "Container host name.")
        String hostname;
        @Option(names = "--network", description = "none, host, container:<name|id> or a network's name.")
        String network;
        @Option(names = {"-m", "--memory"}, description = "Memory limit, such as 512m.")
        String memory;
        @Option(names = "--cpus", description = "Number of CPUs.")
        Double cpus;
        @Option(names = "--pids-limit", description = "Tune container pids limit.")
        Long pidsLimit;
        @Option(names = "--entrypoint", description = "Overwrite the default ENTRYPOINT of the image.")
        String entrypoint;
        @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps.")
        boolean init;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set metadata on a container.")
        List<String> labels = new ArrayList<>();
        @Option(names = {"-i", "--interactive"}, description = "Not supported in 0.1.")
        boolean interactive;
        @Option(names = {"-t", "--tty"}, description = "Not supported in 0.1.")
        boolean tty;
        @Option(names = "--security-opt", description = "Not supported in 0.1.")
        List<String> securityOpts = new ArrayList<>();
        @Parameters(index = "0", paramLabel = "IMAGE")
        String image;
        @Parameters(index = "1..*", paramLabel = "COMMAND")
        List<String> command = new ArrayList<>();

        @Override
        int execute() {
            unsupported(interactive, "-i/--interactive", "containers get no standard input");
            unsupported(tty, "-t/--tty", "containers get no terminal");
            unsupported(!securityOpts.isEmpty(), "--security-opt", "the default seccomp profile and capabilities apply");
            Stevedore engine = ctx().engine();
            if (engine.images().find(image).isEmpty()) {
                err().println("Unable to find image '" + image + "' locally");
            }
            ContainerBuilder b = engine.containers().create(image);
            if (!command.isEmpty()) {
                b = b.cmd(command);
            }
            if (entrypoint != null) {
                b = entrypoint.isEmpty() ? b.entrypoint(List.of()) : b.entrypoint(entrypoint);
            }
            for (String e : env) {
                b = e.contains("=") ? b.env(e) : b.env(e, ctx().env().getOrDefault(e, ""));
            }
            for (String p : publish) {
                b = b.publish(PortSpec.parse(p));
            }
            if (publishAll) {
                Set<String> exposed = engine.images().inspect(image).config().config().exposedPorts();
                for (String port : exposed) {
                    b = b.publish(PortSpec.parse(port));
                }
            }
            for (String v : volumes) {
                b = b.mount(VolumeFlag.parse(v));
            }
            b = workdir == null ? b : b.workdir(workdir);
            b = user == null ? b : b.user(user);
            b = name == null ? b : b.name(name);
            b = hostname == null ? b : b.hostname(hostname);
            b = network == null ? b : b.network(network);
            b = memory == null ? b : b.memory(Human.ramInBytes(memory));
            b = cpus == null ? b : b.cpus(cpus);
            b = pidsLimit == null ? b : b.pidsLimit(pidsLimit);
            for (String l : labels) {
                int eq = l.indexOf('=');
                b = eq < 0 ? b.label(l, "") : b.label(l.substring(0, eq), l.substring(eq + 1));
            }
            b = b.init(init).autoRemove(rm);
            if (detach) {
                Container c = b.detached(true).start(); // not closed: it outlives this process
                out().println(c.id());
                return 0;
            }
            try (Container c = b.start()) {
                try (LogFollower f = c.followLogs()) {
                    f.lines().forEach(this::print);
                }
                ContainerExit exit = c.waitFor();
                return exit.exitCode();
            }
        }

        private void print(LogLine line) {
            if (line.stream() == LogLine.Stream.STDERR) {
                err().print(line.text());
                err().flush();
            } else {
                out().print(line.text());
                out().flush();
            }
        }
    }

    static void unsupported(boolean given, String flag, String why) {
        if (given) {
            throw new CliException(CliCommand.USAGE, flag + " is not supported in Stevedore 0.1 (" + why + ")");
        }
    }

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

    /** {@code stevedore logs}. */
    @Command(name = "logs", description = "Fetch the logs of a container.")
    static final class Logs extends CliCommand {
        @Option(names = {"-f", "--follow"}, description = "Follow log output.")
        boolean follow;
        @Parameters(paramLabel = "CONTAINER")
        String container;

        @Override
        int execute() {
            Container c = find(ctx(), container);
            if (!follow) {
                c.logs().forEach(this::print);
                return 0;
            }
            try (LogFollower f = c.followLogs()) {
                f.lines().forEach(this::print);
            }
            return 0;
        }

        private void print(LogLine line) {
            (line.stream() == LogLine.Stream.STDERR ? err() : out()).print(line.text());
            out().flush();
            err().flush();
        }
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

    /** {@code stevedore exec}. */
    @Command(name = "exec", description = "Execute a command in a running container.")
    static final class Exec extends CliCommand {
        @Option(names = {"-e", "--env"}, description = "Set environment variables.")
        List<String> env = new ArrayList<>();
        @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
        String workdir;
        @Option(names = {"-u", "--user"}, description = "Username or UID.")
        String user;
        @Option(names = {"-i", "--interactive"}, description = "Not supported in 0.1.")
        boolean interactive;
        @Option(names = {"-t", "--tty"}, description = "Not supported in 0.1.")
        boolean tty;
        @Parameters(index = "0", paramLabel = "CONTAINER")
        String container;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
        List<String> command;

        @Override
        int execute() {
            unsupported(interactive, "-i/--interactive", "exec gets no standard input");
            unsupported(tty, "-t/--tty", "exec gets no terminal");
            ExecRequest r = ExecRequest.of(command);
            for (String e : env) {
                r = r.withEnv(e);
            }
            r = workdir == null ? r : r.withWorkdir(workdir);
            r = user == null ? r : r.withUser(user);
            ExecResult result = find(ctx(), container).exec(r);
            out().print(result.stdout());
            err().print(result.stderr());
            return result.exitCode();
        }
    }

    /** {@code stevedore commit}. */
    @Command(name = "commit", description = "Create a new image from a container's changes.")
    static final class Commit extends CliCommand {
        @Option(names = {"-m", "--message"}, description = "Commit message.")
        String message;
        @Option(names = {"-a", "--author"}, description = "Author.")
        String author;
        @Parameters(index = "0", paramLabel = "CONTAINER")
        String container;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
        String reference;

        @Override
        int execute() {
            CommitOptions o = reference == null ? CommitOptions.untagged() : CommitOptions.tagged(reference);
            o = message == null ? o : o.withMessage(message);
            o = author == null ? o : o.withAuthor(author);
            out().println(find(ctx(), container).commit(o).id());
            return 0;
        }
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
            subcommands = {Run.class, Ls.class, Logs.class, Stop.class, Kill.class, Rm.class, Exec.class,
                Commit.class, Prune.class, InspectCommand.class})
    static final class ContainerGroup extends CliCommand {
        @Override
        int execute() {
            spec.commandLine().usage(out());
            return 0;
        }
    }
}
