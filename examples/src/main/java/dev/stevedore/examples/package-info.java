/**
 * Runnable examples, the preflight main job, and (later) the {@code stevedore} command.
 */
package dev.stevedore.examples;
