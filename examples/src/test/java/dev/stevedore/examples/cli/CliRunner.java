package dev.stevedore.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code stevedore} command lines in this JVM on one home, with a clock the test controls. */
final class CliRunner {
    /** What one command line did. */
    record Result(int code, String out, String err) {}

    private final Path home;
    private Clock clock = Clock.systemUTC();
    private Map<String, String> env = Map.of();

    CliRunner(Path home) {
        this.home = home;
    }

    CliRunner at(Instant now) {
        this.clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    CliRunner env(Map<String, String> value) {
        this.env = Map.copyOf(value);
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), clock, env);
        List<String> line = new ArrayList<>(List.of("--home", home.toString()));
        line.addAll(List.of(args));
        int code = Cli.run(context, line.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
