package dev.stevedore.dockerfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The variables a shell word is expanded against: a stage's {@code ENV} and {@code ARG}
 * values, or the global build arguments for {@code FROM}.
 *
 * <p>Names are compared case-sensitively, as BuildKit does on Linux. An implementation
 * must be safe to call from the thread that expands the word; the ones made by the
 * factories here are immutable.
 *
 * <pre>{@code
 * ShellEnv env = ShellEnv.fromList(List.of("PATH=/usr/bin", "HOME=/root"));
 * env.get("HOME");   // Optional[/root]
 * env.get("USER");   // Optional.empty
 * }</pre>
 */
@FunctionalInterface
public interface ShellEnv {

    /**
     * Looks up one variable.
     *
     * @param name the variable name, as written after {@code $}
     * @return its value (possibly empty) if set; empty if unset
     */
    Optional<String> get(String name);

    /**
     * An environment in which no variable is set.
     *
     * @return the empty environment
     */
    static ShellEnv empty() {
        return name -> Optional.empty();
    }

    /**
     * An environment holding a copy of the given map.
     *
     * <pre>{@code ShellEnv.of(Map.of("VERSION", "1.2"))}</pre>
     *
     * @param variables names to values; neither may be null
     * @return an immutable environment
     */
    static ShellEnv of(Map<String, String> variables) {
        Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        copy.forEach((k, v) -> {
            Objects.requireNonNull(k, "variable name");
            Objects.requireNonNull(v, "variable value");
        });
        return name -> Optional.ofNullable(copy.get(name));
    }

    /**
     * An environment from {@code NAME=value} entries, as an image config's {@code Env} holds
     * them. A later entry for the same name wins; an entry without {@code =} sets the name to
     * the empty string (BuildKit's {@code EnvsFromSlice}).
     *
     * <pre>{@code ShellEnv.fromList(List.of("A=1", "A=2")).get("A")   // Optional[2]}</pre>
     *
     * @param entries {@code NAME=value} strings
     * @return an immutable environment
     */
    static ShellEnv fromList(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                map.put(entry, "");
            } else {
                map.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return of(map);
    }
}
