package dev.stevedore;

import java.util.List;

/**
 * A {@link WaitStrategy} was not satisfied in time, or the container exited first. The message
 * says what was awaited, for how long, what was still missing, and ends with the container's
 * last log lines.
 *
 * <pre>{@code
 * try {
 *     c.waitUntil(Wait.forLog("ready").withTimeout(Duration.ofSeconds(5)));
 * } catch (ContainerWaitException e) {
 *     e.lastLogLines().forEach(System.err::print);
 * }
 * }</pre>
 */
public final class ContainerWaitException extends ContainerException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The log lines kept (at most this many, the last ones). */
    static final int LAST_LINES = 20;

    /** The last log lines when the wait failed. */
    private final List<String> lastLogLines;

    /**
     * Creates the exception.
     *
     * @param container the container's id
     * @param message what was awaited and why it failed
     * @param lastLogLines the container's last log lines, oldest first
     */
    public ContainerWaitException(String container, String message, List<String> lastLogLines) {
        super(container, message + logSuffix(lastLogLines));
        this.lastLogLines = List.copyOf(lastLogLines);
    }

    /**
     * @return the container's last log lines when the wait failed, oldest first
     */
    public List<String> lastLogLines() {
        return lastLogLines;
    }

    private static String logSuffix(List<String> lines) {
        if (lines.isEmpty()) {
            return "; the container logged nothing";
        }
        StringBuilder b = new StringBuilder("; last ").append(lines.size()).append(" log line")
                .append(lines.size() == 1 ? "" : "s").append(":");
        for (String l : lines) {
            b.append("\n    ").append(l.endsWith("\n") ? l.substring(0, l.length() - 1) : l);
        }
        return b.toString();
    }
}
