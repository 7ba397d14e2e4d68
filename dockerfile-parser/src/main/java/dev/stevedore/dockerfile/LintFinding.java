package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * One lint finding: the rule, where, and BuildKit's message.
 *
 * <pre>{@code
 * LintFinding f = Lint.check(Dockerfile.parse("Dockerfile", "FROM alpine as base\n")).findings().get(0);
 * f.rule().ruleName();  // "FromAsCasing"
 * f.line();             // 1
 * f.message();          // "'as' and 'FROM' keywords' casing do not match"
 * }</pre>
 *
 * @param rule the rule
 * @param location the instruction's lines, as BuildKit reports them
 * @param message the rule's message for this case
 */
public record LintFinding(LintRule rule, Location location, String message) {
    /** Checks for nulls. */
    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Returns the line BuildKit names: the first line of the instruction.
     *
     * @return the 1-based line
     */
    public int line() {
        return location.startLine();
    }

    @Override
    public String toString() {
        return "line " + line() + ": " + rule.ruleName() + ": " + message;
    }
}
