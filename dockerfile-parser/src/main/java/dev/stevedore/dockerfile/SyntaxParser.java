package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax pass, following BuildKit's {@code parser.Parse}: reads physical lines, takes
 * parser directives from the top, drops comments and blank lines, joins continuation lines,
 * splits each instruction into keyword, flags and arguments, and reads heredoc bodies.
 * Unknown instructions and flags pass; {@link InstructionParser} rejects them.
 */
final class SyntaxParser {
    private final SourceText source;
    private final DirectiveScanner directiveScanner = new DirectiveScanner();
    private final List<Directive> directives = new ArrayList<>();
    private final List<SyntaxNode> nodes = new ArrayList<>();
    private final List<ParseWarning> warnings = new ArrayList<>();
    private final List<Integer> emptyContinuationLines = new ArrayList<>();
    private char escape = '\\';
    /** The number of the last physical line read. */
    private int current;

    private SyntaxParser(SourceText source) {
        this.source = source;
    }

    static SyntaxTree parse(SourceText source) {
        return new SyntaxParser(source).run();
    }

    private boolean hasNext() {
        return current < source.lineCount();
    }

    private String nextLine() {
        current++;
        String raw = source.rawLine(current);
        if (current == 1 && raw.startsWith("\uFEFF")) {
            raw = raw.substring(1);
        }
        return raw;
    }

    private SyntaxTree run() {
        List<String> comments = new ArrayList<>();
        while (hasNext()) {
            String raw = nextLine();
            int lineNumber = current;
            if (isComment(raw)) {
                // As BuildKit: drop the line's first character, which is the '#' unless indented.
                String comment = GoText.trimSpace(raw.substring(1));
                if (comment.isEmpty()) {
                    comments.clear();
                } else {
                    comments.add(comment);
                }
            }
            String line = GoText.trimLeftSpace(trimNewline(raw));
            if (readDirective(line, lineNumber)) {
                comments.remove(comments.size() - 1);
            }
            if (isComment(line)) {
                line = "";
            }
            int startLine = lineNumber;
            String trimmed = trimContinuation(line);
            boolean endOfLine = trimmed == null;
            String first = endOfLine ? line : trimmed;
            if (endOfLine && first.isEmpty()) {
                continue;
            }
            StringBuilder buffer = new StringBuilder(first);
            boolean emptyContinuation = false;
            while (!endOfLine && hasNext()) {
                String next = nextLine();
                String body = trimNewline(next);
                if (isComment(next)) {
                    continue;
                }
                if (GoText.trimLeftSpace(body).isEmpty()) {
                    emptyContinuation = true;
                    emptyContinuationLines.add(current);
                    continue;
                }
                String cut = trimContinuation(body);
                endOfLine = cut == null;
                buffer.append(endOfLine ? body : cut);
            }
            String logical = buffer.toString();
            if (emptyContinuation) {
                warnings.add(new ParseWarning(ParseWarning.Kind.EMPTY_CONTINUATION, current,
                        "Empty continuation line found in: " + logical));
            }
            SyntaxNode node;
            try {
                node = nodeFromLine(logical);
                if (node.canContainHeredoc() && logical.contains("<<")) {
                    node = node.withHeredocs(readHeredocs(HeredocMarker.fromLine(logical), startLine, current));
                }
            } catch (DockerfileException e) {
                throw Locator.locate(source, e, startLine, current);
            }
            nodes.add(node.at(startLine, current, comments));
            comments = new ArrayList<>();
        }
        if (nodes.isEmpty()) {
            throw new DockerfileException(source.name(), current, 0, source.line(current),
                    "file with no instructions", "", null);
        }
        return new SyntaxTree(source, directives, escape, nodes, warnings, emptyContinuationLines);
    }

