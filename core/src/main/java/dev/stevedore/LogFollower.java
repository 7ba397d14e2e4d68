package dev.stevedore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Follows a container's log from its first line, as {@code docker logs --follow}: on the
 * caller's thread, polling the json-file log, across rotations and after the container ends.
 * It ends once the container has exited and every line was returned. Not thread-safe.
 *
 * <pre>{@code
 * try (LogFollower f = container.followLogs()) {
 *     Optional<LogLine> first = f.next(Duration.ofSeconds(5));
 *     f.lines().forEach(l -> System.out.print(l.text()));   // until the container exits
 * }
 * }</pre>
 */
public final class LogFollower implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final Supplier<Path> directory;
    private final BooleanSupplier ended;
    private final Supplier<Optional<List<LogLine>>> kept;
    private final WaitClock clock;
    private final ArrayDeque<LogLine> ready = new ArrayDeque<>();
    private Path currentDir;
    private Optional<Long> currentInode = Optional.empty();
    private long offset;
    private long returned;
    private LogLine lastReturned;
    private boolean finished;
    private boolean closed;

    LogFollower(Supplier<Path> directory, BooleanSupplier ended, WaitClock clock) {
        this(directory, ended, Optional::empty, clock);
    }

    /**
     * @param kept the whole log kept in memory once the files are gone (an auto-removed
     *     container this JVM started), asked for only when the container has ended and its log
     *     file is gone
     */
    LogFollower(Supplier<Path> directory, BooleanSupplier ended, Supplier<Optional<List<LogLine>>> kept,
            WaitClock clock) {
        this.directory = directory;
        this.ended = ended;
        this.kept = kept;
        this.clock = clock;
    }

    /**
     * The next line, waiting at most {@code timeout} for one.
     *
     * @param timeout how long to wait
     * @return the line, or empty on timeout or when the log has ended ({@link #isFinished()})
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<LogLine> next(Duration timeout) throws InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        while (!closed) {
            if (!ready.isEmpty()) {
                return Optional.of(take());
            }
            if (finished) {
                return Optional.empty();
            }
            boolean over = ended.getAsBoolean();
            boolean found = poll();
            if (over && !found && ready.isEmpty()) {
                kept.get().ifPresent(this::readKept);
            }
            if (!ready.isEmpty()) {
                return Optional.of(take());
            }
            if (over) {
                finished = true;
                return Optional.empty();
            }
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            clock.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
        return Optional.empty();
    }

    /**
     * @return whether the container has exited and every line was returned
     */
    public boolean isFinished() {
        return finished && ready.isEmpty();
    }

    /**
     * The remaining lines as a stream that blocks for new ones and ends with the log (or when
     * this follower is closed or the thread interrupted).
     *
     * @return the lines
     */
    public Stream<LogLine> lines() {
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<LogLine>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super LogLine> action) {
                try {
                    while (!closed) {
                        Optional<LogLine> l = next(Duration.ofSeconds(1));
                        if (l.isPresent()) {
                            action.accept(l.get());
                            return true;
                        }
                        if (isFinished()) {
                            return false;
                        }
                    }
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }, false);
    }

    /** Stops following; {@link #next} returns empty afterwards. Closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
        ready.clear();
    }

    private LogLine take() {
        LogLine l = ready.poll();
        returned++;
        lastReturned = l;
        return l;
    }

    /**
     * Queues what the kept log has after the last line returned: found by that line when the
     * kept log starts later (rotated files gone), else by the count of lines returned.
     */
    private void readKept(List<LogLine> all) {
        int from = (int) Math.min(returned, all.size());
        if (lastReturned != null && (from == 0 || !lastReturned.equals(all.get(from - 1)))) {
            int at = all.lastIndexOf(lastReturned);
            from = at < 0 ? from : at + 1;
        }
        ready.addAll(all.subList(from, all.size()));
    }

    /** Reads what the log file has past the offset; false when there is no log file. */
    private boolean poll() {
        Path dir = directory.get();
        Path file = dir.resolve(LogFiles.CURRENT);
        Optional<Long> inode = LogFiles.inode(file);
        if (inode.isEmpty()) {
            return false;
        }
        if (currentDir != null && !dir.equals(currentDir)) {
            currentInode = inode; // the same log, kept elsewhere once the container ended: same content, same offset
        }
        currentDir = dir;
        if (currentInode.isPresent() && !currentInode.equals(inode)) {
            Path rotated = dir.resolve(LogFiles.CURRENT + ".1");
            if (LogFiles.inode(rotated).equals(currentInode)) {
                readFrom(rotated);
            }
            offset = 0;
        }
        currentInode = inode;
        readFrom(file);
        return true;
    }

    private void readFrom(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            bytes = in.readAllBytes();
        } catch (NoSuchFileException | java.io.EOFException e) {
            return;
        } catch (IOException e) {
            throw new StevedoreException("Tried to follow the log " + file + " but failed because: " + e.getMessage(), e);
        }
        List<LogLine> out = new ArrayList<>();
        int consumed = LogFiles.parseComplete(bytes, 0, bytes.length, out);
        offset += consumed;
        ready.addAll(out);
    }
}
