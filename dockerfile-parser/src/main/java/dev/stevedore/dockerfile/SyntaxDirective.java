package dev.stevedore.dockerfile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code # syntax=} directive. Stevedore parses the {@code docker/dockerfile:1}
 * syntax as of frontend {@value Dockerfile#FRONTEND_VERSION}; it cannot run other frontend
 * images, so any other reference is an error. Newer 1.x versions and development tags are
 * accepted with a warning.
 */
final class SyntaxDirective {
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:(?:docker\\.io|index\\.docker\\.io|registry-1\\.docker\\.io)/)?docker/dockerfile(?:-upstream)?"
                    + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@sha256:[0-9a-f]{64})?");
    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([A-Za-z0-9.-]+))?");
    private static final int PINNED_MINOR = Integer.parseInt(Dockerfile.FRONTEND_VERSION.split("\\.")[1]);

    private SyntaxDirective() {
    }

    /**
     * Checks a syntax directive's value.
     *
     * @return a warning when the version is newer than the pinned one or not a version
     * @throws DockerfileException (unlocated) when the value names another frontend or major version
     */
    static Optional<String> check(String value) {
        String reference = value.split(" ", 2)[0];
        Matcher m = REFERENCE.matcher(reference);
        if (reference.length() > 300 || !m.matches()) {
            throw DockerfileException.unlocated("unsupported syntax " + GoText.quote(reference)
                    + ": Stevedore parses only the docker/dockerfile:1 syntax (up to " + Dockerfile.FRONTEND_VERSION
                    + ", BuildKit " + Dockerfile.BUILDKIT_VERSION + ") and cannot run other frontend images",
                    reference);
        }
        String tag = m.group(1);
        if (tag == null) {
            return m.group(2) == null ? Optional.empty() : Optional.of("syntax " + reference
                    + " is pinned by digest only; parsed as docker/dockerfile:" + Dockerfile.FRONTEND_VERSION);
        }
        switch (tag) {
            case "latest", "labs" -> {
                return Optional.empty();
            }
            case "master", "master-labs", "experimental", "mainline", "mainline-labs" -> {
                return Optional.of("syntax " + reference + " is a development channel; parsed as docker/dockerfile:"
                        + Dockerfile.FRONTEND_VERSION);
            }
            default -> {
            }
        }
        Matcher v = VERSION.matcher(tag);
        if (!v.matches() || v.group(1).length() > 4) {
            return Optional.of("syntax " + reference + " has an unknown tag; parsed as docker/dockerfile:"
                    + Dockerfile.FRONTEND_VERSION);
        }
        int major = Integer.parseInt(v.group(1));
        if (major != 1) {
            throw DockerfileException.unlocated("unsupported syntax " + GoText.quote(reference)
                    + ": Stevedore parses the docker/dockerfile:1 syntax (up to " + Dockerfile.FRONTEND_VERSION
                    + "), not version " + major, reference);
        }
        if (v.group(2) != null && (v.group(2).length() > 4 || Integer.parseInt(v.group(2)) > PINNED_MINOR)) {
            return Optional.of("syntax " + reference + " is newer than the pinned docker/dockerfile:"
                    + Dockerfile.FRONTEND_VERSION + " (BuildKit " + Dockerfile.BUILDKIT_VERSION
                    + "); newer features are not recognised");
        }
        return Optional.empty();
    }
}
