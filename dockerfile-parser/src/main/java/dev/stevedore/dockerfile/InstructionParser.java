package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives each syntax node its meaning, as BuildKit's {@code instructions.ParseInstruction}:
 * checks argument counts, builds the typed record (whose constructor checks flags and
 * values) and puts the location on every error.
 */
final class InstructionParser {
    /** Instruction names for "did you mean" hints, in a fixed order. */
    static final List<String> NAMES = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
            "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    private InstructionParser() {
    }

    static Instruction parse(SourceText source, SyntaxNode node) {
        Location location = Location.of(node.startLine(), node.endLine());
        try {
            return typed(node, location, node.comments(), node.heredocs());
        } catch (DockerfileException e) {
            throw Locator.locate(source, e, node.startLine(), node.endLine());
        }
    }

    private static Instruction typed(SyntaxNode node, Location at, List<String> comments, List<Heredoc> heredocs) {
        String kw = node.keyword();
        List<String> flags = node.flags();
        List<String> args = node.args();
        switch (node.lowerKeyword()) {
            case "from":
                return from(node, at, comments);
            case "run":
                return new Instruction.Run(at, kw, comments, flags, command(args, node.json()), heredocs);
            case "cmd":
                return new Instruction.Cmd(at, kw, comments, flags, command(args, node.json()));
            case "entrypoint":
                return new Instruction.Entrypoint(at, kw, comments, flags, command(args, node.json()));
            case "shell":
                FlagSpec.NONE.parse(flags);
                if (args.isEmpty()) {
                    throw Rules.atLeastOne("SHELL");
                }
                if (!node.json()) {
                    throw DockerfileException.unlocated("SHELL requires the arguments to be in JSON form", "");
                }
                return new Instruction.Shell(at, kw, comments, flags, args);
            case "label":
                return new Instruction.Label(at, kw, comments, flags, pairs(args), legacy(args));
            case "env":
                return new Instruction.Env(at, kw, comments, flags, pairs(args), legacy(args));
            case "maintainer":
                return new Instruction.Maintainer(at, kw, comments, flags, exactlyOne(args, "MAINTAINER"));
            case "expose":
                return new Instruction.Expose(at, kw, comments, flags, args);
            case "add":
                if (args.size() < 2) {
                    throw Rules.noDestination("ADD");
                }
                return new Instruction.Add(at, kw, comments, flags, args.subList(0, args.size() - 1),
                        args.get(args.size() - 1), node.json(), heredocs);
            case "copy":
                if (args.size() < 2) {
                    throw Rules.noDestination("COPY");
                }
                return new Instruction.Copy(at, kw, comments, flags, args.subList(0, args.size() - 1),
                        args.get(args.size() - 1), node.json(), heredocs);
            case "volume":
                return new Instruction.Volume(at, kw, comments, flags, args, node.json());
            case "user":
                return new Instruction.User(at, kw, comments, flags, exactlyOne(args, "USER"));
            case "workdir":
                return new Instruction.Workdir(at, kw, comments, flags, exactlyOne(args, "WORKDIR"));
            case "stopsignal":
                return new Instruction.Stopsignal(at, kw, comments, flags, exactlyOne(args, "STOPSIGNAL"));
            case "arg":
                return new Instruction.Arg(at, kw, comments, flags, declarations(args));
            case "onbuild":
                return onbuild(node, at, comments, heredocs);
            case "healthcheck":
                return healthcheck(node, at, comments);
            default:
                throw DockerfileException.unlocated(Suggestions.wrap("unknown instruction: " + kw, kw, NAMES, false),
                        kw);
        }
    }

    private static Instruction.From from(SyntaxNode node, Location at, List<String> comments) {
        List<String> args = node.args();
        Optional<Instruction.From.Alias> alias = Optional.empty();
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            alias = Optional.of(new Instruction.From.Alias(args.get(1), args.get(2)));
        } else if (args.size() != 1) {
            throw DockerfileException.unlocated("FROM requires either one or three arguments", "");
        }
        return new Instruction.From(at, node.keyword(), comments, node.flags(), args.get(0), alias);
    }

    private static Instruction.Onbuild onbuild(SyntaxNode node, Location at, List<String> comments,
            List<Heredoc> heredocs) {
        SyntaxNode inner = node.child();
        if (inner == null) {
            throw Rules.atLeastOne("ONBUILD");
        }
        FlagSpec.NONE.parse(node.flags());
        Instruction.Onbuild.checkTrigger(GoText.toUpper(inner.keyword()));
        Instruction trigger = typed(inner, at, List.of(), heredocs);
        return new Instruction.Onbuild(at, node.keyword(), comments, node.flags(), trigger);
    }

    private static Instruction.Healthcheck healthcheck(SyntaxNode node, Location at, List<String> comments) {
        List<String> args = node.args();
        if (args.isEmpty()) {
            throw Rules.atLeastOne("HEALTHCHECK");
        }
        List<String> rest = args.subList(1, args.size());
        return new Instruction.Healthcheck(at, node.keyword(), comments, node.flags(), args.get(0),
                command(rest, node.json()));
    }

    static CommandLine command(List<String> args, boolean json) {
        if (json) {
            return CommandLine.exec(args);
        }
        return args.isEmpty() ? CommandLine.shell("") : new CommandLine(List.of(String.join(" ", args)), false);
    }

    private static String exactlyOne(List<String> args, String instruction) {
        if (args.size() != 1) {
            throw Rules.exactlyOne(instruction);
        }
        return args.get(0);
    }

    private static List<KeyValue> pairs(List<String> args) {
        List<KeyValue> pairs = new ArrayList<>(args.size() / 3);
        for (int i = 0; i + 2 < args.size(); i += 3) {
            pairs.add(new KeyValue(args.get(i), args.get(i + 1)));
        }
        return pairs;
    }

    private static boolean legacy(List<String> args) {
        return args.size() == 3 && args.get(2).isEmpty();
    }

    private static List<ArgDeclaration> declarations(List<String> args) {
        if (args.isEmpty()) {
            throw Rules.atLeastOne("ARG");
        }
        List<ArgDeclaration> declarations = new ArrayList<>(args.size());
        for (String word : args) {
            int eq = word.indexOf('=');
            if (eq == 0) {
                throw DockerfileException.unlocated("ARG names can not be blank", word);
            }
            declarations.add(eq < 0 ? new ArgDeclaration(word, Optional.empty())
                    : new ArgDeclaration(word.substring(0, eq), Optional.of(word.substring(eq + 1))));
        }
        return declarations;
    }
}
