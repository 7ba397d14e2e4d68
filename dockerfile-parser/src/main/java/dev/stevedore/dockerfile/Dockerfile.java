package dev.stevedore.dockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Dockerfile: its parser directives and typed instructions, parsed exactly as
 * BuildKit {@value #BUILDKIT_VERSION} (Dockerfile frontend {@value #FRONTEND_VERSION}) parses
 * them, before any variable expansion.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse(Path.of("Dockerfile"));
 * df.stages().get(0).from().image();   // "alpine:3.20"
 * df.instructions().get(1).location(); // lines 3-5
 * df.dump();                           // BuildKit's Dump() text, one (s-expression) per line
 * df.format();                         // Dockerfile text that parses to the same instructions
 * }</pre>
 *
 * <p>Parsing reports every problem as a {@link DockerfileException} naming the file, line
 * and (where known) column: unknown instructions and flags, bad flag values, JSON arrays that
 * are not arrays of strings, unterminated heredocs, invalid UTF-8, lines over 64 KiB.
 *
 * @param name the input's name, used in error messages
 * @param directives the parser directives from the top of the file
 * @param instructions the instructions in order
 * @param warnings what BuildKit would warn about (empty continuation lines, syntax versions)
 * @param emptyContinuationLines the numbers of empty lines inside continued instructions
 */
