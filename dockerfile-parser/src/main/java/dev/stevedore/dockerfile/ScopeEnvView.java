package dev.stevedore.dockerfile;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, ordered copy of variables. Records of this package copy a map given to them
 * unless it is one of these, so scoping can share one snapshot among many instructions.
 */
final class ScopeEnvView extends AbstractMap<String, String> {
    private static final ScopeEnvView EMPTY = new ScopeEnvView(new LinkedHashMap<>());

    private final Map<String, String> values;

    private ScopeEnvView(LinkedHashMap<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    static Map<String, String> copyOf(Map<String, String> map) {
        if (map instanceof ScopeEnvView) {
            return map;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, "value")));
        return new ScopeEnvView(copy);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    @Override
    public String get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }
}
