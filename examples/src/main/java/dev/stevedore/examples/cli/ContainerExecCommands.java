package dev.stevedore.examples.cli;

import dev.stevedore.CommitOptions;
import dev.stevedore.Container;
import dev.stevedore.ExecRequest;
import dev.stevedore.ExecResult;
import dev.stevedore.LogFollower;
import dev.stevedore.LogLine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The verbs that look into a container: logs, exec, commit. */
final class ContainerExecCommands {
    private ContainerExecCommands() {}

    /** {@code stevedore logs}. */
    @Command(name = "logs", description = "Fetch the logs of a container.")
    static final class Logs extends CliCommand {
        @Option(names = {"-f", "--follow"}, description = "Follow log output.")
        boolean follow;
        @Parameters(paramLabel = "CONTAINER")
        String container;

        @Override
        int execute() {
            Container c = ContainerCommands.find(ctx(), container);
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
            RunCommands.unsupported(interactive, "-i/--interactive", "exec gets no standard input");
            RunCommands.unsupported(tty, "-t/--tty", "exec gets no terminal");
            ExecRequest r = ExecRequest.of(command);
            for (String e : env) {
                r = r.withEnv(e);
            }
            r = workdir == null ? r : r.withWorkdir(workdir);
            r = user == null ? r : r.withUser(user);
            ExecResult result = ContainerCommands.find(ctx(), container).exec(r);
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
            out().println(ContainerCommands.find(ctx(), container).commit(o).id());
            return 0;
        }
    }
}
