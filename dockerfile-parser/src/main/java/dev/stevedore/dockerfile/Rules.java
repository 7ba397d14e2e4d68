package dev.stevedore.dockerfile;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks shared by the instruction records' constructors, with BuildKit's messages. Each
 * throws an unlocated {@link DockerfileException}; the parser adds the location.
 */
final class Rules {
    private Rules() {
    }

    /**
     * Checks the parts every instruction has: the keyword names the instruction (in any
     * case), comments are single trimmed lines, flags start with {@code --}.
     */
    static void common(String name, Location location, String keyword, List<String> comments, List<String> flags) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyword, "keyword");
        if (!GoText.toLower(keyword).equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("keyword " + keyword + " does not name " + name);
        }
        for (String comment : comments) {
            if (comment.isEmpty() || !comment.equals(GoText.trimSpace(comment)) || comment.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a comment is one non-blank trimmed line: " + GoText.quote(comment));
            }
        }
        for (String flag : flags) {
            if (!flag.startsWith("--") || flag.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a flag starts with -- and is on one line: " + GoText.quote(flag));
            }
        }
    }

    static DockerfileException atLeastOne(String instruction) {
        return DockerfileException.unlocated(instruction + " requires at least one argument", "");
    }

    static DockerfileException exactlyOne(String instruction) {
        return DockerfileException.unlocated(instruction + " requires exactly one argument", "");
    }

    static DockerfileException noDestination(String instruction) {
        return DockerfileException.unlocated(instruction
                + " requires at least two arguments, but only one was provided. Destination could not be determined",
                "");
    }

    static void keyValues(String instruction, List<KeyValue> pairs, boolean legacyForm) {
        if (pairs.isEmpty()) {
            throw atLeastOne(instruction);
        }
        for (KeyValue pair : pairs) {
            if (pair.key().isEmpty()) {
                throw DockerfileException.unlocated(instruction + " names can not be blank", "");
            }
        }
        if (legacyForm && pairs.size() != 1) {
            throw new IllegalArgumentException("the legacy " + instruction + " form has exactly one pair");
        }
    }

    /** COPY and ADD: no heredoc as destination, and a literal {@code --chmod} must be a mode. */
    static void destinationAndChmod(String instruction, String destination, FlagSpec.Values flags) {
        if (HeredocMarker.parseQuietly(destination).isPresent()) {
            throw DockerfileException.unlocated(instruction + " cannot accept a heredoc as a destination",
                    destination);
        }
        flags.string("chmod").filter(v -> !v.isEmpty() && MountParser.isLiteral(v)).ifPresent(Chmod::new);
    }

    /** Source words that are not heredoc markers. */
    static List<String> sourcePaths(List<String> sources) {
        return sources.stream().filter(s -> HeredocMarker.parseQuietly(s).isEmpty()).toList();
    }

    /** Heredoc sources with their bodies, looked up by name as BuildKit does (the last of a name wins). */
    static List<Heredoc> heredocSources(List<String> sources, List<Heredoc> heredocs) {
        java.util.Map<String, Heredoc> byName = new java.util.HashMap<>();
        for (Heredoc doc : heredocs) {
            byName.put(doc.name(), doc);
        }
        return sources.stream().map(HeredocMarker::parseQuietly).flatMap(Optional::stream)
                .map(marker -> new Heredoc(marker.name(), marker.fileDescriptor(), marker.expand(), marker.chomp(),
                        Optional.ofNullable(byName.get(marker.name())).map(Heredoc::content).orElse("")))
                .toList();
    }

    /** A string flag's value, empty when not given or given as {@code ""} (BuildKit treats both alike). */
    static Optional<String> nonEmpty(Optional<String> value) {
        return value.filter(v -> !v.isEmpty());
    }

    static String upperName(Class<?> type) {
        return type.getSimpleName().toUpperCase(Locale.ROOT);
    }
}
