package dev.stevedore.dockerfile;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One instruction of a stage with the variables in scope where it runs, and its words
 * expanded where BuildKit expands them.
 *
 * <pre>{@code
 * // FROM alpine
 * // ARG APP=web
 * // WORKDIR /srv/$APP
 * ScopedInstruction wd = scope.stages().get(0).instructions().get(1);
 * ((Instruction.Workdir) wd.expanded()).path();  // "/srv/web"
 * wd.env();                                      // {PATH=/usr/local/sbin:..., APP=web}
 * }</pre>
 *
 * <p>{@link #expanded()} is the same instruction type with these words replaced by their
 * expansion: {@code ENV} and {@code LABEL} keys and values; {@code ADD}/{@code COPY} sources,
 * destination, {@code --chown}, {@code --chmod}, {@code --checksum} and the bodies of heredocs
 * that expand (then stored with leading tabs already removed); {@code WORKDIR}, {@code USER},
 * {@code STOPSIGNAL}, {@code VOLUME} paths; {@code EXPOSE} ports (split on white space); each
 * {@code RUN --mount} option value; {@code ARG} defaults, replaced by the value the argument
 * takes. Everything else, {@code RUN}/{@code CMD}/{@code ENTRYPOINT} commands included, is as
 * written: the shell expands those. An {@code EXPOSE} whose words all expand to nothing exposes
 * no port, as in BuildKit; as an {@code Expose} needs a word, its ports are then {@code [""]}.
 * An {@code ENV} or {@code LABEL} key that expands to nothing is an error here (BuildKit keeps
 * an empty name).
 *
 * @param instruction the instruction as parsed (for an {@code ONBUILD} trigger, the trigger)
 * @param expanded the instruction with its words expanded
 * @param location where BuildKit reports it: its lines, or for a trigger the {@code FROM} of the
 *     stage it runs in
 * @param onBuild whether it is an {@code ONBUILD} trigger of the base stage
 * @param env the variables the words were expanded with, and a {@code RUN}'s environment:
 *     base image env, {@code ENV}s, and {@code ARG}s with a value, in BuildKit's order
 * @param unsetVariables names the words used that are not set, other than declared
 *     {@code ARG}s (BuildKit's {@code UndefinedVar} candidates)
 * @param historyArgs for {@code RUN}, the {@code ARG}s in scope as {@code NAME=value}, which
 *     BuildKit records in the history ({@code RUN |2 A=1 B=2 ...}) and cache key
 * @param proxyEnv for {@code RUN}, the proxy variables from {@code --build-arg}s, to add to the
 *     process environment but keep out of history and cache key
 */
public record ScopedInstruction(Instruction instruction, Instruction expanded, Location location, boolean onBuild,
        Map<String, String> env, Set<String> unsetVariables, List<String> historyArgs, Map<String, String> proxyEnv) {

    /** Checks for nulls and copies the collections. */
    public ScopedInstruction {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(expanded, "expanded");
        Objects.requireNonNull(location, "location");
        env = ScopeEnvView.copyOf(env);
        proxyEnv = ScopeEnvView.copyOf(proxyEnv);
        unsetVariables = unsetVariables.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(unsetVariables));
        historyArgs = List.copyOf(historyArgs);
    }
}
