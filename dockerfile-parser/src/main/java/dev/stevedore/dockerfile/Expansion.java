package dev.stevedore.dockerfile;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of expanding one shell word: the text, and which variables it referred to.
 *
 * <p>{@code unmatched} feeds the {@code UndefinedVar} lint check: it names every variable the
 * word looked up that the environment did not set, including ones that only supplied a
 * default ({@code ${NAME:-x}}). Both sets keep the order of first lookup.
 *
 * <pre>{@code
 * Expansion e = ShellLexer.standard().processWord("${HOME}/${APP:-app}", ShellEnv.of(Map.of("HOME", "/root")));
 * e.result();     // "/root/app"
 * e.matched();    // [HOME]
 * e.unmatched();  // [APP]
 * }</pre>
 *
 * @param result the expanded word, quotes and escapes removed
 * @param matched names that were looked up and set (possibly to the empty string)
 * @param unmatched names that were looked up and unset
 */
public record Expansion(String result, Set<String> matched, Set<String> unmatched) {

    /**
     * Checks and copies the components.
     *
     * @param result the expanded word
     * @param matched names looked up and set
     * @param unmatched names looked up and unset
     */
    public Expansion {
        Objects.requireNonNull(result, "result");
        matched = Collections.unmodifiableSet(new LinkedHashSet<>(matched));
        unmatched = Collections.unmodifiableSet(new LinkedHashSet<>(unmatched));
    }
}
