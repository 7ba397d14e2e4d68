package dev.stevedore.sandbox;

import java.util.List;

/**
 * What {@link SandboxRuntime#sweep} did.
 *
 * @param removed sandboxes whose shim was gone and whose leftovers (processes, cgroups, state) were removed
 * @param records detached sandboxes that have ended: their cgroups were removed, their state
 *     (log, exit status) kept until {@link Sandbox#remove()}
 * @param live sandboxes whose shim still runs: left alone
 * @param problems state directories that could not be understood, with the reason: left alone
 */
public record SweepReport(List<String> removed, List<String> records, List<String> live, List<String> problems) {
    /** Freezes the lists. */
    public SweepReport {
        removed = List.copyOf(removed);
        records = List.copyOf(records);
        live = List.copyOf(live);
        problems = List.copyOf(problems);
    }
}
