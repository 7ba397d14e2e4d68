package dev.stevedore.sandbox;

import java.time.Instant;

/**
 * One line of a sandbox's json-file log.
 *
 * @param stream where the line was written
 * @param time when the shim read it
 * @param text the line, with its trailing newline when it had one
 */
public record LogEntry(OutputListener.Stream stream, Instant time, String text) {}
