package dev.stevedore.dockerfile;

import java.util.Optional;

/**
 * BuildKit's Dockerfile lint rules ({@code frontend/dockerfile/linter/ruleset.go} of
 * {@value Dockerfile#BUILDKIT_VERSION}), with their names, descriptions and documentation
 * addresses. Experimental rules run only when a {@code # check=experimental=...} names them.
 *
 * <pre>{@code
 * LintRule.UNDEFINED_VAR.ruleName();    // "UndefinedVar"
 * LintRule.UNDEFINED_VAR.url();         // Optional[https://docs.docker.com/go/dockerfile/rule/undefined-var/]
 * LintRule.byName("FromAsCasing");      // Optional[FROM_AS_CASING]
 * }</pre>
 */
public enum LintRule {
    /** Stage names should be lowercase. */
    STAGE_NAME_CASING("StageNameCasing", "Stage names should be lowercase", "stage-name-casing", false),
    /** {@code AS} should be written in the case of {@code FROM}. */
    FROM_AS_CASING("FromAsCasing", "The 'as' keyword should match the case of the 'from' keyword", "from-as-casing",
            false),
    /** A continued instruction has an empty line. */
    NO_EMPTY_CONTINUATION("NoEmptyContinuation", "Empty continuation lines will become errors in a future release",
            "no-empty-continuation", false),
    /** Instruction keywords should all be upper case or all lower case. */
    CONSISTENT_INSTRUCTION_CASING("ConsistentInstructionCasing",
            "All commands within the Dockerfile should use the same casing (either upper or lower)",
            "consistent-instruction-casing", false),
    /** Two stages have the same name. */
    DUPLICATE_STAGE_NAME("DuplicateStageName", "Stage names should be unique", "duplicate-stage-name", false),
    /** A stage is named {@code scratch} or {@code context}. */
    RESERVED_STAGE_NAME("ReservedStageName", "Reserved words should not be used as stage names",
            "reserved-stage-name", false),
    /** {@code CMD} or {@code ENTRYPOINT} in shell form without a {@code SHELL}. */
    JSON_ARGS_RECOMMENDED("JSONArgsRecommended",
            "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
            "json-args-recommended", false),
    /** {@code MAINTAINER} is used. */
    MAINTAINER_DEPRECATED("MaintainerDeprecated",
            "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
            "maintainer-deprecated", false),
    /** A {@code FROM} uses a variable no global {@code ARG} declares. */
    UNDEFINED_ARG_IN_FROM("UndefinedArgInFrom", "FROM command must use declared ARGs", "undefined-arg-in-from",
            false),
    /** The first {@code WORKDIR} of a stage is relative. */
    WORKDIR_RELATIVE_PATH("WorkdirRelativePath",
            "Relative workdir without an absolute workdir declared within the build can have unexpected results if "
                    + "the base image changes",
            "workdir-relative-path", false),
    /** A variable is used before it is defined. */
    UNDEFINED_VAR("UndefinedVar", "Variables should be defined before their use", "undefined-var", false),
    /** {@code CMD}, {@code ENTRYPOINT} or {@code HEALTHCHECK} twice in a stage. */
    MULTIPLE_INSTRUCTIONS_DISALLOWED("MultipleInstructionsDisallowed",
            "Multiple instructions of the same type should not be used in the same stage",
            "multiple-instructions-disallowed", false),
    /** {@code ENV key value} or {@code LABEL key value}. */
    LEGACY_KEY_VALUE_FORMAT("LegacyKeyValueFormat",
            "Legacy key/value format with whitespace separator should not be used", "legacy-key-value-format", false),
    /** The pulled base image's platform is not the one expected. */
    INVALID_BASE_IMAGE_PLATFORM("InvalidBaseImagePlatform",
            "Base image platform does not match expected target platform", "", false),
    /** {@code FROM --platform=$TARGETPLATFORM}. */
    REDUNDANT_TARGET_PLATFORM("RedundantTargetPlatform",
            "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
            "redundant-target-platform", false),
    /** An {@code ARG} or {@code ENV} name looks like a secret. */
    SECRETS_USED_IN_ARG_OR_ENV("SecretsUsedInArgOrEnv", "Sensitive data should not be used in the ARG or ENV commands",
            "secrets-used-in-arg-or-env", false),
    /** A global {@code ARG}'s default makes a {@code FROM} image name invalid. */
    INVALID_DEFAULT_ARG_IN_FROM("InvalidDefaultArgInFrom",
            "Default value for global ARG results in an empty or invalid base image name",
            "invalid-default-arg-in-from", false),
    /** {@code FROM --platform} with a constant. */
    FROM_PLATFORM_FLAG_CONST_DISALLOWED("FromPlatformFlagConstDisallowed",
            "FROM --platform flag should not use a constant value", "from-platform-flag-const-disallowed", false),
    /** {@code COPY} or {@code ADD} of a file {@code .dockerignore} excludes. */
    COPY_IGNORED_FILE("CopyIgnoredFile", "Attempting to Copy file that is excluded by .dockerignore",
            "copy-ignored-file", false),
    /** A comment above {@code ARG} or {@code FROM ... AS} that does not start with the name (experimental). */
    INVALID_DEFINITION_DESCRIPTION("InvalidDefinitionDescription",
            "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If "
                    + "this is not intended to be a description comment, add an empty line or comment between the "
                    + "instruction and the comment.",
            "invalid-definition-description", true),
    /** {@code EXPOSE 80/TCP}. */
    EXPOSE_PROTO_CASING("ExposeProtoCasing", "Protocol in EXPOSE instruction should be lowercase",
            "expose-proto-casing", false),
    /** {@code EXPOSE 8080:80} or an IP address. */
    EXPOSE_INVALID_FORMAT("ExposeInvalidFormat",
            "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in "
                    + "a future release",
            "expose-invalid-format", false);

    private final String ruleName;
    private final String description;
    private final String slug;
    private final boolean experimental;

    LintRule(String ruleName, String description, String slug, boolean experimental) {
        this.ruleName = ruleName;
        this.description = description;
        this.slug = slug;
        this.experimental = experimental;
    }

    /**
     * Returns the name used in findings and in {@code # check=skip=...}.
     *
     * @return for example {@code "UndefinedVar"}
     */
    public String ruleName() {
        return ruleName;
    }

    /**
     * Returns BuildKit's one-line description.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns the documentation address.
     *
     * @return the URL; empty for {@code InvalidBaseImagePlatform}, which has none
     */
    public Optional<String> url() {
        return slug.isEmpty() ? Optional.empty()
                : Optional.of("https://docs.docker.com/go/dockerfile/rule/" + slug + "/");
    }

    /**
     * Returns whether the rule runs only when enabled with {@code experimental=}.
     *
     * @return true for experimental rules
     */
    public boolean experimental() {
        return experimental;
    }

    /**
     * Finds a rule by its name.
     *
     * @param name for example {@code "FromAsCasing"}, case-sensitive
     * @return the rule, if there is one of that name
     */
    public static Optional<LintRule> byName(String name) {
        for (LintRule rule : values()) {
            if (rule.ruleName.equals(name)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
