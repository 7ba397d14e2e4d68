package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stevedore.oci.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a container's Docker json-file log ({@code container.log}, rotated into
 * {@code container.log.1}, {@code .2}, ...), written by its shim. Lines that are not complete
 * yet (no newline) are left for later; malformed lines are skipped.
 */
final class LogFiles {
    static final String CURRENT = "container.log";

    private LogFiles() {}

    /** Every line in {@code dir}, oldest first. */
    static List<LogLine> readAll(Path dir) {
        return keep(dir).lines();
    }

    /**
     * The log in {@code dir} as it is now, read but not parsed (that happens on the first
     * {@link Kept#lines()}): what an auto-removed container leaves its handle before its files go.
     * An empty log costs a look at its files and nothing more.
     */
    static Kept keep(Path dir) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < 100; i++) {
            Path rotated = dir.resolve(CURRENT + "." + i);
            if (!Files.exists(rotated)) {
                break;
            }
            files.add(0, rotated);
        }
        files.add(dir.resolve(CURRENT));
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(f);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new StevedoreException("Tried to read the log " + f + " but failed because: " + e.getMessage(), e);
            }
            if (bytes.length > 0) {
                contents.add(bytes);
            }
        }
        return contents.isEmpty() ? Kept.EMPTY : new Kept(contents);
    }

    /** A log's files read into memory, oldest first; parsed once, when first asked for. */
    static final class Kept {
        static final Kept EMPTY = new Kept(List.of());

        private List<byte[]> files;
        private List<LogLine> lines;

        private Kept(List<byte[]> files) {
            this.files = List.copyOf(files);
            this.lines = files.isEmpty() ? List.of() : null;
        }

        /** Every complete line, oldest first. */
        synchronized List<LogLine> lines() {
            if (lines == null) {
                List<LogLine> out = new ArrayList<>();
                for (byte[] bytes : files) {
                    parseComplete(bytes, 0, bytes.length, out);
                }
                lines = List.copyOf(out);
                files = List.of(); // the raw bytes are not needed any more
            }
            return lines;
        }
    }

    /**
     * Parses the complete lines of {@code bytes[from, to)} into {@code out}.
     *
     * @return the offset after the last complete line
     */
    static int parseComplete(byte[] bytes, int from, int to, List<LogLine> out) {
        int start = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                parse(new String(bytes, start, i - start, StandardCharsets.UTF_8)).ifPresent(out::add);
                start = i + 1;
            }
        }
        return start;
    }

    static Optional<LogLine> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode o = JsonTrees.read(line, JsonTrees.Reading.LENIENT);
            if (o == null || !o.isObject()) {
                return Optional.empty();
            }
            LogLine.Stream stream = "stderr".equals(o.path("stream").asText()) ? LogLine.Stream.STDERR
                    : LogLine.Stream.STDOUT;
            Instant time = o.has("time") ? Instant.parse(o.get("time").asText()) : Instant.EPOCH;
            return Optional.of(new LogLine(stream, time, o.path("log").asText("")));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The file's inode, to notice rotation; empty if it does not exist. */
    static Optional<Long> inode(Path file) {
        try {
            return Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
