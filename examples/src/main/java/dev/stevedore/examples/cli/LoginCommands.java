package dev.stevedore.examples.cli;

import dev.stevedore.registry.Credentials;
import dev.stevedore.registry.RegistryClient;
import dev.stevedore.registry.RegistryException;
import dev.stevedore.registry.UnauthorizedException;
import java.io.Console;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stevedore login} and {@code logout}: credentials in Docker's {@code config.json}. */
final class LoginCommands {
    private LoginCommands() {}

    /** {@code stevedore login}. */
    @Command(name = "login", description = "Log in to a registry (checks the credentials against its /v2/ first).")
    static final class Login extends CliCommand {
        @Option(names = {"-u", "--username"}, description = "Username.")
        String username;
        @Option(names = {"-p", "--password"}, description = "Password (prefer --password-stdin).")
        String password;
        @Option(names = "--password-stdin", description = "Take the password from stdin.")
        boolean passwordStdin;
        @Parameters(arity = "0..1", paramLabel = "SERVER", defaultValue = "docker.io")
        String server;

        @Override
        int execute() throws Exception {
            if (passwordStdin) {
                if (password != null) {
                    throw new CliException(USAGE, "--password and --password-stdin are mutually exclusive");
                }
                if (username == null) {
                    throw new CliException(USAGE, "Must provide --username with --password-stdin");
                }
                password = new String(ctx().in().readAllBytes(), StandardCharsets.UTF_8).strip();
            } else if (password != null) {
                err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }
            if (username == null || password == null) {
                prompt();
            }
            String host = host(server);
            check(host, username, password);
            String where = new DockerConfigFile(ctx().dockerConfigDir(), ctx().env()).store(host, username, password);
            if (where.endsWith("config.json")) {
                err().println("WARNING! Your password will be stored unencrypted in " + where + ".");
            }
            out().println("Login Succeeded");
            return 0;
        }

        /** Asks for what the command line left out, as docker login does on a terminal. */
        private void prompt() {
            Console console = ctx().console().orElseThrow(() -> new CliException(1,
                    "Cannot perform an interactive login from a non TTY device"));
            if (username == null) {
                String line = console.readLine("Username: ");
                username = line == null ? "" : line.strip();
                if (username.isEmpty()) {
                    throw new CliException(1, "Username is required");
                }
            }
            if (password == null) {
                char[] typed = console.readPassword("Password: ");
                password = typed == null ? "" : new String(typed);
                if (password.isEmpty()) {
                    throw new CliException(1, "Password is required");
                }
            }
        }
    }

    /** {@code stevedore logout}. */
    @Command(name = "logout", description = "Log out from a registry.")
    static final class Logout extends CliCommand {
        @Parameters(arity = "0..1", paramLabel = "SERVER", defaultValue = "docker.io")
        String server;

        @Override
        int execute() throws Exception {
            String host = host(server);
            if (new DockerConfigFile(ctx().dockerConfigDir(), ctx().env()).remove(host)) {
                out().println("Removing login credentials for " + DockerConfigFile.key(host));
            } else {
                out().println("Not logged in to " + DockerConfigFile.key(host));
            }
            return 0;
        }
    }

    static String host(String server) {
        return server.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    }

    /**
     * Checks the credentials with {@link RegistryClient#checkLogin}, failing as docker login
     * does: {@code login attempt to http://host/v2/ failed with status: 401 Unauthorized}.
     */
    static void check(String host, String username, String password) {
        try (RegistryClient client = RegistryClient.builder()
                .credentials(Credentials.basic(host, username, password)).build()) {
            client.checkLogin(host);
        } catch (UnauthorizedException e) {
            throw new CliException(1, "login attempt to " + e.reference() + " failed with status: " + e.status()
                    + reason(e.status()));
        } catch (RegistryException e) {
            throw new CliException(1, e.getMessage());
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            default -> "";
        };
    }
}
