package dev.stevedore.examples.cli;

import dev.stevedore.Container;
import dev.stevedore.ContainerBuilder;
import dev.stevedore.LogFollower;
import dev.stevedore.LogLine;
import dev.stevedore.PortSpec;
import dev.stevedore.Stevedore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stevedore run}: create a container from an image and run it, attached or detached. */
final class RunCommands {
    private RunCommands() {}

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
            // --rm is the engine's auto-remove, so that a container whose CLI is killed still goes;
            // its follower ends with the log the engine kept when the files went first
            try (Container c = b.start()) {
                try (LogFollower f = c.followLogs()) {
                    f.lines().forEach(this::print);
                }
                return c.waitFor().exitCode();
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
}
