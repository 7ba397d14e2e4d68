package dev.stevedore.oci;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Sorted immutable copies, for the sets and maps of an image config: sorted so that the JSON
 * written from them is the same on every run, as Go writes its maps.
 */
final class Immutable {
    private Immutable() {
    }

    static Set<String> sortedSet(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    static Map<String, String> sortedMap(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        copy.values().forEach(v -> Objects.requireNonNull(v, "map value"));
        return Collections.unmodifiableSortedMap(copy);
    }
}
