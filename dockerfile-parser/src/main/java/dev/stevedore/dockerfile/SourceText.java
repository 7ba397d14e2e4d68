package dev.stevedore.dockerfile;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Dockerfile's text split into physical lines as BuildKit's scanner splits it: at
 * {@code \n} only, each line keeping its ending. Also decodes bytes strictly as UTF-8 and
 * enforces the scanner's limit of 64 KiB per line.
 */
final class SourceText {
    /** bufio.MaxScanTokenSize: a line with its {@code \n} must fit in 64 KiB. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final String name;
    private final String text;
    /** Start offset of each physical line; one extra entry for the end of the text. */
    private final int[] starts;

    private SourceText(String name, String text, int[] starts) {
        this.name = name;
        this.text = text;
        this.starts = starts;
    }

    static SourceText of(String name, String text) {
        int[] starts = new int[16];
        int count = 1; // starts[0] = 0
        int lineNumber = 1;
        int lineStart = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
            checkLength(name, text, lineStart, nl + 1, lineNumber);
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = nl + 1;
            lineStart = nl + 1;
            lineNumber++;
        }
        if (lineStart < text.length()) {
            checkLength(name, text, lineStart, text.length(), lineNumber);
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count + 1);
            }
            starts[count++] = text.length();
        }
        return new SourceText(name, text, Arrays.copyOf(starts, count));
    }

    static SourceText decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw invalidUtf8(name, bytes, in.position());
        }
        out.flip();
        return of(name, out.toString());
    }

    private static DockerfileException invalidUtf8(String name, byte[] bytes, int badOffset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < badOffset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < bytes.length && bytes[lineEnd] != '\n') {
            lineEnd++;
        }
        String before = new String(bytes, lineStart, badOffset - lineStart, StandardCharsets.UTF_8);
        String lineText = trimEnding(new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8));
        String reason = String.format("invalid UTF-8: byte 0x%02x at offset %d cannot start or continue a character",
                bytes[badOffset] & 0xFF, badOffset);
        return new DockerfileException(name, line, before.length() + 1, lineText, reason, "", null);
    }

    private static void checkLength(String name, String text, int start, int end, int lineNumber) {
        // Cheap first: a line of fewer chars than the limit/3 cannot exceed it in UTF-8.
        if (end - start <= MAX_LINE_BYTES / 3) {
            return;
        }
        long bytes = utf8Length(text, start, end);
        boolean hasNewline = text.charAt(end - 1) == '\n';
        if (bytes > MAX_LINE_BYTES || (!hasNewline && bytes >= MAX_LINE_BYTES)) {
            String preview = text.substring(start, Math.min(end, start + 80));
            throw new DockerfileException(name, lineNumber, 0, trimEnding(preview),
                    "dockerfile line greater than max allowed size of " + (MAX_LINE_BYTES - 1), "", null);
        }
    }

    private static long utf8Length(String s, int start, int end) {
        long n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String trimEnding(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    String name() {
        return name;
    }

    /** The number of physical lines. */
    int lineCount() {
        return starts.length - 1;
    }

    /** Physical line {@code number} (1-based) with its line ending. */
    String rawLine(int number) {
        return text.substring(starts[number - 1], starts[number]);
    }

    /** Physical line {@code number} (1-based) without its line ending; {@code ""} if out of range. */
    String line(int number) {
        if (number < 1 || number > lineCount()) {
            return "";
        }
        String raw = rawLine(number);
        if (number == 1 && raw.startsWith("\uFEFF")) {
            raw = raw.substring(1);
        }
        return trimEnding(raw);
    }
}
