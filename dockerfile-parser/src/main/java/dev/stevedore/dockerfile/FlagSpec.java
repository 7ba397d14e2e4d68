package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags one instruction accepts, and BuildKit's rules for reading them
 * ({@code instructions/bflag.go}): {@code --name=value}, booleans also bare, repeatable
 * flags collected in order, {@code --} ends the flags, anything unknown is an error.
 */
final class FlagSpec {
    enum Kind { BOOL, STRING, STRINGS }

    static final FlagSpec NONE = new FlagSpec(Map.of());
    static final FlagSpec FROM = builder().string("platform").build();
    static final FlagSpec RUN = builder().strings("device").strings("mount").string("network").string("security")
            .build();
    static final FlagSpec COPY = builder().string("chown").string("from").string("chmod").bool("link")
            .strings("exclude").bool("parents").build();
    static final FlagSpec ADD = builder().string("chown").string("chmod").bool("link").bool("keep-git-dir")
            .string("checksum").bool("unpack").strings("exclude").build();
    static final FlagSpec HEALTHCHECK = builder().string("interval").string("timeout").string("start-period")
            .string("start-interval").string("retries").build();

    private final Map<String, Kind> kinds;

    private FlagSpec(Map<String, Kind> kinds) {
        this.kinds = kinds;
    }

    private static Builder builder() {
        return new Builder();
    }

    private static final class Builder {
        private final Map<String, Kind> kinds = new LinkedHashMap<>();

        Builder bool(String name) {
            kinds.put(name, Kind.BOOL);
            return this;
        }

        Builder string(String name) {
            kinds.put(name, Kind.STRING);
            return this;
        }

        Builder strings(String name) {
            kinds.put(name, Kind.STRINGS);
            return this;
        }

        FlagSpec build() {
            return new FlagSpec(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds)));
        }
    }

    /** The values read from a flag list; unset flags are absent. */
    static final class Values {
        private final Map<String, String> single = new HashMap<>();
        private final Map<String, List<String>> multi = new HashMap<>();

        Optional<String> string(String name) {
            return Optional.ofNullable(single.get(name));
        }

        Optional<Boolean> bool(String name) {
            return string(name).map("true"::equals);
        }

        List<String> strings(String name) {
            return List.copyOf(multi.getOrDefault(name, List.of()));
        }

        boolean used(String name) {
            return single.containsKey(name) || multi.containsKey(name);
        }
    }

    /**
     * Reads {@code flags}.
     *
     * @throws DockerfileException (unlocated) naming the flag, with BuildKit's message
     */
    Values parse(List<String> flags) {
        Values values = new Values();
        for (String arg : flags) {
            if (arg.equals("--")) {
                return values;
            }
            if (!arg.startsWith("--")) {
                throw DockerfileException.unlocated("arg should start with -- : " + arg, arg);
            }
            int eq = arg.indexOf('=');
            String flagName = eq >= 0 ? arg.substring(0, eq) : arg;
            String value = eq >= 0 ? arg.substring(eq + 1) : "";
            boolean hasValue = eq >= 0;
            String name = flagName.substring(2);
            Kind kind = kinds.get(name);
            if (kind == null) {
                throw DockerfileException.unlocated(Suggestions.wrap("unknown flag: " + flagName, name,
                        new ArrayList<>(kinds.keySet()), true), flagName);
            }
            if (kind != Kind.STRINGS && values.single.containsKey(name)) {
                throw DockerfileException.unlocated("duplicate flag specified: " + flagName, arg);
            }
            switch (kind) {
                case BOOL -> {
                    if (hasValue && value.isEmpty()) {
                        throw DockerfileException.unlocated("missing a value on flag: " + flagName, flagName);
                    }
                    String lower = GoText.toLower(value);
                    if (lower.equals("true") || lower.isEmpty()) {
                        values.single.put(name, "true");
                    } else if (lower.equals("false")) {
                        values.single.put(name, "false");
                    } else {
                        throw DockerfileException.unlocated("expecting boolean value for flag " + flagName
                                + ", not: " + value, arg);
                    }
                }
                case STRING -> {
                    if (!hasValue) {
                        throw DockerfileException.unlocated("missing a value on flag: " + flagName, flagName);
                    }
                    values.single.put(name, value);
                }
                case STRINGS -> {
                    if (!hasValue) {
                        throw DockerfileException.unlocated("missing a value on flag: " + flagName, flagName);
                    }
                    values.multi.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
        }
        return values;
    }
}
