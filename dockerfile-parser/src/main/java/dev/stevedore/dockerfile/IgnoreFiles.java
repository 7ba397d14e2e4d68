package dev.stevedore.dockerfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the ignore file that applies to a build, as BuildKit's Dockerfile frontend does.
 *
 * <p>If {@code <Dockerfile>.dockerignore} exists next to the Dockerfile (for
 * {@code build/app.Dockerfile} that is {@code build/app.Dockerfile.dockerignore}), it
 * replaces the context's {@code .dockerignore}: the two are never merged. Otherwise
 * {@code <context>/.dockerignore} applies; with neither, nothing is excluded. An empty
 * per-Dockerfile file still replaces (it excludes nothing), as with BuildKit's built-in frontend.
 * Only regular files count (symbolic links are followed); anything else is as if absent.
 *
 * <pre>{@code
 * IgnoreFile ignore = IgnoreFiles.forBuild(Path.of("."), Path.of("docker/app.Dockerfile"));
 * ignore.path();                          // Optional[docker/app.Dockerfile.dockerignore] if present
 * ignore.matcher().matches("target/x");  // what the context transfer leaves out
 * }</pre>
 */
public final class IgnoreFiles {
    /** The context-wide ignore file's name. */
    public static final String DOCKERIGNORE = ".dockerignore";

    private IgnoreFiles() {}

    /**
     * The ignore file for building {@code dockerfile} with {@code contextDir} as context.
     *
     * @param contextDir the build context directory
     * @param dockerfile the Dockerfile, inside the context or not
     * @return the applicable file, or {@link IgnoreFile#none()} if there is none
     * @throws IOException if the chosen file cannot be read
     * @throws IgnorePatternException for an invalid pattern, naming the file and line
     */
    public static IgnoreFile forBuild(Path contextDir, Path dockerfile) throws IOException {
        Path name = dockerfile.getFileName();
        if (name != null) {
            Path own = dockerfile.resolveSibling(name + DOCKERIGNORE);
            if (Files.isRegularFile(own)) {
                return IgnoreFile.read(own);
            }
        }
        Path shared = contextDir.resolve(DOCKERIGNORE);
        if (Files.isRegularFile(shared)) {
            return IgnoreFile.read(shared);
        }
        return IgnoreFile.none();
    }
}
