package dev.stevedore.dockerfile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks BuildKit runs while parsing instructions ({@code instructions/parse.go}) and on
 * the parsed stages before converting them ({@code validateStageNames},
 * {@code validateCommandCasing}), plus {@code NoEmptyContinuation} from the parser's warnings.
 */
final class LintParseChecks {
    private static final Set<String> RESERVED = Set.of("context", "scratch");
    private static final String EMPTY_CONTINUATION = "Empty continuation line";

    private LintParseChecks() {
    }

    static void run(Dockerfile df, LintSink lint) {
        for (ParseWarning w : df.warnings()) {
            if (w.message().startsWith(EMPTY_CONTINUATION)) {
                lint.report(LintRule.NO_EMPTY_CONTINUATION, Location.of(Math.max(1, w.line()), Math.max(1, w.line())),
                        List.of(), LintMessages.noEmptyContinuation());
            }
        }
        for (Instruction i : df.instructions()) {
            instruction(i, lint);
        }
        stageNames(df.stages(), lint);
        casing(df.stages(), lint);
    }

    private static void instruction(Instruction i, LintSink lint) {
        if (i instanceof Instruction.Maintainer) {
            lint.report(LintRule.MAINTAINER_DEPRECATED, i.location(), i.comments(),
                    LintMessages.maintainerDeprecated());
        } else if (i instanceof Instruction.From from && from.alias().isPresent()) {
            Instruction.From.Alias alias = from.alias().get();
            if (!alias.name().equals(GoText.toLower(alias.name()))) {
                lint.report(LintRule.STAGE_NAME_CASING, i.location(), i.comments(),
                        LintMessages.stageNameCasing(alias.name()));
            }
            String kw = from.keyword();
            boolean lower = kw.equals(GoText.toLower(kw));
            boolean upper = kw.equals(GoText.toUpper(kw));
            String as = alias.asKeyword();
            if ((lower && !as.equals(GoText.toLower(as))) || (!lower && upper && !as.equals(GoText.toUpper(as)))) {
                lint.report(LintRule.FROM_AS_CASING, i.location(), i.comments(), LintMessages.fromAsCasing(kw, as));
            }
            description("FROM", List.of(GoText.toLower(alias.name())), i, lint);
        } else if (i instanceof Instruction.Arg arg) {
            description("ARG", arg.declarations().stream().map(ArgDeclaration::name).toList(), i, lint);
        }
    }

    /** {@code InvalidDefinitionDescription}: the last comment line must start with a defined name. */
    private static void description(String instruction, List<String> names, Instruction i, LintSink lint) {
        List<String> comments = i.comments();
        if (comments.isEmpty() || names.isEmpty()) {
            return;
        }
        String last = comments.get(comments.size() - 1);
        int space = last.indexOf(' ');
        if (names.contains(space < 0 ? last : last.substring(0, space))) {
            return;
        }
        String example = names.size() > 1 ? "<arg_key>" : names.get(0);
        lint.report(LintRule.INVALID_DEFINITION_DESCRIPTION, i.location(), comments,
                LintMessages.invalidDefinitionDescription(instruction, example));
    }

    private static void stageNames(List<BuildStage> stages, LintSink lint) {
        Set<String> seen = new HashSet<>();
        for (BuildStage stage : stages) {
            if (stage.name().isEmpty()) {
                continue;
            }
            String name = stage.name().get();
            if (RESERVED.contains(name)) {
                lint.report(LintRule.RESERVED_STAGE_NAME, stage.from().location(), List.of(),
                        LintMessages.reservedStageName(name));
            }
            if (!seen.add(name)) {
                lint.report(LintRule.DUPLICATE_STAGE_NAME, stage.from().location(), List.of(),
                        LintMessages.duplicateStageName(name));
            }
        }
    }

    /** {@code ConsistentInstructionCasing}: keywords of the stages (not the global ARGs) against the majority. */
    private static void casing(List<BuildStage> stages, LintSink lint) {
        int lower = 0;
        int upper = 0;
        for (BuildStage stage : stages) {
            for (String kw : keywords(stage)) {
                if (kw.equals(GoText.toLower(kw))) {
                    lower++;
                } else if (kw.equals(GoText.toUpper(kw))) {
                    upper++;
                }
            }
        }
        boolean majorityLower = lower > upper;
        for (BuildStage stage : stages) {
            check(stage.from(), majorityLower, lint);
            for (Instruction i : stage.instructions()) {
                check(i, majorityLower, lint);
            }
        }
    }

    private static List<String> keywords(BuildStage stage) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(stage.from()), stage.instructions().stream())
                .map(Instruction::keyword).toList();
    }

    private static void check(Instruction i, boolean majorityLower, LintSink lint) {
        String kw = i.keyword();
        String casing = "";
        if (majorityLower && !GoText.toLower(kw).equals(kw)) {
            casing = "lowercase";
        } else if (!majorityLower && !GoText.toUpper(kw).equals(kw)) {
            casing = "uppercase";
        }
        if (!casing.isEmpty()) {
            lint.report(LintRule.CONSISTENT_INSTRUCTION_CASING, i.location(), List.of(),
                    LintMessages.consistentInstructionCasing(kw, casing));
        }
    }
}
