package dev.stevedore.examples.cli;

import dev.stevedore.NetworkInfo;
import dev.stevedore.Networks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stevedore network create|ls|rm}. A 0.1 network is one shared network namespace with
 * names in {@code /etc/hosts} (driver {@code shared}); {@code host} and {@code none} are built in.
 */
final class NetworkCommands {
    static final String TABLE = "table {{.ID}}\\t{{.Name}}\\t{{.Driver}}\\t{{.Scope}}";
    static final Map<String, String> HEADERS = new LinkedHashMap<>(Map.of());

    static {
        HEADERS.put("ID", "NETWORK ID");
        HEADERS.put("Name", "NAME");
        HEADERS.put("Driver", "DRIVER");
        HEADERS.put("Scope", "SCOPE");
        HEADERS.put("CreatedAt", "CREATED AT");
        HEADERS.put("Containers", "CONTAINERS");
    }

    private NetworkCommands() {}

    private static Networks networks(CliCommand c) {
        return c.ctx().engine().containers().networks();
    }

    /** {@code network create}. */
    @Command(name = "create", description = "Create a network.")
    static final class Create extends CliCommand {
        @Parameters(paramLabel = "NETWORK")
        String name;

        @Override
        int execute() {
            out().println(networks(this).create(name).id());
            return 0;
        }
    }

    /** {@code network ls}. */
    @Command(name = "ls", aliases = "list", description = "List networks.")
    static final class Ls extends CliCommand {
        @Option(names = {"-q", "--quiet"}, description = "Only display network IDs.")
        boolean quiet;
        @Option(names = "--format", description = "Format output using a Go-template subset (see docs/cli.md).")
        String format;

        @Override
        int execute() {
            List<Map<String, String>> rows = new ArrayList<>();
            rows.add(row("host", "host", "host", "", ""));
            rows.add(row("none", "none", "null", "", ""));
            for (NetworkInfo n : networks(this).list()) {
                rows.add(row(n.id().substring(0, Math.min(12, n.id().length())), n.name(), "shared",
                        n.created().toString(), String.join(",", n.containers())));
            }
            String f = quiet ? "{{.ID}}" : format == null ? TABLE : format;
            out().print(OutputFormat.parse(f).render(HEADERS, rows));
            return 0;
        }

        private static Map<String, String> row(String id, String name, String driver, String created,
                String containers) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("ID", id);
            r.put("Name", name);
            r.put("Driver", driver);
            r.put("Scope", "local");
            r.put("CreatedAt", created);
            r.put("Containers", containers);
            return r;
        }
    }

    /** {@code network rm}. */
    @Command(name = "rm", aliases = "remove", description = "Remove one or more networks.")
    static final class Rm extends CliCommand {
        @Parameters(paramLabel = "NETWORK", arity = "1..*")
        List<String> names;

        @Override
        int execute() {
            int code = 0;
            for (String n : names) {
                try {
                    networks(this).remove(n);
                    out().println(n);
                } catch (RuntimeException e) {
                    err().println("stevedore: Error: " + e.getMessage());
                    code = 1;
                }
            }
            return code;
        }
    }

    /** {@code stevedore network ...}. */
    @Command(name = "network", description = "Manage networks.", subcommands = {Create.class, Ls.class, Rm.class})
    static final class Network extends CliCommand {
        @Override
        int execute() {
            spec.commandLine().usage(out());
            return 0;
        }
    }
}
