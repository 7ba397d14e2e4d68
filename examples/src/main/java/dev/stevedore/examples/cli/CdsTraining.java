package dev.stevedore.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind {@code target/stevedore.jsa}, the launcher's CDS archive: the packaging
 * step runs this class with {@code -XX:ArchiveClassesAtExit} so that the archive holds the
 * classes the everyday commands load (engine start, listings, a build from the cache), not only
 * those of {@code --help}. It works in a throw-away engine home, builds a {@code FROM scratch}
 * image (no sandbox, no network, no root needed) twice, and lists images and containers; a step
 * that fails only leaves its classes out of the archive.
 *
 * <pre>{@code java -XX:ArchiveClassesAtExit=stevedore.jsa -cp stevedore.jar dev.stevedore.examples.cli.CdsTraining /tmp/work}</pre>
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /**
     * Runs the training commands.
     *
     * @param args the work directory (created, then removed)
     * @throws IOException if the work directory cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path work = Files.createDirectories(Path.of(args[0]));
        try {
            Path home = work.resolve("home");
            Path context = Files.createDirectories(work.resolve("context"));
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM scratch
                    ARG NOTE=training
                    COPY . /data/
                    LABEL note=$NOTE
                    CMD ["/bin/true"]
                    """);
            Files.writeString(context.resolve("a.txt"), "a\n");
            Files.writeString(context.resolve(".dockerignore"), "*.log\n");
            String h = home.toString();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("DOCKER_CONFIG", work.resolve("docker-config").toString());
            String[][] commands = {
                {"--help"},
                {"--home", h, "build", "-q", "-t", "training:1", context.toString()},
                {"--home", h, "build", "--progress", "plain", "-t", "training:1", context.toString()},
                {"--home", h, "images"},
                {"--home", h, "image", "inspect", "training:1"},
                {"--home", h, "ps", "-a"},
                {"--home", h, "system", "df"},
            };
            for (String[] c : commands) {
                StringWriter sink = new StringWriter();
                PrintWriter out = new PrintWriter(sink);
                Cli.run(new CliContext(out, out, InputStream.nullInputStream(), Clock.systemUTC(), env), c);
                System.out.println(String.join(" ", c) + ":\n" + sink);
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
