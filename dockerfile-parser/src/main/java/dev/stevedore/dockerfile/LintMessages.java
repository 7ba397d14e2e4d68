package dev.stevedore.dockerfile;

/** BuildKit's message formats of the lint rules ({@code linter/ruleset.go}), one method per rule. */
final class LintMessages {
    private LintMessages() {
    }

    static String stageNameCasing(String stageName) {
        return "Stage name '" + stageName + "' should be lowercase";
    }

    static String fromAsCasing(String from, String as) {
        return "'" + as + "' and '" + from + "' keywords' casing do not match";
    }

    static String noEmptyContinuation() {
        return "Empty continuation line";
    }

    static String consistentInstructionCasing(String command, String casing) {
        return "Command '" + command + "' should match the case of the command majority (" + casing + ")";
    }

    static String duplicateStageName(String stageName) {
        return "Duplicate stage name " + GoText.quote(stageName) + ", stage names should be unique";
    }

    static String reservedStageName(String stageName) {
        return "Stage name should not use the same name as reserved stage " + GoText.quote(stageName);
    }

    static String jsonArgsRecommended(String instruction) {
        return "JSON arguments recommended for " + instruction
                + " to prevent unintended behavior related to OS signals";
    }

    static String maintainerDeprecated() {
        return "Maintainer instruction is deprecated in favor of using label";
    }

    static String undefinedArgInFrom(String arg, String suggestion) {
        String out = "FROM argument '" + arg + "' is not declared";
        return suggestion.isEmpty() ? out : out + " (did you mean " + suggestion + "?)";
    }

    static String workdirRelativePath(String workdir) {
        return "Relative workdir " + GoText.quote(workdir) + " can have unexpected results if the base image changes";
    }

    static String undefinedVar(String arg, String suggestion) {
        String out = "Usage of undefined variable '$" + arg + "'";
        return suggestion.isEmpty() ? out : out + " (did you mean $" + suggestion + "?)";
    }

    static String multipleInstructionsDisallowed(String instruction) {
        return "Multiple " + instruction
                + " instructions should not be used in the same stage because only the last one will be used";
    }

    static String legacyKeyValueFormat(String command) {
        return "\"" + command + " key=value\" should be used instead of legacy \"" + command + " key value\" format";
    }

    static String invalidBaseImagePlatform(String image, String expected, String actual) {
        return "Base image " + image + " was pulled with platform " + GoText.quote(actual) + ", expected "
                + GoText.quote(expected) + " for current build";
    }

    static String redundantTargetPlatform(String platformVar) {
        return "Setting platform to predefined " + platformVar
                + " in FROM is redundant as this is the default behavior";
    }

    static String secretsUsedInArgOrEnv(String instruction, String key) {
        return "Do not use ARG or ENV instructions for sensitive data (" + instruction + " " + GoText.quote(key) + ")";
    }

    static String invalidDefaultArgInFrom(String baseName) {
        return "Default value for ARG " + baseName + " results in empty or invalid base image name";
    }

    static String fromPlatformFlagConstDisallowed(String platform) {
        return "FROM --platform flag should not use constant value " + GoText.quote(platform);
    }

    static String copyIgnoredFile(String command, String file) {
        return "Attempting to " + command + " file " + GoText.quote(file) + " that is excluded by .dockerignore";
    }

    static String invalidDefinitionDescription(String instruction, String name) {
        return "Comment for " + instruction + " should follow the format: `# " + name + " <description>`";
    }

    static String exposeProtoCasing(String port) {
        return "Defined protocol '" + port + "' in EXPOSE instruction should be lowercase";
    }

    static String exposeInvalidFormat(String port) {
        return "EXPOSE instruction should not define an IP address or host-port mapping, found '" + port + "'";
    }
}
