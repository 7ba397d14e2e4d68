package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build arguments every {@code FROM} sees: BuildKit's automatic platform arguments
 * ({@code defaultArgs}) and the global {@code ARG}s with {@code --build-arg} overrides
 * ({@code buildMetaArgs}).
 */
final class ArgResolution {
    /** The automatic arguments, in BuildKit's order. */
    static final List<String> AUTOMATIC = List.of("BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH",
            "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT",
            "TARGETSTAGE");
    /** Arguments that never become environment variables. */
    static final Set<String> NON_ENV = Set.of("BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE");

    private ArgResolution() {
    }

    /** The global arguments of a build and the names global {@code ARG}s declare. */
    record Globals(ScopeEnv env, List<String> declared) {
        /** Names a {@code FROM} may use: declared ones, and every name with a value. */
        List<String> usable() {
            List<String> keys = new ArrayList<>(declared);
            for (String key : env.keys()) {
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
            return keys;
        }
    }

    static ScopeEnv automatic(BuildArgs args, String target) {
        Platform build = args.buildPlatform();
        Platform to = args.targetPlatform();
        String[][] values = {
            {"BUILDPLATFORM", build.format()}, {"BUILDOS", build.os()}, {"BUILDOSVERSION", ""},
            {"BUILDARCH", build.architecture()}, {"BUILDVARIANT", build.variant()},
            {"TARGETPLATFORM", to.format()}, {"TARGETOS", to.os()}, {"TARGETOSVERSION", ""},
            {"TARGETARCH", to.architecture()}, {"TARGETVARIANT", to.variant()},
            {"TARGETSTAGE", target.isEmpty() ? "default" : target},
        };
        ScopeEnv env = new ScopeEnv();
        for (String[] kv : values) {
            env.put(kv[0], args.value(kv[0]).orElse(kv[1]));
        }
        return env;
    }

    /**
     * Adds the global {@code ARG}s to {@code automatic}: a {@code --build-arg} value wins, else
     * the default expanded with the arguments before it; an {@code ARG} with neither has no value.
     *
     * @throws DockerfileException if a default fails to expand, at its {@code ARG}
     */
    static Globals globals(ScopeEnv automatic, ShellLexer lexer, List<Instruction.Arg> args,
            Map<String, String> buildArgs, String fileName) {
        ScopeEnv env = automatic.copy();
        List<String> declared = new ArrayList<>();
        for (Instruction.Arg arg : args) {
            for (ArgDeclaration d : arg.declarations()) {
                String value = buildArgs.get(d.name());
                if (value == null && d.defaultValue().isPresent()) {
                    try {
                        value = ScopeExpander.process(lexer, d.defaultValue().get(), env).result();
                    } catch (DockerfileException e) {
                        throw ScopeErrors.at(fileName, arg.location(), e);
                    }
                }
                if (value != null) {
                    env.put(d.name(), value);
                }
                if (!declared.contains(d.name())) {
                    declared.add(d.name());
                }
            }
        }
        return new Globals(env, declared);
    }
}
