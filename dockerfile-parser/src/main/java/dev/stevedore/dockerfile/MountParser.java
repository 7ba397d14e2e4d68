package dev.stevedore.dockerfile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Reads {@code --mount} specs. With an expander it follows BuildKit's dispatch-time parse;
 * without one ({@link #check}) it checks at parse time everything that needs no expansion.
 */
final class MountParser {
    private static final List<String> TYPES = List.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final List<String> SHARING = List.of("shared", "private", "locked");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
            "sharing", "required", "size", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw",
            "readwrite", "env");

    private MountParser() {
    }

    static Mount parse(String spec, UnaryOperator<String> expander) {
        return new Reading(spec, expander).read();
    }

    /** Checks a spec at parse time; values that need expansion are checked by {@link #parse} later. */
    static void check(String spec) {
        new Reading(spec, null).read();
    }

    /** Whether a value is the same before and after shell-word expansion. */
    static boolean isLiteral(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '$' || c == '\'' || c == '"' || c == '\\' || c == '`') {
                return false;
            }
        }
        return true;
    }

    private static final class Reading {
        private final String spec;
        private final UnaryOperator<String> expander;
        private Mount.Type type = Mount.Type.BIND;
        /** False while the type is a value still to be expanded (parse-time check only). */
        private boolean typeKnown = true;
        private String from = "";
        private String source = "";
        private String target = "";
        private boolean readOnly;
        private boolean readOnlyAuto = true;
        private long size;
        private String id = "";
        private Mount.Sharing sharing;
        private boolean sharingGiven;
        private boolean required;
        private String env;
        private Long mode;
        private Long uid;
        private Long gid;
        private boolean modeGiven;
        private boolean uidGiven;
        private boolean gidGiven;

        Reading(String spec, UnaryOperator<String> expander) {
            this.spec = spec;
            this.expander = expander;
        }

        private DockerfileException fail(String reason) {
            return DockerfileException.unlocated(reason, spec);
        }

        Mount read() {
            for (String field : CsvFields.split(spec, "mounts")) {
                int eq = field.indexOf('=');
                String key = GoText.toLower(eq >= 0 ? field.substring(0, eq) : field);
                if (eq < 0) {
                    flag(key, field);
                    continue;
                }
                String value = field.substring(eq + 1);
                if (expander == null && key.equals("from")) {
                    int dollar = value.indexOf('$');
                    if (dollar != -1 && dollar != value.length() - 1) {
                        throw fail("'from' doesn't support variable expansion, define alias stage instead");
                    }
                }
                boolean deferred = expander == null && !isLiteral(value);
                if (expander != null) {
                    value = expander.apply(value);
                }
                option(key, field, value, deferred);
            }
            return finish();
        }

        private void flag(String key, String field) {
            switch (key) {
                case "readonly", "ro" -> {
                    readOnly = true;
                    readOnlyAuto = false;
                }
                case "readwrite", "rw" -> {
                    readOnly = false;
                    readOnlyAuto = false;
                }
                case "required" -> {
                    if (typeKnown && type != Mount.Type.SECRET && type != Mount.Type.SSH) {
                        throw fail("unexpected key '" + key + "' for mount type '" + type.value() + "'");
                    }
                    required = true;
                }
                default -> throw fail("invalid field '" + field + "' must be a key=value pair");
            }
        }

        private void option(String key, String field, String value, boolean deferred) {
            switch (key) {
                case "type" -> {
                    if (deferred) {
                        typeKnown = false;
                        return;
                    }
                    String lower = GoText.toLower(value);
                    if (!TYPES.contains(lower)) {
                        throw fail(Suggestions.wrap("unsupported mount type " + GoText.quote(value), value, TYPES,
                                true));
                    }
                    type = Mount.Type.valueOf(lower.toUpperCase(java.util.Locale.ROOT));
                    typeKnown = true;
                }
                case "from" -> from = value;
                case "source", "src" -> source = value;
                case "target", "dst", "destination" -> target = value;
                case "readonly", "ro", "readwrite", "rw" -> {
                    readOnlyAuto = false;
                    if (deferred) {
                        return;
                    }
                    boolean b = GoNumbers.parseBool(value)
                            .orElseThrow(() -> fail("invalid value for " + key + ": " + value));
                    readOnly = key.equals("readonly") || key.equals("ro") ? b : !b;
                }
                case "required" -> {
                    if (typeKnown && type != Mount.Type.SECRET && type != Mount.Type.SSH) {
                        throw fail("unexpected key '" + key + "' for mount type '" + type.value() + "'");
                    }
                    if (!deferred) {
                        required = GoNumbers.parseBool(value)
                                .orElseThrow(() -> fail("invalid value for " + key + ": " + value));
                    }
                }
                case "size" -> {
                    if (typeKnown && type != Mount.Type.TMPFS) {
                        throw fail("unexpected key '" + key + "' for mount type '" + type.value() + "'");
                    }
                    if (!deferred) {
                        size = GoNumbers.ramInBytes(value)
                                .orElseThrow(() -> fail("invalid value for " + key + ": " + value));
                    }
                }
                case "id" -> id = value;
                case "sharing" -> {
                    sharingGiven = true;
                    if (deferred) {
                        return;
                    }
                    String lower = GoText.toLower(value);
                    if (!SHARING.contains(lower)) {
                        throw fail(Suggestions.wrap("unsupported sharing value " + GoText.quote(value), value,
                                SHARING, true));
                    }
                    sharing = Mount.Sharing.valueOf(lower.toUpperCase(java.util.Locale.ROOT));
                }
                case "mode" -> {
                    modeGiven = true;
                    if (!deferred) {
                        mode = number(value, 8, "mode");
                    }
                }
                case "uid" -> {
                    uidGiven = true;
                    if (!deferred) {
                        uid = number(value, 10, "uid");
                    }
                }
                case "gid" -> {
                    gidGiven = true;
                    if (!deferred) {
                        gid = number(value, 10, "gid");
                    }
                }
                case "env" -> env = value;
                default -> throw fail(Suggestions.wrap("unexpected key '" + key + "' in '" + field + "'", key, KEYS,
                        true));
            }
        }

        private long number(String value, int base, String what) {
            OptionalLong n = GoNumbers.parseUint(value, base, 32);
            if (n.isEmpty()) {
                throw fail("invalid value " + value + " for " + what);
            }
            return n.getAsLong();
        }

        private Mount finish() {
            if (typeKnown) {
                boolean fileInfoAllowed = Arrays.asList(Mount.Type.SECRET, Mount.Type.SSH, Mount.Type.CACHE)
                        .contains(type);
                String quotedType = GoText.quote(type.value());
                if (!fileInfoAllowed) {
                    if (modeGiven) {
                        throw fail("mode not allowed for " + quotedType + " type mounts");
                    }
                    if (uidGiven) {
                        throw fail("uid not allowed for " + quotedType + " type mounts");
                    }
                    if (gidGiven) {
                        throw fail("gid not allowed for " + quotedType + " type mounts");
                    }
                }
                if (readOnlyAuto) {
                    readOnly = type != Mount.Type.CACHE && type != Mount.Type.TMPFS;
                }
                if (type == Mount.Type.SECRET) {
                    if (!from.isEmpty()) {
                        throw fail("secret mount should not have a from");
                    }
                    if (sharingGiven) {
                        throw fail("secret mount should not define sharing");
                    }
                    if (source.isEmpty() && target.isEmpty() && id.isEmpty()) {
                        throw fail("invalid secret mount. one of source, target required");
                    }
                    if (!source.isEmpty() && !id.isEmpty()) {
                        throw fail("both source and id can't be set");
                    }
                }
                if (sharingGiven && type != Mount.Type.CACHE) {
                    throw fail("invalid cache sharing set for " + type.value() + " mount");
                }
            }
            if (expander == null) {
                return null;
            }
            return new Mount(type, nonEmpty(from), nonEmpty(source), nonEmpty(target), readOnly, size,
                    nonEmpty(id), Optional.ofNullable(sharing), required, Optional.ofNullable(env),
                    optional(mode), optional(uid), optional(gid));
        }

        private static Optional<String> nonEmpty(String s) {
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }

        private static OptionalLong optional(Long n) {
            return n == null ? OptionalLong.empty() : OptionalLong.of(n);
        }
    }
}
