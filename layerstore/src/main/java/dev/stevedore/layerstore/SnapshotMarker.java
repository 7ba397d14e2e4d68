package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The in-progress marker of a snapshot being unpacked or committed: a file {@code unpacking}
 * next to {@code fs}, naming the process doing it (pid and start time). A snapshot with a
 * marker is incomplete; whether someone is still working on it is told by whether that process
 * still lives (a pid with another start time is another process). No file locks: POSIX locks
 * are per process, and closing any descriptor of the file would drop one. Created, read and
 * deleted only under the store lock.
 */
final class SnapshotMarker {
    static final String NAME = "unpacking";

    /** Who, if anyone, is filling a snapshot. */
    enum State {
        /** No marker: the snapshot is complete. */
        ABSENT,
        /** This JVM wrote it. */
        THIS_PROCESS,
        /** Another live process is working on it. */
        OTHER_PROCESS,
        /** Its process died (or the marker is unreadable): the snapshot is partial. */
        STALE
    }

    private SnapshotMarker() {}

    /** Writes the marker into a snapshot directory. @throws IOException if it cannot */
    static void create(Path snapshotDir) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String text = "pid " + self.pid() + " start " + start(self).map(Instant::toEpochMilli).orElse(0L) + "\n";
        Files.write(snapshotDir.resolve(NAME), text.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** @return the marker's state in a snapshot directory */
    static State state(Path snapshotDir) {
        if (!snapshotDir.resolve(NAME).toFile().exists()) {
            return State.ABSENT; // the usual case, told without an exception
        }
        String text;
        try {
            text = Files.readString(snapshotDir.resolve(NAME), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return State.ABSENT;
        } catch (IOException e) {
            return State.STALE;
        }
        String[] words = text.trim().split(" ");
        if (words.length != 4 || !words[0].equals("pid") || !words[2].equals("start")) {
            return State.STALE;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(words[1]);
            start = Long.parseLong(words[3]);
        } catch (NumberFormatException e) {
            return State.STALE;
        }
        if (pid == ProcessHandle.current().pid()) {
            return State.THIS_PROCESS;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return State.STALE;
        }
        Optional<Instant> started = start(process.get());
        if (start != 0 && started.isPresent() && Math.abs(started.get().toEpochMilli() - start) > 2000) {
            return State.STALE; // the pid was reused
        }
        return State.OTHER_PROCESS;
    }

    /** Deletes the marker: the snapshot is complete. @throws IOException if it cannot */
    static void delete(Path snapshotDir) throws IOException {
        Files.deleteIfExists(snapshotDir.resolve(NAME));
    }

    private static Optional<Instant> start(ProcessHandle process) {
        return process.info().startInstant();
    }
}
