package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Reading and writing cgroup control files, with errors that name the file and the value
 * ("cannot write 100 to /sys/fs/cgroup/pids/stevedore/x/pids.max: Invalid argument"), and
 * parsing their formats: one number or {@code max}, {@code key value} lines, pid lists.
 */
final class CgroupFiles {
    private static final long MAX_SLEEP_MILLIS = 20;

    private CgroupFiles() {}

    /** Writes one value with one {@code write(2)}, as the kernel expects. */
    static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SandboxException("cannot write " + value + " to " + file + ": " + reason(e), e);
        }
    }

    /** The whole file. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** The whole file, or empty if it does not exist. */
    static Optional<String> readIfPresent(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** A file holding one number, {@code max} (no limit, empty) or nothing (empty); absent files read as empty. */
    static OptionalLong readLimit(Path file) {
        String text = readIfPresent(file).orElse("").trim();
        return text.isEmpty() || text.equals("max") ? OptionalLong.empty() : OptionalLong.of(parse(text, file));
    }

    /** A file holding one number; absent or empty files read as 0. */
    static long readNumber(Path file) {
        String text = readIfPresent(file).orElse("").trim();
        return text.isEmpty() ? 0 : parse(text, file);
    }

    /** The value of {@code key} in a file of {@code key value} lines ({@code memory.stat}, {@code cgroup.events}, ...). */
    static OptionalLong keyed(Path file, String key) {
        for (String line : readIfPresent(file).orElse("").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2 && words[0].equals(key)) {
                return OptionalLong.of(parse(words[1], file));
            }
        }
        return OptionalLong.empty();
    }

    /** The pids in a {@code cgroup.procs} file of {@code dir} and of every cgroup below it. */
    static List<Long> procsBelow(Path dir) {
        List<Long> pids = new ArrayList<>();
        for (Path d : subtree(dir)) {
            for (String line : readIfPresent(d.resolve("cgroup.procs")).orElse("").split("\n")) {
                if (!line.isBlank()) {
                    pids.add(parse(line.trim(), d.resolve("cgroup.procs")));
                }
            }
        }
        return pids;
    }

    /** {@code dir} and the directories below it, parents before children; empty if {@code dir} is gone. */
    static List<Path> subtree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isDirectory).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            // a child cgroup vanished mid-walk: fall back to the directory alone
            return List.of(dir);
        }
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes, sleeping a little longer
     * each time (1 ms up to 20 ms).
     *
     * @return whether the condition held in time
     */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleep = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while waiting on a cgroup", e);
            }
            sleep = Math.min(sleep * 2, MAX_SLEEP_MILLIS);
        }
        return true;
    }

    /** Why an I/O call failed, as the kernel put it ("Invalid argument", "No such file or directory"). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long parse(String text, Path file) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new SandboxException("unexpected content in " + file + ": \"" + text + "\"", e);
        }
    }
}
