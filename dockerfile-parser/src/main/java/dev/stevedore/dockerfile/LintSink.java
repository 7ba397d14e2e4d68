package dev.stevedore.dockerfile;

import java.util.List;

/**
 * Where stage resolution and scoping report lint findings as they go, the way BuildKit's
 * converter calls its linter while it works. {@link #NONE} when nobody lints.
 */
interface LintSink {
    /** Drops every finding. */
    LintSink NONE = new LintSink() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void report(LintRule rule, Location location, List<String> comments, String message) {
        }

        @Override
        public void skipped(LintRule rule, String what) {
        }
    };

    /** Whether findings are collected at all; work done only for lint may be skipped if not. */
    boolean active();

    /**
     * Reports a finding.
     *
     * @param comments the comments above the instruction, whose {@code # check=} applies to this finding
     *     alone; empty for checks BuildKit runs with the file's configuration only
     */
    void report(LintRule rule, Location location, List<String> comments, String message);

    /** Notes that a check could not run for want of build context, naming what is missing. */
    void skipped(LintRule rule, String what);
}
