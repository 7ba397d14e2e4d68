package dev.stevedore.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a {@code FROM} word is an image reference {@code distribution/reference}'s
 * {@code ParseNormalizedNamed} accepts, as the {@code InvalidDefaultArgInFrom} check asks.
 */
final class StageReference {
    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[(?:[a-fA-F0-9:]+)\\])";
    private static final String NAME = "(?:" + HOST + "(?::[0-9]+)?/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT
            + ")*";
    private static final Pattern REFERENCE = Pattern.compile("^(" + NAME + ")(?::([\\w][\\w.-]{0,127}))?"
            + "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");
    private static final int NAME_TOTAL_LENGTH_MAX = 255;

    private StageReference() {
    }

    static boolean isValid(String s) {
        if (IDENTIFIER.matcher(s).matches()) {
            return false;
        }
        String remainder = remainder(s);
        int colon = remainder.indexOf(':');
        String remote = colon >= 0 ? remainder.substring(0, colon) : remainder;
        if (!GoText.toLower(remote).equals(remote)) {
            return false;
        }
        Matcher m = REFERENCE.matcher(domain(s) + "/" + remainder);
        if (!m.matches() || m.group(1).length() > NAME_TOTAL_LENGTH_MAX) {
            return false;
        }
        return m.group(3) == null || validDigest(m.group(3));
    }

    private static boolean validDigest(String digest) {
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        return switch (algorithm) {
            case "sha256" -> hex.length() == 64 && hex.equals(GoText.toLower(hex));
            case "sha384" -> hex.length() == 96 && hex.equals(GoText.toLower(hex));
            case "sha512" -> hex.length() == 128 && hex.equals(GoText.toLower(hex));
            default -> false;
        };
    }

    /** splitDockerDomain's domain. */
    private static String domain(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = name.substring(0, slash);
        if (first.equals("localhost") || first.indexOf('.') >= 0 || first.indexOf(':') >= 0
                || !GoText.toLower(first).equals(first)) {
            return first;
        }
        return "docker.io";
    }

    /** splitDockerDomain's remote name, {@code library/} added for official images. */
    private static String remainder(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return "library/" + name;
        }
        String first = name.substring(0, slash);
        String rest = name.substring(slash + 1);
        String remote;
        if (first.equals("localhost") || first.indexOf('.') >= 0 || first.indexOf(':') >= 0
                || !GoText.toLower(first).equals(first)) {
            if (first.equals("index.docker.io")) {
                remote = rest;
                return remote.indexOf('/') < 0 ? "library/" + remote : remote;
            }
            return rest;
        }
        return name.indexOf('/') < 0 ? "library/" + name : name;
    }
}
