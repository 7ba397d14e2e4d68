package dev.stevedore.sandbox;

import dev.stevedore.posix.Errno;
import java.util.OptionalInt;

/**
 * A sandbox failed to start: names the step, the errno and what it concerned (a path, a
 * user, a port). Nothing of the sandbox is left running or mounted when this is thrown.
 * When the command could not be found or executed, {@link #exitCode()} is 127 or 126, as
 * Docker reports.
 */
public class SandboxStartException extends SandboxException {
    private static final long serialVersionUID = 1L;

    private final transient SandboxStep step;
    private final int errno;
    private final String detail;

    /**
     * @param sandboxId the sandbox
     * @param step the failing step
     * @param errno the errno, or 0
     * @param detail the path, user or port concerned; may be empty
     */
    public SandboxStartException(String sandboxId, SandboxStep step, int errno, String detail) {
        super(message(sandboxId, step, errno, detail));
        this.step = step;
        this.errno = errno;
        this.detail = detail;
    }

    private static String message(String id, SandboxStep step, int errno, String detail) {
        StringBuilder m = new StringBuilder("sandbox ").append(id).append(": cannot ").append(step.action());
        if (step == SandboxStep.EXEC_NOT_FOUND) {
            return m.append(": \"").append(detail).append("\": executable file not found in $PATH (exit code 127)")
                    .toString();
        }
        if (!detail.isEmpty()) {
            m.append(" ").append(step == SandboxStep.USER ? "(" + detail + ")" : "\"" + detail + "\"");
        }
        if (errno != 0 && step != SandboxStep.USER) {
            m.append(": ").append(Errno.describe(errno));
        }
        if (step == SandboxStep.EXEC_DENIED) {
            m.append(" (exit code 126)");
        }
        return m.toString();
    }

    /** @return the step that failed */
    public SandboxStep step() {
        return step;
    }

    /** @return the errno the step failed with, or 0 */
    public int errno() {
        return errno;
    }

    /** @return what the step concerned: a path, a user, a port; may be empty */
    public String detail() {
        return detail;
    }

    /** @return 127 when the command was not found, 126 when it could not be executed; empty otherwise */
    public OptionalInt exitCode() {
        return step == SandboxStep.EXEC_NOT_FOUND ? OptionalInt.of(127)
                : step == SandboxStep.EXEC_DENIED ? OptionalInt.of(126) : OptionalInt.empty();
    }
}
