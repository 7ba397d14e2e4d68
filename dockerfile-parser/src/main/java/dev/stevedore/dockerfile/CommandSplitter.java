package dev.stevedore.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an instruction line into keyword, {@code --flags} and the rest, as BuildKit's
 * {@code splitCommand} and {@code extractBuilderFlags} do. Works on a range of the line so
 * that nested {@code ONBUILD ONBUILD ...} chains are split without copying.
 *
 * <p>Deviation: BuildKit scans flags byte by byte and so mangles non-ASCII characters in
 * flag values; this scans characters and keeps them.
 */
final class CommandSplitter {
    private CommandSplitter() {
    }

    /** The parts of a line; the rest is {@code line.substring(restStart, restEnd)}. */
    record Parts(String keyword, List<String> flags, int restStart, int restEnd) {
    }

    static Parts split(String line, int from, int to, char escape) {
        int start = GoText.skipSpace(line, from, to);
        int end = trimRight(line, start, to);
        int k = start;
        while (k < end && !GoText.isBlank(line.charAt(k))) {
            k++;
        }
        String keyword = line.substring(start, k);
        if (k == end) {
            return new Parts(keyword, List.of(), end, end);
        }
        int argsStart = k;
        while (argsStart < end && GoText.isBlank(line.charAt(argsStart))) {
            argsStart++;
        }
        List<String> flags = new ArrayList<>();
        int rest = extractFlags(line, argsStart, end, escape, flags);
        int restStart = GoText.skipSpace(line, rest, end);
        return new Parts(keyword, flags, restStart, end);
    }

    private static int trimRight(String s, int start, int end) {
        while (end > start) {
            int c = s.codePointBefore(end);
            if (!GoText.isSpace(c)) {
                break;
            }
            end -= Character.charCount(c);
        }
        return end;
    }

    private enum Phase { SPACES, WORD, QUOTE }

    /**
     * Reads leading words that start with {@code --} into {@code flags}.
     *
     * @return where the remaining arguments start
     */
    private static int extractFlags(String line, int from, int to, char escape, List<String> flags) {
        Phase phase = Phase.SPACES;
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean blankOk = false;
        int pos = from;
        while (true) {
            if (phase == Phase.SPACES) {
                if (pos == to) {
                    return to;
                }
                int c = line.codePointAt(pos);
                if (GoText.isSpace(c)) {
                    pos += Character.charCount(c);
                    continue;
                }
                if (c != '-' || pos + 1 == to || line.charAt(pos + 1) != '-') {
                    return pos;
                }
                phase = Phase.WORD;
            }
            if (pos == to) {
                String w = word.toString();
                if (!w.equals("--") && (blankOk || !w.isEmpty())) {
                    flags.add(w);
                }
                return to;
            }
            int c = line.codePointAt(pos);
            int width = Character.charCount(c);
            if (phase == Phase.WORD) {
                if (GoText.isSpace(c)) {
                    String w = word.toString();
                    phase = Phase.SPACES;
                    if (w.equals("--")) {
                        return pos;
                    }
                    if (blankOk || !w.isEmpty()) {
                        flags.add(w);
                    }
                    word.setLength(0);
                    blankOk = false;
                    pos += width;
                    continue;
                }
                if (c == '\'' || c == '"') {
                    quote = (char) c;
                    blankOk = true;
                    phase = Phase.QUOTE;
                    pos += width;
                    continue;
                }
                if (c == escape) {
                    if (pos + width == to) {
                        pos += width;
                        continue;
                    }
                    pos += width;
                    c = line.codePointAt(pos);
                    width = Character.charCount(c);
                }
                word.appendCodePoint(c);
                pos += width;
                continue;
            }
            // Phase.QUOTE
            if (c == quote) {
                phase = Phase.WORD;
                pos += width;
                continue;
            }
            if (c == escape) {
                if (pos + width == to) {
                    phase = Phase.WORD;
                    pos += width;
                    continue;
                }
                pos += width;
                c = line.codePointAt(pos);
                width = Character.charCount(c);
            }
            word.appendCodePoint(c);
            pos += width;
        }
    }
}
