package dev.stevedore.oci;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The image reference grammar of distribution/reference and Docker's normalization rules,
 * checked piece by piece so that errors name the part that is wrong.
 */
final class ReferenceGrammar {
    static final String DOCKER_HUB = "docker.io";
    static final String LEGACY_DOCKER_HUB = "index.docker.io";
    static final String OFFICIAL_PREFIX = "library/";
    static final String DEFAULT_TAG = "latest";
    static final int MAX_REPOSITORY_LENGTH = 255;

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern REGISTRY = Pattern.compile("(?:" + DOMAIN_COMPONENT + "(?:\\."
            + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");

    private ReferenceGrammar() {
    }

    /** Whether the text is a bare 64-hex identifier, which Docker refuses as a name. */
    static boolean isIdentifier(String text) {
        return IDENTIFIER.matcher(text).matches();
    }

    /**
     * Whether the first component of a name is a registry rather than a Docker Hub namespace:
     * it contains '.' or ':', is "localhost", or has an uppercase letter.
     */
    static boolean looksLikeRegistry(String component) {
        return component.indexOf('.') >= 0 || component.indexOf(':') >= 0
                || component.equals("localhost")
                || !component.equals(component.toLowerCase(Locale.ROOT));
    }

    /** Maps the legacy Docker Hub name to {@code docker.io}. */
    static String normalizeRegistry(String registry) {
        return registry.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : registry;
    }

    /** Puts single-component Docker Hub repositories under {@code library/}. */
    static String normalizeRepository(String registry, String repository) {
        if (registry.equals(DOCKER_HUB) && !repository.isEmpty() && repository.indexOf('/') < 0) {
            return OFFICIAL_PREFIX + repository;
        }
        return repository;
    }

    /**
     * Checks a normalized reference, naming {@code input} in the message of the first problem.
     */
    static void check(String input, String registry, String repository, Optional<String> tag) {
        if (repository.isEmpty()) {
            throw invalid(input, "repository name must have at least one component");
        }
        if (!REGISTRY.matcher(registry).matches()) {
            throw invalid(input, "invalid registry \"" + registry + "\"");
        }
        if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
            throw invalid(input, "repository name must be lowercase");
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(input, "invalid repository path component \"" + component
                        + "\" (lowercase letters and digits, separated by '.', '_', '__' or '-')");
            }
        }
        if (repository.length() > MAX_REPOSITORY_LENGTH) {
            throw invalid(input, "repository name must not be more than " + MAX_REPOSITORY_LENGTH
                    + " characters");
        }
        tag.ifPresent(t -> checkTag(input, t));
    }

    static void checkTag(String input, String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidReferenceException(input, "invalid tag \"" + tag + "\" in reference \""
                    + input + "\": a tag has 1 to 128 letters, digits, '_', '.' or '-', and does not"
                    + " start with '.' or '-'");
        }
    }

    static InvalidReferenceException invalid(String input, String problem) {
        return new InvalidReferenceException(input, "invalid reference \"" + input + "\": " + problem);
    }
}
