package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * BuildKit's word splitter: unquoted characters and variable values split on Go
 * whitespace; quoted text and escaped characters never split; empty words vanish.
 */
final class WordSplitter {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();

    void addSplitting(int ch) {
        if (WordRunes.isSpace(ch)) {
            flush();
        } else {
            current.appendCodePoint(ch);
        }
    }

    void addSplitting(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            addSplitting(cp);
            i += Character.charCount(cp);
        }
    }

    void addRaw(int ch) {
        current.appendCodePoint(ch);
    }

    void addRaw(String s) {
        current.append(s);
    }

    void dropCurrent() {
        current.setLength(0);
    }

    List<String> finish() {
        flush();
        return List.copyOf(words);
    }

    private void flush() {
        if (current.length() > 0) {
            words.add(current.toString());
            current.setLength(0);
        }
    }
}
