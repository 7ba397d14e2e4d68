package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lint API: ordering, what needs build context, errors, the rule catalogue. */
class LintTest {

    private static Dockerfile parse(String text) {
        return Dockerfile.parse("Dockerfile", text);
    }

    @Test
    void ordersFindingsByLine() {
        // when
        LintResult r = Lint.check(parse("FROM scratch AS Base\nMAINTAINER me\nENV a b\nFROM scratch as base\n"));

        // then
        assertThat(r.findings()).extracting(LintFinding::line).isSorted();
        assertThat(r.findings()).extracting(f -> f.rule().ruleName()).containsExactly("StageNameCasing",
                "MaintainerDeprecated", "LegacyKeyValueFormat", "FromAsCasing", "DuplicateStageName");
        assertThat(r.failed()).isTrue();
        assertThat(r.findings().get(0)).hasToString("line 1: StageNameCasing: Stage name 'Base' should be lowercase");
    }

    @Test
    void saysWhichChecksNeedBuildContextInsteadOfGuessing() {
        // given
        Dockerfile df = parse("FROM golang:1.22 AS build\nCOPY . .\nRUN go build\nENV X=$GOPATH\n"
                + "FROM scratch\nCOPY --from=build /out /out\n");

        // when
        LintResult bare = Lint.check(df);
        LintResult full = Lint.check(df, LintContext.none()
                .withImages(Map.of("golang:1.22", StageImage.of(List.of("GOPATH=/go"))
                        .withPlatform(BuildArgs.none().targetPlatform())))
                .withIgnore(PatternMatcher.none()));

        // then
        assertThat(bare.findings()).isEmpty();
        assertThat(bare.skipped()).extracting(LintSkipped::describe).containsExactly(
                "InvalidBaseImagePlatform not checked where it needs the platform of base image golang:1.22",
                "CopyIgnoredFile not checked where it needs the build context's .dockerignore",
                "UndefinedVar not checked where it needs the environment of base image golang:1.22");
        assertThat(full.skipped()).isEmpty();
        assertThat(full.findings()).isEmpty();
        assertThat(bare.failed()).isFalse();
    }

    @Test
    void reportsUndefinedVariablesOnceTheImageEnvironmentIsKnown() {
        // when
        LintResult r = Lint.check(parse("FROM golang:1.22\nENV X=$GOPTAH\n"), LintContext.none()
                .withImages(Map.of("golang:1.22", StageImage.of(List.of("GOPATH=/go")))));

        // then
        assertThat(r.findings()).extracting(LintFinding::message)
                .containsExactly("Usage of undefined variable '$GOPTAH' (did you mean $GOPATH?)");
    }

    @Test
    void keepsFindingsBeforeAnErrorAndStopsThere() {
        // when
        LintResult r = Lint.check(parse("FROM scratch as a\nCOPY --from=b / /\nFROM scratch AS b\nMAINTAINER x\n"
                + "FROM a\n"));

        // then
        assertThat(r.error()).hasValueSatisfying(e -> assertThat(e.getMessage()).isEqualTo(
                "Dockerfile:2: cannot copy from stage \"b\", it needs to be defined before current stage \"a\""));
        assertThat(r.findings()).extracting(f -> f.rule().ruleName()).containsExactly("FromAsCasing",
                "MaintainerDeprecated");
    }

    @Test
    void errorTrueNamesTheRulesThatReported() {
        // when
        LintResult r = Lint.check(parse("# check=error=true\nFROM scratch as a\nMAINTAINER x\nMAINTAINER y\n"));

        // then
        assertThat(r.options().error()).isTrue();
        assertThat(r.error()).map(DockerfileException::getMessage)
                .contains("lint violation found for rules: FromAsCasing, MaintainerDeprecated");
    }

    @Test
    void aDirectiveWithOptionsAfterASpaceReadsTheFirstWordOnly() {
        // when
        LintResult r = Lint.check(parse(
                "# check=skip=MaintainerDeprecated ignored words\nFROM scratch\nMAINTAINER x\n"));

        // then
        assertThat(r.findings()).isEmpty();
        assertThat(r.error()).isEmpty();
    }

    @Test
    void catalogsEveryRuleOfThePinnedBuildKit() {
        assertThat(LintRule.values()).hasSize(22);
        assertThat(LintRule.byName("ExposeInvalidFormat")).contains(LintRule.EXPOSE_INVALID_FORMAT);
        assertThat(LintRule.byName("exposeinvalidformat")).isEmpty();
        assertThat(LintRule.COPY_IGNORED_FILE.url())
                .contains("https://docs.docker.com/go/dockerfile/rule/copy-ignored-file/");
        assertThat(LintRule.INVALID_BASE_IMAGE_PLATFORM.url()).isEmpty();
        assertThat(LintRule.INVALID_DEFINITION_DESCRIPTION.experimental()).isTrue();
        assertThat(LintRule.UNDEFINED_VAR.description()).isEqualTo("Variables should be defined before their use");
    }
}
