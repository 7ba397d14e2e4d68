package dev.stevedore.dockerfile;

/**
 * Gives a parse error its place: the physical line, and the column of the offending text
 * when that text can be found on one of the instruction's lines.
 */
final class Locator {
    private Locator() {
    }

    /** Returns {@code e} located in lines {@code startLine..endLine} of {@code source}. */
    static DockerfileException locate(SourceText source, DockerfileException e, int startLine, int endLine) {
        if (e.line() > 0) {
            return e;
        }
        String token = e.token();
        int last = Math.min(Math.max(endLine, startLine), source.lineCount());
        if (!token.isEmpty()) {
            for (int n = startLine; n <= last; n++) {
                String text = source.line(n);
                int at = text.indexOf(token);
                if (at >= 0) {
                    return new DockerfileException(source.name(), n, at + 1, text, e.reason(), token, e.getCause());
                }
            }
        }
        return new DockerfileException(source.name(), Math.max(startLine, 0), 0, source.line(startLine),
                e.reason(), token, e.getCause());
    }
}
