package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Lint#check} found: findings in line order, checks it could not run for want of
 * build context, and the error that stopped it, as BuildKit's lint result has them.
 *
 * <pre>{@code
 * LintResult r = Lint.check(Dockerfile.parse(path));
 * r.findings();   // [line 2: FromAsCasing: 'as' and 'FROM' keywords' casing do not match]
 * r.error();      // Optional.empty, or the build error (also "lint violation found for rules: ..."
 *                 //   when the file says # check=error=true)
 * r.failed();     // true: any finding or an error fails, as docker build --check does
 * }</pre>
 *
 * @param findings the findings, ordered by line (then as found)
 * @param skipped the checks not run everywhere, one per rule
 * @param error the error that ended linting, if any; findings before it are kept
 * @param options the {@code check} configuration in effect
 */
public record LintResult(List<LintFinding> findings, List<LintSkipped> skipped, Optional<DockerfileException> error,
        CheckOptions options) {
    /** Checks for nulls and copies the lists. */
    public LintResult {
        findings = List.copyOf(findings);
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(options, "options");
    }

    /**
     * Returns whether the file fails the check: it has findings, or linting hit an error.
     *
     * @return true if {@code docker build --check} would exit non-zero
     */
    public boolean failed() {
        return !findings.isEmpty() || error.isPresent();
    }
}
