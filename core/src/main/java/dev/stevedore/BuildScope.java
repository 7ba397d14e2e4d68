package dev.stevedore;

import dev.stevedore.dockerfile.ArgDeclaration;
import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.dockerfile.ShellEnv;
import dev.stevedore.dockerfile.ShellLexer;
import dev.stevedore.oci.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ARG scoping as BuildKit does it, kept inside core until the parser's own scoping is usable:
 * global ARGs (before the first FROM) are visible to FROM only; a stage sees an ARG from its
 * declaration on, valued by the build argument, else its default (expanded), else the global
 * ARG of the same name; ENV wins over ARG in expansion; a RUN gets the ARGs in scope as
 * environment variables (those the image's ENV does not set).
 */
final class BuildScope {
    private final ShellLexer lexer;
    private final Map<String, String> buildArgs;
    private final Map<String, String> global;
    private final Map<String, String> stage = new LinkedHashMap<>();
    private final Map<String, String> declared = new LinkedHashMap<>();

    private BuildScope(ShellLexer lexer, Map<String, String> buildArgs, Map<String, String> global) {
        this.lexer = lexer;
        this.buildArgs = buildArgs;
        this.global = global;
    }

    /** The global scope: automatic platform ARGs, then the ARGs before the first FROM. */
    static BuildScope global(ShellLexer lexer, List<Instruction.Arg> globalArgs, Map<String, String> buildArgs,
            Platform platform) {
        Map<String, String> values = new LinkedHashMap<>();
        String spec = platform.os() + "/" + platform.architecture() + platform.variant().map(v -> "/" + v).orElse("");
        for (String prefix : List.of("TARGET", "BUILD")) {
            values.put(prefix + "PLATFORM", spec);
            values.put(prefix + "OS", platform.os());
            values.put(prefix + "ARCH", platform.architecture());
            values.put(prefix + "VARIANT", platform.variant().orElse(""));
        }
        BuildScope scope = new BuildScope(lexer, Map.copyOf(buildArgs), values);
        for (Instruction.Arg arg : globalArgs) {
            for (ArgDeclaration d : arg.declarations()) {
                Optional<String> value = Optional.ofNullable(buildArgs.get(d.name()))
                        .or(() -> d.defaultValue().map(scope::expandGlobal));
                if (value.isPresent()) {
                    values.put(d.name(), value.get());
                }
            }
        }
        return scope;
    }

    /** A fresh stage scope sharing the global ARGs. */
    BuildScope stage() {
        return new BuildScope(lexer, buildArgs, global);
    }

    /** Expands a word of FROM (global ARGs only). */
    String expandGlobal(String word) {
        return lexer.processWord(word, name -> Optional.ofNullable(global.get(name))).result();
    }

    /** Declares a stage ARG; returns its value, if it has one. */
    Optional<String> declare(ArgDeclaration d, List<String> env) {
        Optional<String> value = Optional.ofNullable(buildArgs.get(d.name()))
                .or(() -> d.defaultValue().map(v -> expand(v, env)))
                .or(() -> Optional.ofNullable(global.get(d.name())));
        stage.remove(d.name());
        value.ifPresent(v -> stage.put(d.name(), v));
        declared.put(d.name(), value.orElse(""));
        return value;
    }

    /** Expands a word with the image's ENV over the ARGs in scope. */
    String expand(String word, List<String> env) {
        return lexer.processWord(word, shellEnv(env)).result();
    }

    /** Expands a word into several (as for space-separated lists). */
    List<String> expandWords(String word, List<String> env) {
        return lexer.processWords(word, shellEnv(env));
    }

    ShellEnv shellEnv(List<String> env) {
        Map<String, String> vars = new LinkedHashMap<>(stage);
        for (String e : env) {
            int eq = e.indexOf('=');
            vars.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        return name -> Optional.ofNullable(vars.get(name));
    }

    /** The ARGs in scope the image's ENV does not set, as {@code NAME=value}, in declaration order. */
    List<String> argsNotIn(List<String> env) {
        List<String> out = new ArrayList<>();
        stage.forEach((k, v) -> {
            if (env.stream().noneMatch(e -> e.startsWith(k + "="))) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }

    /**
     * The {@code NAME=value} list BuildKit puts before a RUN's command in its history: every ARG
     * the stage declared, in order, valued by the image's ENV when it sets the name.
     */
    List<String> historyArgs(List<String> env) {
        List<String> out = new ArrayList<>();
        declared.forEach((k, v) -> out.add(k + "=" + env.stream().filter(e -> e.startsWith(k + "="))
                .reduce((a, b) -> b).map(e -> e.substring(k.length() + 1)).orElse(v)));
        return out;
    }

    /** The environment of a RUN: the image's ENV, then the ARGs in scope it does not set. */
    List<String> runEnv(List<String> env) {
        List<String> out = new ArrayList<>(env);
        out.addAll(argsNotIn(env));
        return out;
    }
}
