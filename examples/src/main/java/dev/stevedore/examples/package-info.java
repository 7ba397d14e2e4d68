/**
 * The main job ({@link dev.stevedore.examples.Tutorial}: Docker's getting-started walkthrough
 * through the {@code stevedore} command), the earlier {@link dev.stevedore.examples.Preflight}
 * host report, and the seeds the offline examples need. The command itself is in
 * {@code dev.stevedore.examples.cli}; one runnable class per scenario in
 * {@code dev.stevedore.examples.scenarios}.
 */
package dev.stevedore.examples;
