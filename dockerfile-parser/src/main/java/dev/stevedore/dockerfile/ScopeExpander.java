package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expands the words of one instruction where BuildKit does (its {@code Expand} and
 * {@code ExpandRaw} methods, plus {@code EXPOSE}'s split), in BuildKit's order, and rebuilds
 * the instruction with the results. Each word's unset names go to {@code unmatched} as
 * BuildKit's {@code reportUnmatchedVariables} receives them; {@code EXPOSE} reports none.
 */
final class ScopeExpander {
    /** Heredoc bodies: always {@code \}, quotes kept (BuildKit's {@code ExpandRaw} lexer). */
    private static final ShellLexer RAW = ShellLexer.standard().withSkipProcessQuotes(true);

    private final ShellLexer lexer;
    private final ShellEnv env;
    private final Consumer<Set<String>> unmatched;
    private boolean changed;

    ScopeExpander(ShellLexer lexer, ShellEnv env, Consumer<Set<String>> unmatched) {
        this.lexer = lexer;
        this.env = env;
        this.unmatched = unmatched;
    }

    /** Whether the lexer would return {@code word} unchanged: no quote, escape, {@code $} or byte order mark. */
    static boolean literal(String word, char escape) {
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c == '$' || c == '\'' || c == '"' || c == escape || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    /** Expands a word, without the lexer when it is {@link #literal}. */
    static Expansion process(ShellLexer lexer, String word, ShellEnv env) {
        return literal(word, lexer.escape()) ? new Expansion(word, Set.of(), Set.of()) : lexer.processWord(word, env);
    }

    String word(String word) {
        return word(lexer, word);
    }

    private String word(ShellLexer with, String word) {
        if (literal(word, with.escape())) {
            return word;
        }
        Expansion e = with.processWord(word, env);
        if (!e.unmatched().isEmpty()) {
            unmatched.accept(e.unmatched());
        }
        changed |= !e.result().equals(word);
        return e.result();
    }

    /**
     * The instruction with its words expanded, the same object if expansion changes nothing;
     * not {@code ARG}, which the dispatcher resolves.
     */
    Instruction expand(Instruction i) {
        changed = false;
        Instruction out = rebuild(i);
        return changed ? out : i;
    }

    private Instruction rebuild(Instruction i) {
        if (i instanceof Instruction.Env e) {
            List<KeyValue> pairs = pairs(e.variables());
            return changed ? new Instruction.Env(e.location(), e.keyword(), e.comments(), e.flags(), pairs,
                    e.legacyForm()) : i;
        }
        if (i instanceof Instruction.Label l) {
            List<KeyValue> pairs = pairs(l.labels());
            return changed ? new Instruction.Label(l.location(), l.keyword(), l.comments(), l.flags(), pairs,
                    l.legacyForm()) : i;
        }
        if (i instanceof Instruction.Add a) {
            List<String> flags = flags(a.flags(), "chown", "chmod", "checksum");
            List<String> sources = sources(a.sources());
            String destination = word(a.destination());
            List<Heredoc> heredocs = heredocs(a.heredocs());
            return changed ? new Instruction.Add(a.location(), a.keyword(), a.comments(), flags, sources, destination,
                    a.json(), heredocs) : i;
        }
        if (i instanceof Instruction.Copy c) {
            List<String> flags = flags(c.flags(), "chown", "chmod");
            List<String> sources = sources(c.sources());
            String destination = word(c.destination());
            List<Heredoc> heredocs = heredocs(c.heredocs());
            return changed ? new Instruction.Copy(c.location(), c.keyword(), c.comments(), flags, sources,
                    destination, c.json(), heredocs) : i;
        }
        if (i instanceof Instruction.Workdir w) {
            String path = word(w.path());
            return changed ? new Instruction.Workdir(w.location(), w.keyword(), w.comments(), w.flags(), path) : i;
        }
        if (i instanceof Instruction.User u) {
            String user = word(u.user());
            return changed ? new Instruction.User(u.location(), u.keyword(), u.comments(), u.flags(), user) : i;
        }
        if (i instanceof Instruction.Stopsignal s) {
            String signal = word(s.signal());
            return changed ? new Instruction.Stopsignal(s.location(), s.keyword(), s.comments(), s.flags(), signal)
                    : i;
        }
        if (i instanceof Instruction.Volume v) {
            List<String> paths = v.paths().stream().map(this::word).toList();
            return changed ? new Instruction.Volume(v.location(), v.keyword(), v.comments(), v.flags(), paths,
                    v.json()) : i;
        }
        if (i instanceof Instruction.Expose x) {
            List<String> ports = new ArrayList<>();
            for (String p : x.ports()) {
                if (literal(p, lexer.escape()) && p.indexOf(' ') < 0 && p.indexOf('\t') < 0) {
                    ports.add(p);
                } else {
                    ports.addAll(lexer.processWords(p, env));
                }
            }
            changed |= !ports.equals(x.ports());
            return new Instruction.Expose(x.location(), x.keyword(), x.comments(), x.flags(),
                    ports.isEmpty() ? List.of("") : ports);
        }
        if (i instanceof Instruction.Run r) {
            List<String> flags = mounts(r.flags());
            return changed ? new Instruction.Run(r.location(), r.keyword(), r.comments(), flags, r.command(),
                    r.heredocs()) : i;
        }
        return i;
    }

    private List<KeyValue> pairs(List<KeyValue> pairs) {
        List<KeyValue> out = new ArrayList<>(pairs.size());
        for (KeyValue kv : pairs) {
            String key = word(kv.key());
            out.add(new KeyValue(key, word(kv.value())));
        }
        return out;
    }

    /** Sources other than heredoc markers, expanded in order. */
    private List<String> sources(List<String> sources) {
        List<String> out = new ArrayList<>(sources.size());
        for (String s : sources) {
            out.add(s.contains("<<") && HeredocMarker.parseQuietly(s).isPresent() ? s : word(s));
        }
        return out;
    }

    private List<Heredoc> heredocs(List<Heredoc> heredocs) {
        List<Heredoc> out = new ArrayList<>(heredocs.size());
        for (Heredoc h : heredocs) {
            if (h.expand()) {
                changed |= h.chomp();
                out.add(new Heredoc(h.name(), h.fileDescriptor(), true, false, word(RAW, h.strippedContent())));
            } else {
                out.add(h);
            }
        }
        return out;
    }

    /** Replaces the values of the named string flags, expanding them in the order named. */
    private List<String> flags(List<String> flags, String... names) {
        List<String> out = new ArrayList<>(flags);
        for (String name : names) {
            String prefix = "--" + name + "=";
            for (int k = 0; k < out.size(); k++) {
                if (out.get(k).startsWith(prefix)) {
                    out.set(k, prefix + word(out.get(k).substring(prefix.length())));
                }
            }
        }
        return out;
    }

    /** Expands every {@code key=value} option of each {@code --mount}. */
    private List<String> mounts(List<String> flags) {
        List<String> out = new ArrayList<>(flags.size());
        for (String flag : flags) {
            if (!flag.startsWith("--mount=") || literal(flag, lexer.escape())) {
                out.add(flag);
                continue;
            }
            StringBuilder spec = new StringBuilder("--mount=");
            List<String> fields = CsvFields.split(flag.substring("--mount=".length()), "mounts");
            for (int k = 0; k < fields.size(); k++) {
                String field = fields.get(k);
                int eq = field.indexOf('=');
                if (eq >= 0) {
                    field = field.substring(0, eq + 1) + word(field.substring(eq + 1));
                }
                if (k > 0) {
                    spec.append(',');
                }
                appendCsv(spec, field);
            }
            out.add(spec.toString());
        }
        return out;
    }

    private static void appendCsv(StringBuilder out, String field) {
        boolean quote = false;
        for (int k = 0; k < field.length() && !quote; k++) {
            char c = field.charAt(k);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(field);
            return;
        }
        out.append('"').append(field.replace("\"", "\"\"")).append('"');
    }
}
