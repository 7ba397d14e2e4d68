/**
 * The {@code stevedore} command: Docker's verbs and flags on top of the library, with picocli.
 * {@link dev.stevedore.examples.cli.Cli#main} is the entry point; {@link dev.stevedore.examples.cli.Cli#run}
 * runs one command line in-process (tests use it).
 */
package dev.stevedore.examples.cli;
