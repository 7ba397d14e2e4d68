package dev.stevedore.examples;

import dev.stevedore.Stevedore;
import dev.stevedore.examples.cli.Cli;
import dev.stevedore.examples.cli.CliContext;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.RegistryCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main job: Docker's getting-started walkthrough, daemon-less and offline, through the
 * {@code stevedore} command (run in this JVM, one command line at a time, on one engine).
 *
 * <pre>{@code
 * scripts/demo            # STEVEDORE_HOME defaults to /var/tmp/stevedore-demo
 * }</pre>
 *
 * <p>It seeds {@code busybox:latest} (from Debian's busybox-static, there is no internet) and a
 * {@code hello-world} image, runs hello-world, builds {@code examples/friendlyhello}, runs it
 * detached with {@code -p 4000:80} (another free port if 4000 is taken), fetches the page
 * twice, stops and removes the container, then starts a local registry with a password, logs
 * in, tags and pushes the image, and reads its tag list back from the registry.
 */
public final class Tutorial {
    /** The port the tutorial publishes, as Docker's walkthrough. */
    public static final int PREFERRED_PORT = 4000;

    private final Path home;
    private final Path examples;
    private final Path dockerConfig;
    private final PrintStream out;

    /**
     * Creates the tutorial.
     *
     * @param home the engine home every command uses (each command line makes its own engine on
     *     it, as separate {@code stevedore} processes would)
     * @param examples the {@code examples} directory (holding {@code friendlyhello/} and {@code hello-world/})
     * @param dockerConfig a {@code DOCKER_CONFIG} directory of its own for {@code login}
     * @param out where the transcript goes
     */
    public Tutorial(Path home, Path examples, Path dockerConfig, PrintStream out) {
        this.home = home;
        this.examples = examples;
        this.dockerConfig = dockerConfig;
        this.out = out;
    }

    /** What the tutorial saw, for its test. */
    public record Result(int port, List<String> pages, String pushed, String registryTags) {}

    /**
     * Runs the main job.
     *
     * @param args {@code [--port N]}, or {@code --preflight} for the old preflight report
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR"); // no "no SLF4J providers" notice
        }
        if (args.length > 0 && args[0].equals("--preflight")) {
            Preflight.main(new String[0]);
            return;
        }
        int port = args.length > 1 && args[0].equals("--port") ? Integer.parseInt(args[1]) : PREFERRED_PORT;
        String home = System.getenv("STEVEDORE_HOME");
        Path homeDir = Path.of(home == null || home.isBlank() ? "/var/tmp/stevedore-demo" : home);
        Path examples = Path.of(System.getProperty("stevedore.examples", "examples")).toAbsolutePath();
        Path config = Files.createTempDirectory("stevedore-demo-docker-config-");
        new Tutorial(homeDir, examples, config, System.out).run(port);
        System.exit(0);
    }

    /**
     * Runs every step.
     *
     * @param preferredPort the host port to publish, if free
     * @return what it saw
     * @throws Exception if a step fails
     */
    public Result run(int preferredPort) throws Exception {
        System.setProperty("docker.config", dockerConfig.toString());
        out.println("Stevedore home: " + home);
        stevedore("version");
        try (Stevedore engine = Stevedore.builder().home(home).build()) {
            Seed.busybox(engine, out);
            Seed.helloWorld(engine, examples.resolve("hello-world"), out);
        }
        stevedore("info");
        stevedore("run", "--rm", "hello-world");
        stevedore("images");

        stevedore("build", "--progress", "plain", "-t", "friendlyhello", examples.resolve("friendlyhello").toString());
        int port = freeOr(preferredPort);
        String id = stevedore("run", "-d", "-p", port + ":80", "friendlyhello").strip();
        List<String> pages = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                out.println("$ curl http://localhost:" + port);
                String page = fetch(URI.create("http://localhost:" + port + "/"));
                out.println(page.strip());
                pages.add(page);
            }
            stevedore("ps");
        } finally {
            stevedore("stop", id.substring(0, 12));
            stevedore("rm", id.substring(0, 12));
        }

        RegistryCredentials user = RegistryCredentials.of("demo", "s3cret-" + Long.toHexString(System.nanoTime()));
        try (LocalRegistry registry = LocalRegistry.htpasswd(user).start()) {
            String server = "127.0.0.1:" + registry.port();
            out.println("(a local registry with a password runs at " + server + ")");
            stevedoreWithInput(user.password(), "login", "-u", user.username(), "--password-stdin", server);
            String target = server + "/demo/friendlyhello:part2";
            stevedore("tag", "friendlyhello", target);
            stevedore("push", target);
            stevedore("images");
            out.println("$ curl -u demo:*** http://" + server + "/v2/demo/friendlyhello/tags/list");
            String tags = fetch(URI.create("http://" + server + "/v2/demo/friendlyhello/tags/list"),
                    user.basicAuthorization());
            out.println(tags.strip());
            stevedore("logout", server);
            stevedore("rmi", target);
            out.println();
            out.println("Done. The images stay in " + home + "; try the command yourself:");
            out.println("  export STEVEDORE_HOME=" + home);
            out.println("  scripts/stevedore run hello-world");
            out.println("  scripts/stevedore run -d -p " + port + ":80 friendlyhello && curl http://localhost:" + port);
            return new Result(port, pages, target, tags);
        }
    }

    private String stevedore(String... args) {
        return stevedoreWithInput("", args);
    }

    private String stevedoreWithInput(String input, String... args) {
        out.println("$ stevedore " + String.join(" ", args));
        StringWriter captured = new StringWriter();
        PrintWriter both = new PrintWriter(new TeeWriter(captured, out), true);
        PrintWriter err = new PrintWriter(new TeeWriter(new StringWriter(), out), true);
        CliContext context = new CliContext(both, err, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                Clock.systemUTC(), Map.copyOf(System.getenv()));
        List<String> line = new ArrayList<>(List.of("--home", home.toString()));
        line.addAll(List.of(args));
        int code = Cli.run(context, line.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("stevedore " + String.join(" ", args) + " exited with " + code);
        }
        return captured.toString();
    }

    private int freeOr(int preferred) throws IOException {
        try (ServerSocket s = new ServerSocket(preferred)) {
            return s.getLocalPort();
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0)) {
                out.println("(port " + preferred + " is taken on this machine; publishing on " + s.getLocalPort()
                        + " instead)");
                return s.getLocalPort();
            }
        }
    }

    static String fetch(URI uri) throws InterruptedException {
        return fetch(uri, null);
    }

    static String fetch(URI uri, String authorization) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(15);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
                if (authorization != null) {
                    r.header("Authorization", authorization);
                }
                HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = new IOException("HTTP " + response.statusCode() + ": " + response.body());
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new UncheckedIOException("no answer from " + uri, last);
    }

    /** Seeds the images the offline tutorial needs. */
    static final class Seed {
        private Seed() {}

        static void busybox(Stevedore engine, PrintStream out) {
            if (engine.images().find("busybox:latest").isPresent()) {
                return;
            }
            Seeds.busybox(engine);
            out.println("(seeded busybox:latest from this machine's busybox-static: there is no internet)");
        }

        static void helloWorld(Stevedore engine, Path context, PrintStream out) {
            if (engine.images().find("hello-world:latest").isPresent()) {
                return;
            }
            engine.images().build(context).tag("hello-world:latest").build();
            out.println("(seeded hello-world:latest, built from " + context + ")");
        }
    }
}
