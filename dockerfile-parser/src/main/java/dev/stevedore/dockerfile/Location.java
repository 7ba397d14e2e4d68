package dev.stevedore.dockerfile;

/**
 * Where an instruction is in its Dockerfile: the first and last physical line, 1-based and
 * inclusive. The last line counts continuation lines and heredoc bodies.
 *
 * <pre>{@code
 * Location at = Location.of(3, 5);  // lines 3 to 5
 * at.lines();                       // 3
 * }</pre>
 *
 * @param startLine the first line, 1 or more
 * @param endLine the last line, not before {@code startLine}
 */
public record Location(int startLine, int endLine) {
    /**
     * Checks the range.
     *
     * @param startLine the first line, 1 or more
     * @param endLine the last line, not before {@code startLine}
     * @throws IllegalArgumentException if {@code startLine < 1} or {@code endLine < startLine}
     */
    public Location {
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("invalid line range " + startLine + "-" + endLine);
        }
    }

    /**
     * Returns the location from {@code startLine} to {@code endLine}.
     *
     * @param startLine the first line, 1 or more
     * @param endLine the last line, not before {@code startLine}
     * @return the location
     */
    public static Location of(int startLine, int endLine) {
        return new Location(startLine, endLine);
    }

    /**
     * Returns the number of physical lines covered.
     *
     * @return {@code endLine - startLine + 1}
     */
    public int lines() {
        return endLine - startLine + 1;
    }

    @Override
    public String toString() {
        return startLine == endLine ? "line " + startLine : "lines " + startLine + "-" + endLine;
    }
}
