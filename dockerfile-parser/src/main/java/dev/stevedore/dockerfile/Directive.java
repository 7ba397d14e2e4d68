package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * A parser directive from the top of a Dockerfile, such as {@code # syntax=docker/dockerfile:1}.
 *
 * <p>BuildKit knows three: {@code syntax}, {@code escape} and {@code check}. They are read
 * only before the first instruction, comment that is not a directive, or empty line; each
 * may appear once; the name is case-insensitive and kept here in lower case.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse("Dockerfile", "# escape=`\nFROM scratch\n");
 * df.directives().get(0);  // Directive[name=escape, value=`, line=1]
 * }</pre>
 *
 * @param name the directive's name in lower case: {@code syntax}, {@code escape} or {@code check}
 * @param value the value, trimmed of surrounding white space
 * @param line the 1-based line the directive is on
 */
public record Directive(String name, String value, int line) {
    /** The {@code syntax} directive's name. */
    public static final String SYNTAX = "syntax";
    /** The {@code escape} directive's name. */
    public static final String ESCAPE = "escape";
    /** The {@code check} directive's name. */
    public static final String CHECK = "check";

    /**
     * Checks the parts.
     *
     * @param name the directive's name in lower case: {@code syntax}, {@code escape} or {@code check}
     * @param value the value, trimmed of surrounding white space
     * @param line the 1-based line the directive is on
     * @throws IllegalArgumentException if the name is not one of the three directives or the line is below 1
     */
    public Directive {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.equals(SYNTAX) && !name.equals(ESCAPE) && !name.equals(CHECK)) {
            throw new IllegalArgumentException("unknown parser directive: " + name);
        }
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
    }
}
