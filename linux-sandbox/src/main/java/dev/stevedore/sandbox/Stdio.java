package dev.stevedore.sandbox;

/** How a sandboxed process's stdout and stderr are connected. */
public enum Stdio {
    /** Pipes, streamed to the JVM (when attached) and written to the json-file log. */
    PIPE,
    /** Pipes, written to the json-file log only. */
    LOG,
    /** A pseudo-terminal from the sandbox's own devpts; stdout and stderr are one stream. */
    TTY
}
