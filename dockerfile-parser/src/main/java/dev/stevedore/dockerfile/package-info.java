/**
 * Dockerfile text to a typed syntax tree, shell-word expansion, {@code .dockerignore}
 * matching and lint checks. Depends on the JDK alone.
 */
package dev.stevedore.dockerfile;
