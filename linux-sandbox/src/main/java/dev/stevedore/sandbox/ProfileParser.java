package dev.stevedore.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Docker-format seccomp profile into a {@link SeccompProfile}, checking every field and
 * naming the first bad one by its path ({@code syscalls[3].args[0].op}).
 *
 * <p>As in Docker, unknown members are ignored, a JSON {@code null} counts as absent, and a
 * profile with neither {@code defaultAction} nor {@code syscalls} disables seccomp. Stricter than
 * Docker: {@code errnoRet} on an action that returns no errno is an error, as in crun; and what
 * Stevedore cannot honour yet ({@code SCMP_ACT_NOTIFY}, {@code listenerPath}, {@code flags}) is
 * rejected rather than ignored.
 */
final class ProfileParser {
    private static final int MAX_DATA = 0xffff;

    private final String source;

    private ProfileParser(String source) {
        this.source = source;
    }

    /**
     * Parses and checks a profile.
     *
     * @return the profile, or empty if it disables seccomp
     * @throws SeccompProfileException naming {@code source} and the problem
     */
    static Optional<SeccompProfile> parse(String json, String source) {
        ProfileParser parser = new ProfileParser(source);
        Json root;
        try {
            root = Json.parse(json);
        } catch (JsonException e) {
            throw new SeccompProfileException(source, "malformed JSON: " + e.getMessage(), e);
        }
        return parser.profile(root);
    }

    private Optional<SeccompProfile> profile(Json root) {
        if (!(root instanceof Json.Obj top)) {
            throw problem("expected a JSON object at the top level, found " + root.kind());
        }
        rejectUnsupported(top);
        Optional<String> defaultAction = optionalString(top, "defaultAction", "defaultAction").filter(s -> !s.isEmpty());
        List<Json> syscalls = optionalArray(top, "syscalls", "syscalls");
        if (defaultAction.isEmpty() && syscalls.isEmpty()) {
            return Optional.empty();
        }
        if (defaultAction.isEmpty()) {
            throw problem("defaultAction is missing");
        }
        Optional<Integer> defaultErrno = optionalData(top, "defaultErrnoRet", "defaultErrnoRet");
        SeccompAction fallback = action(defaultAction.get(), defaultErrno, "defaultAction");
        List<String> architectures = architectures(top);
        List<SyscallRule> rules = new ArrayList<>();
        for (int i = 0; i < syscalls.size(); i++) {
            rules.add(rule(syscalls.get(i), "syscalls[" + i + "]"));
        }
        return Optional.of(new SeccompProfile(fallback, architectures, rules));
    }

    private void rejectUnsupported(Json.Obj top) {
        List<String> flags = strings(top, "flags", "flags");
        if (!flags.isEmpty()) {
            throw problem("flags " + flags + " are not supported yet");
        }
        for (String key : List.of("listenerPath", "listenerMetadata")) {
            if (optionalString(top, key, key).filter(s -> !s.isEmpty()).isPresent()) {
                throw problem(key + " is not supported: Stevedore has no seccomp listener yet");
            }
        }
    }

    private List<String> architectures(Json.Obj top) {
        List<String> listed = strings(top, "architectures", "architectures");
        List<Json> archMap = optionalArray(top, "archMap", "archMap");
        if (!listed.isEmpty() && !archMap.isEmpty()) {
            throw problem("both architectures and archMap are given; use one of them");
        }
        for (int i = 0; i < listed.size(); i++) {
            checkArch(listed.get(i), "architectures[" + i + "]");
        }
        List<String> chosen = listed;
        for (int i = 0; i < archMap.size(); i++) {
            String path = "archMap[" + i + "]";
            Json.Obj entry = object(archMap.get(i), path);
            String arch = string(required(entry, "architecture", path), path + ".architecture");
            checkArch(arch, path + ".architecture");
            List<String> subs = strings(entry, "subArchitectures", path + ".subArchitectures");
            for (int j = 0; j < subs.size(); j++) {
                checkArch(subs.get(j), path + ".subArchitectures[" + j + "]");
            }
            if (chosen.isEmpty() && arch.equals(SeccompArch.X86_64.profileName())) {
                chosen = new ArrayList<>(List.of(arch));
                chosen.addAll(subs);
            }
        }
        return chosen;
    }

