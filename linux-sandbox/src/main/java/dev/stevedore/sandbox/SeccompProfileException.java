package dev.stevedore.sandbox;

/**
 * A seccomp profile that cannot be used: malformed JSON (with line and column), a field of the
 * wrong type, an unknown action, operator or architecture, or a feature Stevedore does not offer
 * yet. The message names the profile and the field, e.g.
 * {@code invalid seccomp profile my.json: syscalls[3].action: unknown action "SCMP_ACT_DENY"}.
 */
public final class SeccompProfileException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    SeccompProfileException(String source, String problem) {
        super("invalid seccomp profile " + source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    SeccompProfileException(String source, String problem, Throwable cause) {
        super("invalid seccomp profile " + source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /**
     * Where the profile came from: a file path or the name given to {@link Seccomp#profile(String, String)}.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * What is wrong, without the source: the field path and the problem.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
