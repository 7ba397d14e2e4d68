package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects findings as BuildKit's {@code linter.Linter} does: a finding counts if its rule is
 * enabled by the file's {@code check} options merged with a {@code # check=} comment above the
 * instruction; {@code error=true} turns findings into an error at the end.
 */
final class LintCollector implements LintSink {
    private final CheckOptions options;
    private final List<LintFinding> findings = new ArrayList<>();
    private final Set<String> called = new LinkedHashSet<>();
    private final Map<LintRule, Set<String>> skipped = new LinkedHashMap<>();

    LintCollector(CheckOptions options) {
        this.options = options;
    }

    @Override
    public boolean active() {
        return true;
    }

    @Override
    public void report(LintRule rule, Location location, List<String> comments, String message) {
        CheckOptions in = comments.isEmpty() ? options
                : CheckOptions.fromComments(comments).map(options::merge).orElse(options);
        if (!in.enabled(rule)) {
            return;
        }
        called.add(rule.ruleName());
        findings.add(new LintFinding(rule, location, message));
    }

    @Override
    public void skipped(LintRule rule, String what) {
        if (options.enabled(rule)) {
            skipped.computeIfAbsent(rule, r -> new LinkedHashSet<>()).add(what);
        }
    }

    /** BuildKit's {@code Linter.Error()}: with {@code error=true}, the rules that reported. */
    Optional<DockerfileException> violation() {
        if (!options.error() || called.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DockerfileException("lint violation found for rules: " + String.join(", ", called)));
    }

    LintResult result(Optional<DockerfileException> error) {
        List<LintFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(LintFinding::line));
        List<LintSkipped> notes = new ArrayList<>();
        skipped.forEach((rule, needs) -> notes.add(new LintSkipped(rule, List.copyOf(needs))));
        return new LintResult(sorted, notes, error, options);
    }
}
