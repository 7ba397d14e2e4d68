package dev.stevedore.dockerfile;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The module's command line: {@code java -jar stevedore-dockerfile-parser.jar COMMAND FILE}.
 *
 * <pre>{@code
 * java -jar stevedore-dockerfile-parser-0.1.0-SNAPSHOT.jar dump Dockerfile    # BuildKit's Dump() text
 * java -jar stevedore-dockerfile-parser-0.1.0-SNAPSHOT.jar lint Dockerfile    # FILE:LINE: Rule: message
 * }</pre>
 *
 * <p>Commands: {@code dump} prints BuildKit's {@code Dump()} text of the syntax, like
 * BuildKit's {@code dumper} (unknown instructions and flags pass, as there);
 * {@code check} parses fully and prints nothing; {@code json} prints the typed instructions
 * as JSON; {@code format} prints the file back as Dockerfile text; {@code lint} prints lint
 * findings. Exit status: 0 on success, 1 when the file is rejected (the error goes to
 * standard error) or, for {@code lint}, when there is any finding (as {@code docker build
 * --check}), 2 for a usage error.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and the file
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param args the command and the file
     * @param out where results go
     * @param err where errors go
     * @return the exit status: 0 success, 1 rejected file, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: stevedore-dockerfile-parser dump|check|json|format|lint FILE");
            return 2;
        }
        Path file = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "dump" -> out.println(Dockerfile.dumpSyntax(args[1], read(file)));
                case "check" -> Dockerfile.parse(args[1], read(file));
                case "json" -> out.println(Dockerfile.parse(args[1], read(file)).toJson());
                case "format" -> out.print(Dockerfile.parse(args[1], read(file)).format());
                case "lint" -> {
                    return lint(Dockerfile.parse(args[1], read(file)), out, err);
                }
                default -> {
                    err.println("unknown command: " + args[0] + " (expected dump, check, json, format or lint)");
                    return 2;
                }
            }
            return 0;
        } catch (DockerfileException e) {
            err.println(describe(e));
            return 1;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    /**
     * Prints lint findings, one {@code FILE:LINE: CheckName: message} per line on {@code out},
     * ordered by line; on {@code err}, one {@code FILE: note: ...} line per check that needs
     * build context (base image environments and platforms, the {@code .dockerignore}), and the
     * error that stopped checking, if any.
     *
     * <p>Exit status: 0 without findings; 1 with any finding, as {@code docker build --check}
     * (with or without {@code # check=error=true}, which adds the error line
     * {@code lint violation found for rules: ...}), or when checking hits a build error such as
     * a circular stage dependency. Notes do not change the status.
     *
     * @param dockerfile the parsed file
     * @param out where findings go
     * @param err where notes and errors go
     * @return the exit status
     */
    static int lint(Dockerfile dockerfile, PrintStream out, PrintStream err) {
        LintResult result = Lint.check(dockerfile);
        for (LintFinding f : result.findings()) {
            out.println(dockerfile.name() + ":" + f.line() + ": " + f.rule().ruleName() + ": " + f.message());
        }
        for (LintSkipped s : result.skipped()) {
            err.println(dockerfile.name() + ": note: " + s.describe());
        }
        result.error().ifPresent(e -> err.println(describe(e)));
        return result.failed() ? 1 : 0;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The error with the offending line and a caret under the column, as compilers print it. */
    static String describe(DockerfileException e) {
        StringBuilder text = new StringBuilder("error: ").append(e.getMessage());
        if (e.line() > 0 && !e.lineText().isEmpty()) {
            String number = String.valueOf(e.line());
            String shown = e.lineText().length() > 200 ? e.lineText().substring(0, 200) + "..." : e.lineText();
            text.append('\n').append(' ').append(number).append(" | ").append(shown);
            if (e.column().isPresent() && e.column().getAsInt() <= 200) {
                text.append('\n').append(" ".repeat(number.length() + 1)).append(" | ")
                        .append(" ".repeat(e.column().getAsInt() - 1)).append('^');
            }
        }
        return text.toString();
    }
}
