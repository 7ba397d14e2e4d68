package dev.stevedore.dockerfile;

import java.util.Objects;
import java.util.Optional;

/**
 * One name of an {@code ARG} instruction, with its default if it has one. Both are as
 * written; the builder expands them.
 *
 * <pre>{@code
 * // ARG VERSION=1.2 TARGETOS
 * new ArgDeclaration("VERSION", Optional.of("1.2"));
 * new ArgDeclaration("TARGETOS", Optional.empty());
 * }</pre>
 *
 * @param name the argument's name, not empty
 * @param defaultValue the text after the first {@code =}, if there is one
 */
public record ArgDeclaration(String name, Optional<String> defaultValue) {
    /**
     * Checks the parts.
     *
     * @param name the argument's name, not empty
     * @param defaultValue the text after the first {@code =}, if there is one
     * @throws IllegalArgumentException if the name is empty
     */
    public ArgDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("ARG names can not be blank");
        }
    }

    /** The word as written: {@code name} or {@code name=default}. */
    String word() {
        return defaultValue.map(v -> name + "=" + v).orElse(name);
    }
}
