package dev.stevedore.dockerfile;

import java.util.List;

/**
 * One instruction as BuildKit's parser sees it before giving it a meaning: the keyword as
 * written, the {@code --flags} (quotes removed), the arguments (what {@code Dump()} prints),
 * whether they were a JSON array, and for {@code ONBUILD} the inner instruction.
 *
 * @param keyword the instruction word as written, e.g. {@code "run"} or {@code "RUN"}
 * @param flags the flags before the arguments, e.g. {@code "--mount=type=cache,target=/x"}
 * @param args the argument values in {@code Dump()} order; for ENV and LABEL triples of
 *     key, value and {@code "="} (or {@code ""} in the legacy form)
 * @param json whether the arguments were given as a JSON array
 * @param child the inner instruction of {@code ONBUILD}, or {@code null}
 * @param heredocs heredocs with their bodies, in order
 * @param startLine first physical line (0 for an inner {@code ONBUILD} instruction)
 * @param endLine last physical line, heredoc bodies included
 * @param comments the comment lines right above the instruction
 */
record SyntaxNode(String keyword, List<String> flags, List<String> args, boolean json, SyntaxNode child,
        List<Heredoc> heredocs, int startLine, int endLine, List<String> comments) {

    SyntaxNode {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
    }

    static SyntaxNode of(String keyword, List<String> flags, List<String> args, boolean json, SyntaxNode child) {
        return new SyntaxNode(keyword, flags, args, json, child, List.of(), 0, 0, List.of());
    }

    SyntaxNode withHeredocs(List<Heredoc> docs) {
        return new SyntaxNode(keyword, flags, args, json, child, docs, startLine, endLine, comments);
    }

    SyntaxNode at(int start, int end, List<String> notes) {
        return new SyntaxNode(keyword, flags, args, json, child, heredocs, start, end, notes);
    }

    String lowerKeyword() {
        return GoText.toLower(keyword);
    }

    /** BuildKit's {@code canContainHeredoc}: RUN, COPY, ADD (also inside ONBUILD), not JSON. */
    boolean canContainHeredoc() {
        SyntaxNode node = this;
        if (lowerKeyword().equals("onbuild") && child != null) {
            node = child;
        }
        String k = node.lowerKeyword();
        return (k.equals("run") || k.equals("copy") || k.equals("add")) && !node.json;
    }
}
