package dev.stevedore.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of a token {@code scope} parameter, {@code type:name:actions}, e.g.
 * {@code repository:library/busybox:pull,push} or {@code registry:catalog:*}. The name may
 * itself hold {@code ':'} (a registry host with a port), so the type ends at the first colon
 * and the actions start after the last.
 */
record TokenScope(String type, String name, Set<String> actions) {
    TokenScope {
        actions = Set.copyOf(new LinkedHashSet<>(actions));
    }

    /** Parses every whitespace-separated scope in {@code value}; malformed entries are skipped, as real servers do. */
    static List<TokenScope> parseAll(String value) {
        List<TokenScope> scopes = new ArrayList<>();
        for (String entry : value.trim().split("\\s+")) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last <= first + 1 || last == entry.length() - 1) {
                continue;
            }
            List<String> actions = Arrays.stream(entry.substring(last + 1).split(","))
                    .filter(a -> !a.isEmpty())
                    .toList();
            scopes.add(new TokenScope(entry.substring(0, first), entry.substring(first + 1, last), actions.isEmpty()
                    ? Set.of() : new LinkedHashSet<>(actions)));
        }
        return scopes;
    }

    /** The scope in wire form, actions sorted: {@code repository:busybox:pull,push}. */
    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
    }
}