public record Dockerfile(String name, List<Directive> directives, List<Instruction> instructions,
        List<ParseWarning> warnings, List<Integer> emptyContinuationLines) {

    /** The BuildKit release whose Dockerfile parser this module follows. */
    public static final String BUILDKIT_VERSION = "v0.32.2";
    /** The Dockerfile frontend version shipped with {@link #BUILDKIT_VERSION} ({@code docker/dockerfile:1.26.0}). */
    public static final String FRONTEND_VERSION = "1.26.0";

    /**
     * Checks for nulls and copies the lists.
     *
     * @param name the input's name, used in error messages
     * @param directives the parser directives from the top of the file
     * @param instructions the instructions in order
     * @param warnings what BuildKit would warn about (empty continuation lines, syntax versions)
     * @param emptyContinuationLines the numbers of empty lines inside continued instructions
     */
    public Dockerfile {
        Objects.requireNonNull(name, "name");
        directives = List.copyOf(directives);
        instructions = List.copyOf(instructions);
        warnings = List.copyOf(warnings);
        emptyContinuationLines = List.copyOf(emptyContinuationLines);
    }

    /**
     * Reads and parses a file. Its bytes must be UTF-8 (a byte order mark is allowed).
     *
     * @param path the Dockerfile
     * @return the parsed file, named by {@code path}
     * @throws DockerfileException if the file is not a valid Dockerfile
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Dockerfile parse(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return parse(path.toString(), bytes);
    }

    /**
     * Parses UTF-8 bytes, strictly: invalid UTF-8 is an error naming the line.
     *
     * @param name the input's name for error messages, for example {@code "Dockerfile"}
     * @param bytes the file's content
     * @return the parsed file
     * @throws DockerfileException if the bytes are not a valid Dockerfile
     */
    public static Dockerfile parse(String name, byte[] bytes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
        return build(SourceText.decode(name, bytes));
    }

    /**
     * Parses text.
     *
     * @param name the input's name for error messages, for example {@code "Dockerfile"}
     * @param text the file's content
     * @return the parsed file
     * @throws DockerfileException if the text is not a valid Dockerfile
     */
    public static Dockerfile parse(String name, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        return build(SourceText.of(name, text));
    }

    private static Dockerfile build(SourceText source) {
        SyntaxTree tree = SyntaxParser.parse(source);
        List<ParseWarning> warnings = new ArrayList<>(tree.warnings());
        for (Directive d : tree.directives()) {
            if (d.name().equals(Directive.SYNTAX)) {
                try {
                    SyntaxDirective.check(d.value()).ifPresent(w -> warnings.add(
                            new ParseWarning(ParseWarning.Kind.SYNTAX_VERSION, d.line(), w)));
                } catch (DockerfileException e) {
                    throw Locator.locate(source, e, d.line(), d.line());
                }
            }
        }
        List<Instruction> instructions = new ArrayList<>(tree.nodes().size());
        boolean inStage = false;
        for (SyntaxNode node : tree.nodes()) {
            Instruction instruction = InstructionParser.parse(source, node);
            if (instruction instanceof Instruction.From) {
                inStage = true;
            } else if (!inStage && !(instruction instanceof Instruction.Arg)) {
                throw new DockerfileException(source.name(), node.startLine(), 0, source.line(node.startLine()),
                        "no build stage in current context", "", null);
            }
            instructions.add(instruction);
        }
        if (!inStage) {
            int last = tree.nodes().get(tree.nodes().size() - 1).startLine();
            throw new DockerfileException(source.name(), last, 0, source.line(last),
                    "dockerfile contains no stages to build", "", null);
        }
        return new Dockerfile(source.name(), tree.directives(), instructions, warnings,
                tree.emptyContinuationLines());
    }

    /**
     * Returns the escape character in effect: {@code \} unless an {@code escape} directive says {@code `}.
     *
     * @return the escape character
     */
    public char escapeToken() {
        return directive(Directive.ESCAPE).map(v -> v.charAt(0)).orElse('\\');
    }

    /**
     * Returns the {@code syntax} directive's value.
     *
     * @return for example {@code docker/dockerfile:1}, if present
     */
    public Optional<String> syntax() {
        return directive(Directive.SYNTAX);
    }

    /**
     * Returns the {@code check} directive's value, the lint configuration.
     *
     * @return for example {@code skip=JSONArgsRecommended;error=true}, if present
     */
    public Optional<String> check() {
        return directive(Directive.CHECK);
    }

    private Optional<String> directive(String directiveName) {
        return directives.stream().filter(d -> d.name().equals(directiveName)).map(Directive::value).findFirst();
    }

    /**
     * Returns the {@code ARG}s before the first {@code FROM}, which {@code FROM} lines may use.
     *
     * @return the global build arguments, in order
     */
    public List<Instruction.Arg> globalArgs() {
        List<Instruction.Arg> args = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i instanceof Instruction.From) {
                break;
            }
            if (i instanceof Instruction.Arg arg) {
                args.add(arg);
            }
        }
        return List.copyOf(args);
    }

    /**
     * Groups the instructions into stages, one per {@code FROM}.
     *
     * @return the stages in order
     */
    public List<BuildStage> stages() {
        List<BuildStage> stages = new ArrayList<>();
        Instruction.From from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i instanceof Instruction.From next) {
                if (from != null) {
                    stages.add(new BuildStage(stages.size(), from, body));
                }
                from = next;
                body = new ArrayList<>();
            } else if (from != null) {
                body.add(i);
            }
        }
        if (from != null) {
            stages.add(new BuildStage(stages.size(), from, body));
        }
        return List.copyOf(stages);
    }

    /**
     * Returns BuildKit's {@code Node.Dump()} text for the file: one s-expression per
     * instruction, such as {@code (run ["--network=none"] "make")}, byte for byte as
     * BuildKit's {@code dumper} prints it (without the final newline).
     *
     * @return the dump
     */
    public String dump() {
        StringBuilder out = new StringBuilder();
        for (Instruction i : instructions) {
            out.append('(');
            Dump.append(out, SyntaxView.of(i));
            out.append(")\n");
        }
        return GoText.trimSpace(out.toString());
    }

    /**
     * Prints the file back as Dockerfile text: directives, then each instruction on one line
     * (continuations joined) after its comments, heredoc bodies after their instruction.
     * Parsing the text gives the same instructions, apart from line numbers.
     *
     * @return the text
     */
    public String format() {
        return Printer.print(directives, instructions);
    }

    /**
     * Returns the file as JSON: directives, warnings and each instruction's typed fields.
     *
     * @return the JSON text
     */
    public String toJson() {
        return DockerfileJson.write(this);
    }

    /** BuildKit's {@code Dump()} of the syntax alone, which accepts unknown instructions and flags. */
    static String dumpSyntax(String name, byte[] bytes) {
        return SyntaxParser.parse(SourceText.decode(name, bytes)).dump();
    }
}
