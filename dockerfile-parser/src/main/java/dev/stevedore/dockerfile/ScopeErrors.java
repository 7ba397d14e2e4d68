package dev.stevedore.dockerfile;

import java.util.OptionalInt;

/** Errors of stage resolution and scoping, located at an instruction as BuildKit locates them. */
final class ScopeErrors {
    private ScopeErrors() {
    }

    static DockerfileException at(String fileName, Location location, String reason) {
        return new DockerfileException(fileName, location.startLine(), OptionalInt.empty(), "", reason);
    }

    /** Locates an expansion or instruction error; an error that has a line already is kept. */
    static DockerfileException at(String fileName, Location location, DockerfileException e) {
        if (e.line() > 0) {
            return e;
        }
        String reason = e instanceof ShellExpansionException s ? s.reason() : e.reason();
        return at(fileName, location, reason);
    }
}