    private SyscallRule rule(Json json, String path) {
        Json.Obj entry = object(json, path);
        Optional<String> name = optionalString(entry, "name", path + ".name").filter(s -> !s.isEmpty());
        List<String> names = strings(entry, "names", path + ".names");
        if (name.isPresent()) {
            if (!names.isEmpty()) {
                throw problem(path + ": both name and names are given; use names");
            }
            names = List.of(name.get());
        }
        if (names.isEmpty()) {
            throw problem(path + ": names is missing or empty");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw problem(path + ".names[" + i + "]: empty system call name");
            }
        }
        String actionName = string(required(entry, "action", path), path + ".action");
        SeccompAction action = action(actionName, optionalData(entry, "errnoRet", path + ".errnoRet"),
                path + ".action");
        List<Json> argsJson = optionalArray(entry, "args", path + ".args");
        List<ArgCondition> args = new ArrayList<>();
        for (int i = 0; i < argsJson.size(); i++) {
            args.add(arg(argsJson.get(i), path + ".args[" + i + "]"));
        }
        Optional<RuleFilter> includes = member(entry, "includes").map(j -> filter(j, path + ".includes"));
        Optional<RuleFilter> excludes = member(entry, "excludes").map(j -> filter(j, path + ".excludes"));
        return new SyscallRule(names, action, args, includes, excludes);
    }

    private ArgCondition arg(Json json, String path) {
        Json.Obj arg = object(json, path);
        int index = (int) integer(required(arg, "index", path), path + ".index", ArgCondition.MAX_ARGS - 1);
        long value = member(arg, "value").map(j -> unsigned64(j, path + ".value")).orElse(0L);
        long valueTwo = member(arg, "valueTwo").map(j -> unsigned64(j, path + ".valueTwo")).orElse(0L);
        String op = string(required(arg, "op", path), path + ".op");
        try {
            return new ArgCondition(index, Comparison.parse(op), value, valueTwo);
        } catch (IllegalArgumentException e) {
            throw problem(path + ".op: " + e.getMessage());
        }
    }

    private RuleFilter filter(Json json, String path) {
        Json.Obj filter = object(json, path);
        List<String> caps = strings(filter, "caps", path + ".caps");
        List<String> arches = strings(filter, "arches", path + ".arches");
        Optional<KernelVersion> minKernel = optionalString(filter, "minKernel", path + ".minKernel")
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return KernelVersion.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw problem(path + ".minKernel: " + e.getMessage());
                    }
                });
        return new RuleFilter(caps, arches, minKernel);
    }

    private SeccompAction action(String name, Optional<Integer> errnoRet, String path) {
        try {
            return SeccompAction.parse(name, errnoRet);
        } catch (IllegalArgumentException e) {
            throw problem(path + ": " + e.getMessage());
        }
    }

    private void checkArch(String name, String path) {
        if (!SeccompArch.known(name)) {
            throw problem(path + ": unknown architecture \"" + name + "\"");
        }
    }

    private Optional<Integer> optionalData(Json.Obj obj, String key, String path) {
        return member(obj, key).map(j -> (int) integer(j, path, MAX_DATA));
    }

    private Optional<String> optionalString(Json.Obj obj, String key, String path) {
        return member(obj, key).map(j -> string(j, path));
    }

    private List<Json> optionalArray(Json.Obj obj, String key, String path) {
        return member(obj, key).map(j -> array(j, path)).orElse(List.of());
    }

    private List<String> strings(Json.Obj obj, String key, String path) {
        List<Json> items = optionalArray(obj, key, path);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            strings.add(string(items.get(i), path + "[" + i + "]"));
        }
        return strings;
    }

    /** A member's value; absent or JSON {@code null} both give empty, as Go's decoder treats them. */
    private static Optional<Json> member(Json.Obj obj, String key) {
        return obj.get(key).filter(j -> !(j instanceof Json.Null));
    }

    private Json required(Json.Obj obj, String key, String path) {
        return member(obj, key).orElseThrow(() -> problem(path + ": " + key + " is missing"));
    }

    private Json.Obj object(Json json, String path) {
        if (json instanceof Json.Obj obj) {
            return obj;
        }
        throw problem(path + ": expected an object, found " + json.kind());
    }

    private List<Json> array(Json json, String path) {
        if (json instanceof Json.Arr arr) {
            return arr.items();
        }
        throw problem(path + ": expected an array, found " + json.kind());
    }

    private String string(Json json, String path) {
        if (json instanceof Json.Str str) {
            return str.value();
        }
        throw problem(path + ": expected a string, found " + json.kind());
    }

    private long integer(Json json, String path, long max) {
        if (json instanceof Json.Num num) {
            try {
                long value = num.longValueExact();
                if (value >= 0 && value <= max) {
                    return value;
                }
            } catch (ArithmeticException e) {
                // reported below
            }
            throw problem(path + ": expected an integer from 0 to " + max + ", found " + num.value());
        }
        throw problem(path + ": expected a number, found " + json.kind());
    }

    private long unsigned64(Json json, String path) {
        if (json instanceof Json.Num num) {
            try {
                return num.unsignedLongValueExact();
            } catch (ArithmeticException e) {
                throw problem(path + ": expected an integer from 0 to 2^64-1, found " + num.value());
            }
        }
        throw problem(path + ": expected a number, found " + json.kind());
    }

    private SeccompProfileException problem(String problem) {
        return new SeccompProfileException(source, problem);
    }
}
