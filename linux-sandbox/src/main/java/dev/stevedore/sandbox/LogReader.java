package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the json-file log the shim writes: container.log and its rotated predecessors. */
final class LogReader {
    private LogReader() {}

    static List<LogEntry> read(Path stateDir, int maxFiles) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = maxFiles - 1; i >= 0; i--) {
            Path file = stateDir.resolve(i == 0 ? "container.log" : "container.log." + i);
            List<String> lines;
            try {
                // Lenient: bytes that are not UTF-8 read as U+FFFD, as Docker logs them. A last line
                // without its newline is one the shim is writing right now; it is left for later.
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                lines = text.substring(0, text.lastIndexOf('\n') + 1).lines().toList();
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw new SandboxException("cannot read the log " + file, e);
            }
            int n = 0;
            for (String line : lines) {
                n++;
                if (!line.isBlank()) {
                    entries.add(parse(line, file, n));
                }
            }
        }
        return List.copyOf(entries);
    }

    static LogEntry parse(String line, Path file, int lineNumber) {
        try {
            Json.Obj o = Json.parse(line).asObject();
            String stream = o.get("stream").map(Json::asString).orElse("stdout");
            return new LogEntry(stream.equals("stderr") ? OutputListener.Stream.STDERR : OutputListener.Stream.STDOUT,
                    Instant.parse(o.get("time").map(Json::asString).orElse("1970-01-01T00:00:00Z")),
                    o.get("log").map(Json::asString).orElse(""));
        } catch (RuntimeException e) {
            if (e instanceof JsonException || e instanceof ClassCastException || e instanceof DateTimeParseException) {
                throw new SandboxException("malformed log line " + file + ":" + lineNumber + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
