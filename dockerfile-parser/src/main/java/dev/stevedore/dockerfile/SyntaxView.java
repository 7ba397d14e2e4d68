package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a typed instruction back into the syntax node BuildKit's parser would have made
 * from it, for {@code Dump()} output and for printing.
 */
final class SyntaxView {
    private SyntaxView() {
    }

    static SyntaxNode of(Instruction instruction) {
        Location at = instruction.location();
        SyntaxNode node = syntax(instruction);
        return node.at(at.startLine(), at.endLine(), instruction.comments());
    }

    private static SyntaxNode syntax(Instruction instruction) {
        String kw = instruction.keyword();
        List<String> flags = instruction.flags();
        if (instruction instanceof Instruction.From from) {
            List<String> args = new ArrayList<>();
            args.add(from.image());
            from.alias().ifPresent(a -> {
                args.add(a.asKeyword());
                args.add(a.name());
            });
            return SyntaxNode.of(kw, flags, args, false, null);
        } else if (instruction instanceof Instruction.Run run) {
            return command(kw, flags, run.command()).withHeredocs(run.heredocs());
        } else if (instruction instanceof Instruction.Cmd cmd) {
            return command(kw, flags, cmd.command());
        } else if (instruction instanceof Instruction.Entrypoint entrypoint) {
            return command(kw, flags, entrypoint.command());
        } else if (instruction instanceof Instruction.Shell shell) {
            return SyntaxNode.of(kw, flags, shell.shell(), true, null);
        } else if (instruction instanceof Instruction.Label label) {
            return SyntaxNode.of(kw, flags, triples(label.labels(), label.legacyForm()), false, null);
        } else if (instruction instanceof Instruction.Env env) {
            return SyntaxNode.of(kw, flags, triples(env.variables(), env.legacyForm()), false, null);
        } else if (instruction instanceof Instruction.Maintainer maintainer) {
            return text(kw, flags, maintainer.maintainer());
        } else if (instruction instanceof Instruction.Expose expose) {
            return SyntaxNode.of(kw, flags, expose.ports(), false, null);
        } else if (instruction instanceof Instruction.Add add) {
            return SyntaxNode.of(kw, flags, withDestination(add.sources(), add.destination()), add.json(), null)
                    .withHeredocs(add.heredocs());
        } else if (instruction instanceof Instruction.Copy copy) {
            return SyntaxNode.of(kw, flags, withDestination(copy.sources(), copy.destination()), copy.json(), null)
                    .withHeredocs(copy.heredocs());
        } else if (instruction instanceof Instruction.Volume volume) {
            return SyntaxNode.of(kw, flags, volume.paths(), volume.json(), null);
        } else if (instruction instanceof Instruction.User user) {
            return text(kw, flags, user.user());
        } else if (instruction instanceof Instruction.Workdir workdir) {
            return text(kw, flags, workdir.path());
        } else if (instruction instanceof Instruction.Stopsignal stopsignal) {
            return text(kw, flags, stopsignal.signal());
        } else if (instruction instanceof Instruction.Arg arg) {
            return SyntaxNode.of(kw, flags, arg.declarations().stream().map(ArgDeclaration::word).toList(), false,
                    null);
        } else if (instruction instanceof Instruction.Onbuild onbuild) {
            SyntaxNode child = syntax(onbuild.trigger());
            return SyntaxNode.of(kw, flags, List.of(), false, child).withHeredocs(child.heredocs());
        } else if (instruction instanceof Instruction.Healthcheck healthcheck) {
            List<String> args = new ArrayList<>();
            args.add(healthcheck.type());
            args.addAll(healthcheck.command().arguments());
            return SyntaxNode.of(kw, flags, args, healthcheck.command().execForm(), null);
        }
        throw new IllegalStateException("unknown instruction type " + instruction.getClass());
    }

    private static SyntaxNode command(String kw, List<String> flags, CommandLine command) {
        return SyntaxNode.of(kw, flags, command.arguments(), command.execForm(), null);
    }

    private static SyntaxNode text(String kw, List<String> flags, String text) {
        return SyntaxNode.of(kw, flags, text.isEmpty() ? List.of() : List.of(text), false, null);
    }

    private static List<String> triples(List<KeyValue> pairs, boolean legacy) {
        List<String> args = new ArrayList<>(pairs.size() * 3);
        for (KeyValue pair : pairs) {
            args.add(pair.key());
            args.add(pair.value());
            args.add(legacy ? "" : "=");
        }
        return args;
    }

    private static List<String> withDestination(List<String> sources, String destination) {
        List<String> args = new ArrayList<>(sources);
        args.add(destination);
        return args;
    }
}
