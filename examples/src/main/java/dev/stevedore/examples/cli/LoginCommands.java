package dev.stevedore.examples.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stevedore login} and {@code logout}: credentials in Docker's {@code config.json}. */
final class LoginCommands {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

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
                password = new String(ctx().in().readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (username == null || password == null) {
                throw new CliException(USAGE, "login needs --username and --password or --password-stdin"
                        + " (there is no interactive prompt in 0.1)");
            }
            if (password != null && !passwordStdin) {
                err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }
            String host = server.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            check(host, username, password);
            String where = new DockerConfigFile(ctx().dockerConfigDir()).store(host, username, password);
            if (where.endsWith("config.json")) {
                err().println("WARNING! Your password will be stored unencrypted in " + where + ".");
            }
            out().println("Login Succeeded");
            return 0;
        }
    }

    /** {@code stevedore logout}. */
    @Command(name = "logout", description = "Log out from a registry.")
    static final class Logout extends CliCommand {
        @Parameters(arity = "0..1", paramLabel = "SERVER", defaultValue = "docker.io")
        String server;

        @Override
        int execute() throws Exception {
            String host = server.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
            if (new DockerConfigFile(ctx().dockerConfigDir()).remove(host)) {
                out().println("Removing login credentials for " + DockerConfigFile.key(host));
            } else {
                out().println("Not logged in to " + DockerConfigFile.key(host));
            }
            return 0;
        }
    }

    /** Pings /v2/ and authenticates as the registry asks (Basic, or Bearer through its token realm). */
    static void check(String host, String username, String password) throws IOException, InterruptedException {
        String endpoint = host.equals("docker.io") ? "registry-1.docker.io" : host;
        String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create("https://" + endpoint + "/v2/");
        HttpResponse<Void> ping;
        try {
            ping = send(http, base, null);
        } catch (IOException e) {
            if (!isLoopback(endpoint)) {
                throw new CliException(1, "cannot reach " + base + ": " + e);
            }
            base = URI.create("http://" + endpoint + "/v2/");
            try {
                ping = send(http, base, null);
            } catch (ConnectException again) {
                throw new CliException(1, "cannot reach " + base + ": connection refused");
            }
        }
        if (ping.statusCode() == 200) {
            return;
        }
        String challenge = ping.headers().firstValue("WWW-Authenticate").orElse("");
        HttpResponse<Void> answer;
        URI checked = base;
        if (challenge.toLowerCase(Locale.ROOT).startsWith("bearer")) {
            Map<String, String> params = new TreeMap<>();
            Matcher m = PARAM.matcher(challenge);
            while (m.find()) {
                params.put(m.group(1), m.group(2));
            }
            String realm = params.getOrDefault("realm", "");
            String query = "account=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + (params.containsKey("service") ? "&service=" + URLEncoder.encode(params.get("service"),
                            StandardCharsets.UTF_8) : "");
            checked = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
            answer = send(http, checked, basic);
        } else {
            answer = send(http, base, basic);
        }
        if (answer.statusCode() != 200) {
            throw new CliException(1, "login attempt to " + checked + " failed with status: " + answer.statusCode()
                    + (answer.statusCode() == 401 ? " Unauthorized" : ""));
        }
    }

    private static HttpResponse<Void> send(HttpClient http, URI uri, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.discarding());
    }

    private static boolean isLoopback(String hostPort) {
        String h = hostPort.startsWith("[") ? hostPort.substring(1, hostPort.indexOf(']'))
                : hostPort.replaceFirst(":\\d+$", "");
        try {
            return h.equals("localhost") || InetAddress.getByName(h).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
