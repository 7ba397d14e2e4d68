package dev.stevedore.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage's variables as BuildKit's {@code llb.EnvList} keeps them: setting a name again
 * moves it to the end. Mutable while a stage is dispatched; {@link #snapshot()} hands out an
 * immutable copy, shared until the next change.
 */
final class ScopeEnv implements ShellEnv {
    /** The {@code PATH} BuildKit gives a stage whose image sets none (Linux). */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final LinkedHashMap<String, String> values;
    private Map<String, String> snapshot;

    ScopeEnv() {
        this.values = new LinkedHashMap<>();
    }

    private ScopeEnv(LinkedHashMap<String, String> values, Map<String, String> snapshot) {
        this.values = values;
        this.snapshot = snapshot;
    }

    /** An environment from an image config's {@code NAME=value} entries (later entries win). */
    static ScopeEnv fromList(List<String> entries) {
        ScopeEnv env = new ScopeEnv();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return env;
    }

    ScopeEnv copy() {
        return new ScopeEnv(new LinkedHashMap<>(values), snapshot);
    }

    /** Adds or replaces {@code name}, which then comes last. */
    void put(String name, String value) {
        values.remove(name);
        values.put(name, value);
        snapshot = null;
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    @Override
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String value(String name) {
        return values.get(name);
    }

    /** The names in order, oldest first (BuildKit's {@code Keys()}). */
    List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** An immutable copy in order, the same object until the next change. */
    Map<String, String> snapshot() {
        if (snapshot == null) {
            snapshot = ScopeEnvView.copyOf(values);
        }
        return snapshot;
    }
}
