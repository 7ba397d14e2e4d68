package dev.stevedore.dockerfile;

import java.util.List;

/**
 * The result of the syntax pass: directives, the escape character in effect, one node per
 * instruction, and the warnings BuildKit's parser gives.
 */
record SyntaxTree(SourceText source, List<Directive> directives, char escape, List<SyntaxNode> nodes,
        List<ParseWarning> warnings, List<Integer> emptyContinuationLines) {

    SyntaxTree {
        directives = List.copyOf(directives);
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
        emptyContinuationLines = List.copyOf(emptyContinuationLines);
    }

    /** BuildKit's {@code Node.Dump()} of the root: one s-expression per instruction. */
    String dump() {
        StringBuilder out = new StringBuilder();
        for (SyntaxNode node : nodes) {
            out.append('(');
            Dump.append(out, node);
            out.append(")\n");
        }
        return GoText.trimSpace(out.toString());
    }
}
