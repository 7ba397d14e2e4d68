/**
 * Dockerfile text to a typed syntax tree, shell-word expansion, {@code .dockerignore}
 * matching and lint checks. Depends on the JDK alone.
 *
 * <p>The parser's entry point is {@link dev.stevedore.dockerfile.Dockerfile#parse(java.nio.file.Path)}:
 * it reads a Dockerfile exactly as BuildKit {@value dev.stevedore.dockerfile.Dockerfile#BUILDKIT_VERSION}
 * does and returns {@link dev.stevedore.dockerfile.Instruction}s with their raw, unexpanded
 * words; every rejection is a {@link dev.stevedore.dockerfile.DockerfileException} naming the
 * file, line and column.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse(Path.of("Dockerfile"));
 * df.stages().get(0).from().image();  // "alpine:3.20"
 * }</pre>
 */
package dev.stevedore.dockerfile;
