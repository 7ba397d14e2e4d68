package dev.stevedore.dockerfile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints instructions back to Dockerfile text that parses to the same instructions: the
 * keyword as written, flags re-quoted where needed, arguments as written (exec forms as
 * JSON), then heredoc bodies. Comments above an instruction are printed above it.
 */
final class Printer {
    private final char escape;
    private final StringBuilder out = new StringBuilder();

    private Printer(char escape) {
        this.escape = escape;
    }

    static String print(List<Directive> directives, List<Instruction> instructions) {
        char escape = '\\';
        for (Directive d : directives) {
            if (d.name().equals(Directive.ESCAPE) && d.value().length() == 1) {
                escape = d.value().charAt(0);
            }
        }
        Printer printer = new Printer(escape);
        for (Directive d : directives) {
            printer.out.append("# ").append(d.name()).append('=').append(d.value()).append('\n');
        }
        boolean separate = !directives.isEmpty();
        if (!separate && !instructions.isEmpty() && !instructions.get(0).comments().isEmpty()) {
            separate = DirectiveScanner.parse("#" + instructions.get(0).comments().get(0)).isPresent();
        }
        if (separate) {
            printer.out.append('\n');
        }
        for (Instruction instruction : instructions) {
            printer.instruction(SyntaxView.of(instruction));
        }
        return printer.out.toString();
    }

    private void instruction(SyntaxNode node) {
        for (String comment : node.comments()) {
            out.append("# ").append(comment).append('\n');
        }
        String line = line(node);
        out.append(line);
        if (endsWithContinuation(line)) {
            // A trailing vertical tab: trimmed from the arguments, but stops the line continuing.
            out.append('\u000b');
        }
        out.append('\n');
        for (Heredoc doc : node.heredocs()) {
            out.append(doc.content());
            if (!doc.content().isEmpty() && !doc.content().endsWith("\n")) {
                out.append('\n');
            }
            out.append(doc.name()).append('\n');
        }
    }

    private String line(SyntaxNode node) {
        StringBuilder line = new StringBuilder(node.keyword());
        for (String flag : node.flags()) {
            line.append(' ').append(flag(flag));
        }
        String args = node.child() != null ? line(node.child()) : arguments(node);
        if (!args.isEmpty()) {
            if (args.startsWith("--")) {
                line.append(" --");
            }
            line.append(' ').append(args);
        }
        return line.toString();
    }

    private String arguments(SyntaxNode node) {
        List<String> args = node.args();
        String keyword = node.lowerKeyword();
        if (keyword.equals("env") || keyword.equals("label")) {
            if (args.size() == 3 && args.get(2).isEmpty()) {
                return args.get(0) + " " + args.get(1);
            }
            StringBuilder pairs = new StringBuilder();
            for (int i = 0; i + 2 < args.size(); i += 3) {
                if (i > 0) {
                    pairs.append(' ');
                }
                pairs.append(args.get(i)).append('=').append(args.get(i + 1));
            }
            return pairs.toString();
        }
        if (keyword.equals("healthcheck") && !args.isEmpty()) {
            List<String> command = args.subList(1, args.size());
            if (node.json()) {
                return args.get(0) + " " + JsonArray.encode(command);
            }
            return command.isEmpty() ? args.get(0) : args.get(0) + " " + command.get(0);
        }
        if (node.json()) {
            return JsonArray.encode(args);
        }
        String joined = String.join(" ", args);
        if (args.size() > 1 && (keyword.equals("copy") || keyword.equals("add") || keyword.equals("volume"))
                && looksLikeJson(joined)) {
            // Not JSON as written; a vertical tab separates words but is not JSON white space.
            return args.stream().collect(Collectors.joining("\u000b"));
        }
        return joined;
    }

    private static boolean looksLikeJson(String text) {
        try {
            return JsonArray.parse(text).isPresent();
        } catch (DockerfileException e) {
            return true;
        }
    }

    /** A flag as it must be written so that the flag reader gives it back unchanged. */
    private String flag(String flag) {
        boolean plain = true;
        for (int i = 0; i < flag.length() && plain; ) {
            int c = flag.codePointAt(i);
            plain = !GoText.isSpace(c) && c != '"' && c != '\'' && c != escape;
            i += Character.charCount(c);
        }
        if (plain) {
            return flag;
        }
        StringBuilder quoted = new StringBuilder("--\"");
        for (int i = 2; i < flag.length(); i++) {
            char c = flag.charAt(i);
            if (c == '"' || c == escape) {
                quoted.append(escape);
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private boolean endsWithContinuation(String line) {
        int i = line.length();
        while (i > 0 && (line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
            i--;
        }
        return i > 0 && line.charAt(i - 1) == escape && (i == 1 || line.charAt(i - 2) != escape);
    }
}
