package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one instruction reads from other stages or images, resolved as BuildKit's
 * {@code toCommand} and {@code detectRunMount} do. BuildKit adds every image an instruction
 * reads to its list of states, and {@code COPY --from=N} indexes that list, so an index past
 * the last stage names an image read earlier; this class keeps that list to match.
 */
final class StageSources {
    private static final String FROM_VARIABLES = "variable expansion is not supported for --from, define a new stage "
            + "with FROM using ARG from global scope as a workaround";

    private final String fileName;
    private final ShellLexer lexer;
    private final Map<String, Integer> byName;
    private final int stageCount;
    private final List<StageSource> unregistered = new ArrayList<>();

    StageSources(String fileName, ShellLexer lexer, Map<String, Integer> byName, int stageCount) {
        this.fileName = fileName;
        this.lexer = lexer;
        this.byName = byName;
        this.stageCount = stageCount;
    }

    List<StageDependency> of(Instruction instruction, Location location, boolean onBuild) {
        if (instruction instanceof Instruction.Copy copy) {
            String from = flag(copy.flags(), "--from=");
            return from.isEmpty() ? List.of() : List.of(new StageDependency(location, StageDependency.Kind.COPY_FROM,
                    from, copySource(from, location), onBuild));
        }
        if (instruction instanceof Instruction.Run run) {
            List<StageDependency> out = new ArrayList<>(0);
            for (String f : run.flags()) {
                if (!f.startsWith("--mount=")) {
                    continue;
                }
                String from = field(f.substring("--mount=".length()), "from");
                String name = from.isEmpty() ? "scratch" : from;
                Integer stage = byName.get(lower(name));
                StageSource source = stage != null ? new StageSource.Stage(stage) : register(name);
                if (!from.isEmpty()) {
                    out.add(new StageDependency(location, StageDependency.Kind.MOUNT_FROM, from, source, onBuild));
                }
            }
            return out;
        }
        return List.of();
    }

    private StageSource copySource(String from, Location location) {
        String literal = from;
        try {
            if (!ScopeExpander.literal(from, lexer.escape())) {
                literal = lexer.processWord(from, ShellEnv.empty()).result();
            }
        } catch (DockerfileException e) {
            throw ScopeErrors.at(fileName, location, e);
        }
        if (!literal.equals(from)) {
            throw ScopeErrors.at(fileName, location, FROM_VARIABLES);
        }
        Long index = atoi(from);
        if (index == null) {
            Integer stage = byName.get(lower(from));
            return stage != null ? new StageSource.Stage(stage) : register(from);
        }
        if (index < 0 || index >= stageCount + unregistered.size()) {
            throw ScopeErrors.at(fileName, location, "invalid stage index " + index);
        }
        return index < stageCount ? new StageSource.Stage(index.intValue())
                : unregistered.get((int) (index - stageCount));
    }

    private StageSource register(String name) {
        StageSource source = name.equals("scratch") ? new StageSource.Scratch() : new StageSource.Image(name);
        unregistered.add(source);
        return source;
    }

    /** The value of a string flag ({@code prefix} is {@code --name=}), {@code ""} when absent or empty. */
    static String flag(List<String> flags, String prefix) {
        String value = "";
        for (String f : flags) {
            if (f.startsWith(prefix)) {
                value = f.substring(prefix.length());
            }
        }
        return value;
    }

    /** The stage's name in lower case, as {@link BuildStage#name()}, quicker. */
    static java.util.Optional<String> name(BuildStage stage) {
        return stage.from().alias().map(a -> lower(a.name()));
    }

    /** Go's {@code strings.ToLower}, quick for ASCII. */
    static String lower(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 0x80) {
                return GoText.toLower(s);
            }
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** Go's {@code strconv.Atoi}: optional sign, decimal digits, 64 bits; null when it fails. */
    static Long atoi(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The last value of {@code key} in a mount spec, as written ({@code ""} if absent). */
    static String field(String spec, String... keys) {
        String value = "";
        for (String field : CsvFields.split(spec, "mounts")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = lower(field.substring(0, eq));
            for (String k : keys) {
                if (k.equals(key)) {
                    value = field.substring(eq + 1);
                }
            }
        }
        return value;
    }

    DockerfileException orderError(StageDependency d, Instruction instruction, String currentStage) {
        if (d.kind() == StageDependency.Kind.COPY_FROM) {
            return ScopeErrors.at(fileName, d.location(), "cannot copy from stage " + GoText.quote(d.reference())
                    + ", it needs to be defined before current stage " + GoText.quote(currentStage));
        }
        String target = "";
        for (String spec : ((Instruction.Run) instruction).mountSpecs()) { // an error path: speed does not matter
            if (field(spec, "from").equals(d.reference())) {
                target = field(spec, "target", "dst", "destination");
                break;
            }
        }
        return ScopeErrors.at(fileName, d.location(), "cannot mount from stage " + GoText.quote(d.reference())
                + " to " + GoText.quote(target) + ", stage needs to be defined before current command");
    }
}
