package dev.stevedore.examples.cli;

import dev.stevedore.ContainerNotFoundException;
import dev.stevedore.ImageNotFoundException;
import dev.stevedore.StevedoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code stevedore} command: Docker's verbs on the Stevedore library, without a daemon.
 *
 * <pre>{@code
 * stevedore build -t friendlyhello examples/friendlyhello
 * stevedore run -d -p 4000:80 --name web friendlyhello
 * stevedore ps
 * }</pre>
 *
 * <p>Exit codes: 0 on success; 125 for a bad command line and for {@code run} failing before
 * the container runs; 1 when another command fails; {@code run} in the foreground exits with
 * the container's code. Errors are printed as {@code stevedore: Error: <message>}.
 */
@Command(name = "stevedore", description = "A daemon-less container engine.",
        mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class)
public final class Cli implements Runnable {
    /**
     * The commands, in the order help lists them. Only the one a command line names is turned
     * into a picocli model (reflection over its annotations costs ~10 ms a command on a cold
     * JVM); all of them for help and for an unknown name.
     */
    static final List<Class<?>> COMMANDS = List.of(
            VersionCommand.class, InfoCommand.class,
            RunCommands.Run.class, ContainerListCommands.Ps.class, ContainerExecCommands.Logs.class,
            ContainerCommands.Stop.class, ContainerCommands.Kill.class, ContainerCommands.Rm.class,
            ContainerExecCommands.Exec.class, ContainerExecCommands.Commit.class, ContainerCommands.ContainerGroup.class,
            BuildCommands.Build.class, ImageCommands.Images.class, ImageCommands.Tag.class,
            TransferCommands.Pull.class, TransferCommands.Push.class, ImageCommands.Rmi.class,
            ArchiveCommands.Save.class, ArchiveCommands.Load.class, ImageCommands.ImageGroup.class,
            InspectCommand.class, LoginCommands.Login.class, LoginCommands.Logout.class,
            NetworkCommands.Network.class, SystemCommands.System.class);

    @Option(names = "--home", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "The engine home (default: $STEVEDORE_HOME, else /var/lib/stevedore for root).")
    void home(Path value) {
        context.home(value);
    }

    @Option(names = "--config", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Location of the client config files (default: $DOCKER_CONFIG, else ~/.docker).")
    void config(Path value) {
        System.setProperty("docker.config", value.toString());
    }

    private final CliContext context;

    private Cli(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        context.out().print(new CommandLine(this).getUsageMessage());
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            // fast path: no picocli model, no engine (see docs/cli.md, "Start-up time")
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            VersionCommand.print(out);
            out.flush();
            return;
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR"); // no "no SLF4J providers" notice
        }
        PrintWriter out = new PrintWriter(new PrintStream(System.out, true, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new PrintStream(System.err, true, StandardCharsets.UTF_8), true);
        int code = run(new CliContext(out, err, System.in, Clock.systemUTC(), System.getenv()), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs one command line in this JVM.
     *
     * <pre>{@code int code = Cli.run(new CliContext(out, err, in, clock, env), "ps", "-a");}</pre>
     *
     * @param context streams, clock and environment; closed (its engine with it) at the end
     * @param args the arguments
     * @return the exit code
     */
    public static int run(CliContext context, String... args) {
        try (context) {
            CommandLine cl = commandLine(context, args);
            return cl.execute(args);
        }
    }

    /**
     * The picocli model wired to a context, with every command.
     *
     * @param context streams, clock and environment
     * @return the command line
     */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, new String[0]);
    }

    /** The command a command line names (its first word that is not a global option), if any. */
    static Optional<String> commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home") || a.equals("--config")) {
                i++;
            } else if (!a.startsWith("-")) {
                return Optional.of(a);
            } else if (!a.startsWith("--home=") && !a.startsWith("--config=")) {
                return Optional.empty(); // help, version or a bad option: picocli answers with the whole model
            }
        }
        return Optional.empty();
    }

    /**
     * The picocli model for one command line: with only the command it names when that is a
     * known one, else with every command.
     */
    static CommandLine commandLine(CliContext context, String[] args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == Cli.class) {
                    return type.cast(new Cli(context));
                }
                K made = defaults.create(type);
                if (made instanceof CliCommand c) {
                    c.context(context);
                }
                return made;
            }
        };
        CommandLine cl = new CommandLine(Cli.class, factory);
        Optional<String> name = commandName(args);
        Optional<Class<?>> only = name.flatMap(n -> COMMANDS.stream().filter(c -> names(c).contains(n)).findFirst());
        for (Class<?> c : only.map(List::<Class<?>>of).orElse(COMMANDS)) {
            cl.addSubcommand(new CommandLine(c, factory));
        }
        for (String stop : new String[] {"run", "exec"}) {
            Optional.ofNullable(cl.getSubcommands().get(stop)).ifPresent(c -> c.setStopAtPositional(true));
            Optional.ofNullable(cl.getSubcommands().get("container"))
                    .map(c -> c.getSubcommands().get(stop)).ifPresent(c -> c.setStopAtPositional(true));
        }
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setParameterExceptionHandler((ex, unmatched) -> {
            CommandLine cmd = ex.getCommandLine();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && cmd.getCommandSpec().subcommands().size() > 0
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                context.err().println("stevedore: Error: '" + u.getUnmatched().get(0) + "' is not a "
                        + cmd.getCommandSpec().qualifiedName() + " command.");
                context.err().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
                return CliCommand.USAGE;
            }
            context.err().println("stevedore: Error: " + ex.getMessage());
            context.err().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return CliCommand.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            context.err().println("stevedore: Error: " + message(ex));
            return exitCode(ex, cmd);
        });
        return cl;
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.aliases()));
        names.add(0, c.name());
        return names;
    }

    private static String message(Exception ex) {
        if (ex instanceof ContainerNotFoundException nf) {
            return "No such container: " + nf.getMessage().replaceFirst("^no such container: ", "");
        }
        String m = ex.getMessage();
        return m == null ? ex.getClass().getSimpleName() : m;
    }

    private static int exitCode(Exception ex, CommandLine cmd) {
        if (ex instanceof CliException c) {
            return c.exitCode();
        }
        if (ex instanceof OutputFormat.FormatException || ex instanceof IllegalArgumentException) {
            return CliCommand.USAGE;
        }
        boolean run = cmd.getCommandName().equals("run");
        if (run || !(ex instanceof StevedoreException || ex instanceof ImageNotFoundException)) {
            return CliCommand.USAGE;
        }
        return 1;
    }
}
