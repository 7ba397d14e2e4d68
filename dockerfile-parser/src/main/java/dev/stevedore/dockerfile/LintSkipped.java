package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * A check that could not run everywhere because it needs what only a build has: a base
 * image's environment or platform, or the context's {@code .dockerignore}. Nothing is
 * guessed; fill a {@link LintContext} to run it.
 *
 * <pre>{@code
 * LintSkipped s = Lint.check(df).skipped().get(0);
 * s.rule();        // UNDEFINED_VAR
 * s.needs();       // [golang:1.22]
 * s.describe();    // "UndefinedVar not checked where it needs the environment of base image golang:1.22"
 * }</pre>
 *
 * @param rule the check
 * @param needs what was missing, each once: base image names, or {@code .dockerignore}
 */
public record LintSkipped(LintRule rule, List<String> needs) {
    /** Checks for null and copies the list. */
    public LintSkipped {
        Objects.requireNonNull(rule, "rule");
        needs = List.copyOf(needs);
    }

    /**
     * Returns one line for a person.
     *
     * @return what was not checked and why
     */
    public String describe() {
        String what = switch (rule) {
            case UNDEFINED_VAR -> "the environment of base image";
            case INVALID_BASE_IMAGE_PLATFORM -> "the platform of base image";
            default -> "the build context's";
        };
        return rule.ruleName() + " not checked where it needs " + what + (needs.size() > 1 ? "s " : " ")
                + String.join(", ", needs);
    }
}
