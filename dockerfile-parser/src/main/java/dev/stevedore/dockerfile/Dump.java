package dev.stevedore.dockerfile;

/**
 * Writes BuildKit's {@code Node.Dump()} s-expression for one instruction, e.g.
 * {@code run ["--network=none"] "echo hi"} or {@code onbuild (copy "." "/")}. Iterative,
 * so long {@code ONBUILD} chains cannot overflow the stack.
 */
final class Dump {
    private Dump() {
    }

    static String of(SyntaxNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    static void append(StringBuilder out, SyntaxNode node) {
        int open = 0;
        SyntaxNode current = node;
        while (true) {
            StringBuilder line = new StringBuilder(GoText.toLower(current.keyword()));
            if (!current.flags().isEmpty()) {
                line.append(' ').append(GoText.quoteList(current.flags()));
            }
            for (String arg : current.args()) {
                line.append(' ').append(GoText.quote(arg));
            }
            // Go trims the whole node's text; only the leading part can carry white space here.
            String text = open == 0 ? line.toString() : GoText.trimLeftSpace(line.toString());
            if (current.child() == null) {
                out.append(open == 0 ? GoText.trimSpace(text) : text);
                break;
            }
            out.append(text).append(" (");
            open++;
            current = current.child();
        }
        out.append(")".repeat(open));
    }
}