    private boolean readDirective(String line, int lineNumber) {
        Optional<Directive> directive;
        try {
            directive = directiveScanner.next(line, lineNumber);
        } catch (DockerfileException e) {
            throw Locator.locate(source, e, lineNumber, lineNumber);
        }
        if (directive.isEmpty()) {
            return false;
        }
        if (directive.get().name().equals(Directive.ESCAPE)) {
            String value = directive.get().value();
            if (!value.equals("`") && !value.equals("\\")) {
                throw new DockerfileException(source.name(), lineNumber, 0, source.line(lineNumber),
                        "invalid escape token '" + value + "' does not match ` or \\", "", null);
            }
            escape = value.charAt(0);
        }
        directives.add(directive.get());
        return true;
    }

    private List<Heredoc> readHeredocs(List<HeredocMarker.Found> markers, int startLine, int endLine) {
        List<Heredoc> docs = new ArrayList<>(markers.size());
        for (HeredocMarker.Found found : markers) {
            Heredoc marker = found.heredoc();
            StringBuilder content = new StringBuilder();
            boolean terminated = false;
            while (hasNext()) {
                String raw = nextLine();
                String candidate = trimNewline(raw);
                if (marker.chomp()) {
                    int i = 0;
                    while (i < candidate.length() && candidate.charAt(i) == '\t') {
                        i++;
                    }
                    candidate = candidate.substring(i);
                }
                if (candidate.equals(marker.name())) {
                    terminated = true;
                    break;
                }
                content.append(raw);
            }
            if (!terminated) {
                String word = found.word().strip();
                DockerfileException at = Locator.locate(source, DockerfileException.unlocated("", word), startLine,
                        endLine);
                throw new DockerfileException(source.name(), at.line(), at.column().orElse(0), at.lineText(),
                        "unterminated heredoc " + word + " opened at line " + at.line()
                                + ": the file ends before a line reading " + GoText.quote(marker.name()), word, null);
            }
            docs.add(new Heredoc(marker.name(), marker.fileDescriptor(), marker.expand(), marker.chomp(),
                    content.toString()));
        }
        return docs;
    }

    /** BuildKit's {@code newNodeFromLine}, with nested ONBUILD handled in a loop. */
    private SyntaxNode nodeFromLine(String line) {
        List<CommandSplitter.Parts> onbuilds = new ArrayList<>();
        int from = 0;
        int to = line.length();
        CommandSplitter.Parts parts;
        while (true) {
            parts = CommandSplitter.split(line, from, to, escape);
            if (GoText.toLower(parts.keyword()).equals("onbuild") && parts.restStart() < parts.restEnd()) {
                onbuilds.add(parts);
                from = parts.restStart();
                to = parts.restEnd();
                continue;
            }
            break;
        }
        String rest = line.substring(parts.restStart(), parts.restEnd());
        String keyword = GoText.toLower(parts.keyword());
        LineParsers.Args args = keyword.equals("onbuild") ? LineParsers.Args.NONE
                : LineParsers.parse(keyword, rest, escape);
        SyntaxNode node = SyntaxNode.of(parts.keyword(), parts.flags(), args.values(), args.json(), null);
        for (int i = onbuilds.size() - 1; i >= 0; i--) {
            CommandSplitter.Parts outer = onbuilds.get(i);
            node = SyntaxNode.of(outer.keyword(), outer.flags(), List.of(), false, node);
        }
        return node;
    }

    static String trimNewline(String raw) {
        int end = raw.length();
        while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
            end--;
        }
        return raw.substring(0, end);
    }

    static boolean isComment(String raw) {
        int i = GoText.skipSpace(raw, 0, raw.length());
        return i < raw.length() && raw.charAt(i) == '#';
    }

    /**
     * BuildKit's line continuation: the escape character last on the line (trailing spaces
     * and tabs allowed), not itself escaped.
     *
     * @return the line without the escape character and what follows it, or {@code null}
     *     if the line does not continue
     */
    private String trimContinuation(String line) {
        int i = line.length();
        while (i > 0 && (line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
            i--;
        }
        if (i == 0 || line.charAt(i - 1) != escape) {
            return null;
        }
        if (i == 1) {
            return "";
        }
        if (line.charAt(i - 2) == escape) {
            return null;
        }
        return line.substring(0, i - 1);
    }
}
