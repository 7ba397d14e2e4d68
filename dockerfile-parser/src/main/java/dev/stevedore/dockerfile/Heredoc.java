package dev.stevedore.dockerfile;

import java.util.Objects;

/**
 * A here-document attached to a {@code RUN}, {@code COPY} or {@code ADD} instruction:
 * {@code <<EOF} on the instruction line, the body on the lines after it.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse("Dockerfile", "FROM a\nRUN <<-EOF\n\techo hi\n\tEOF\n");
 * Heredoc doc = ((Instruction.Run) df.instructions().get(1)).heredocs().get(0);
 * doc.name();             // "EOF"
 * doc.content();          // "\techo hi\n"   (as written)
 * doc.strippedContent();  // "echo hi\n"     (leading tabs removed, because of <<-)
 * }</pre>
 *
 * @param name the delimiter word with quotes removed, for example {@code EOF}
 * @param fileDescriptor the number written before {@code <<} ({@code 3<<EOF}), 0 if none;
 *     read as an unsigned 64-bit number like BuildKit does
 * @param expand false when any part of the delimiter was quoted ({@code <<'EOF'}):
 *     the body is then not subject to variable expansion
 * @param chomp true for {@code <<-}: leading tabs are removed from body lines and from the
 *     terminator
 * @param content the body exactly as written, line endings included, tabs not yet removed
 */
public record Heredoc(String name, long fileDescriptor, boolean expand, boolean chomp, String content) {
    /**
     * Checks the parts.
     *
     * @param name the delimiter word with quotes removed, for example {@code EOF}
     * @param fileDescriptor the number written before {@code <<} ({@code 3<<EOF}), 0 if none; read as an unsigned
     *     64-bit number like BuildKit does
     * @param expand false when any part of the delimiter was quoted ({@code <<'EOF'}): the body is then not subject
     *     to variable expansion
     * @param chomp true for {@code <<-}: leading tabs are removed from body lines and from the terminator
     * @param content the body exactly as written, line endings included, tabs not yet removed
     * @throws IllegalArgumentException if the name is empty
     */
    public Heredoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("heredoc name must not be empty");
        }
    }

    /**
     * Returns the body as the build uses it: for {@code <<-}, with the tabs at the start of
     * every line removed; otherwise {@link #content()} unchanged.
     *
     * @return the body
     */
    public String strippedContent() {
        if (!chomp) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        boolean lineStart = true;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            lineStart = c == '\n';
            out.append(c);
        }
        return out.toString();
    }
}
