package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRecordsTest {
    @TempDir
    Path home;

    @Test
    void findsByFullIdNameAndUniquePrefix() {
        ContainerRecords records = new ContainerRecords(home.resolve("containers"));
        ContainerRecord web = ContainerRecordJsonTest.sample("ab" + "1".repeat(62), "web", ContainerStatus.CREATED);
        ContainerRecord db = ContainerRecordJsonTest.sample("ac" + "2".repeat(62), "db", ContainerStatus.CREATED);
        records.write(web);
        records.write(db);

        assertThat(records.find(web.id()).map(ContainerRecord::name)).contains("web");
        assertThat(records.find("db").map(ContainerRecord::id)).contains(db.id());
        assertThat(records.find("/db").map(ContainerRecord::id)).contains(db.id());
        assertThat(records.find("ab1").map(ContainerRecord::name)).contains("web");
        assertThat(records.find("nosuch")).isEmpty();
        assertThat(records.find("ff")).isEmpty();
        assertThatThrownBy(() -> records.find("a")).isInstanceOf(ContainerConflictException.class)
                .hasMessageContaining("ambiguous");
    }

    @Test
    void prefersANameOverAnIdPrefix() {
        ContainerRecords records = new ContainerRecords(home.resolve("containers"));
        ContainerRecord byId = ContainerRecordJsonTest.sample("abc" + "1".repeat(61), "first", ContainerStatus.CREATED);
        ContainerRecord byName = ContainerRecordJsonTest.sample("fff" + "2".repeat(61), "abc", ContainerStatus.CREATED);
        records.write(byId);
        records.write(byName);
        assertThat(records.find("abc").map(ContainerRecord::id)).contains(byName.id());
    }

    @Test
    void skipsUnreadableRecordsAndDeletesTrees() throws IOException {
        ContainerRecords records = new ContainerRecords(home.resolve("containers"));
        ContainerRecord ok = ContainerRecordJsonTest.sample("1".repeat(63) + "a", "ok", ContainerStatus.CREATED);
        records.write(ok);
        Path broken = records.dir("2".repeat(63) + "b");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(ContainerRecord.FILE), "{not json");
        Files.createDirectories(records.upperDir(ok.id()).resolve("etc"));
        Files.createSymbolicLink(records.upperDir(ok.id()).resolve("etc/escape"), home);

        assertThat(records.list()).extracting(ContainerRecord::name).containsExactly("ok");

        records.delete(ok.id());
        assertThat(records.dir(ok.id())).doesNotExist();
        assertThat(home).exists(); // the link was deleted, not followed
    }

    @Test
    void removesAContainerAtOnceByMovingItsDirectoryAndDeletesItLater() throws Exception {
        // given
        Path root = home.resolve("containers");
        ContainerRecords records = new ContainerRecords(root);
        ContainerRecord gone = ContainerRecordJsonTest.sample("3".repeat(63) + "c", "gone", ContainerStatus.RUNNING);
        records.write(gone);
        Files.createDirectories(records.upperDir(gone.id()).resolve("tmp"));
        Files.writeString(records.upperDir(gone.id()).resolve("tmp/file"), "x");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ContainerTrash trash = new ContainerTrash(root, () -> pool);

            // when
            assertThat(records.moveTo(gone.id(), trash.target(gone.id()))).isTrue();

            // then: gone for every reader at once, its files deleted in the background
            assertThat(records.read(gone.id())).isEmpty();
            assertThat(records.list()).isEmpty();
            assertThat(records.dir(gone.id())).doesNotExist();
            trash.deleteLater(trash.target(gone.id()));
            trash.awaitPending(java.time.Duration.ofSeconds(10));
            assertThat(trash.target(gone.id())).doesNotExist();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletesWhatACrashLeftOfRemovedContainers() throws Exception {
        // given: a directory renamed away whose deletion never ran, and a directory of a live container
        Path root = home.resolve("containers");
        ContainerRecords records = new ContainerRecords(root);
        ContainerRecord live = ContainerRecordJsonTest.sample("4".repeat(63) + "d", "live", ContainerStatus.CREATED);
        records.write(live);
        Path left = root.resolve(ContainerTrash.PREFIX + "5".repeat(63) + "e");
        Files.createDirectories(left.resolve("fs/upper/etc"));
        Files.writeString(left.resolve(ContainerRecord.FILE), "{}");

        // when: the next engine opens the containers (deleting here, as the executor refuses)
        ContainerTrash trash = new ContainerTrash(root, () -> task -> {
            throw new java.util.concurrent.RejectedExecutionException("closing");
        });
        trash.sweepLeftovers();

        // then
        assertThat(left).doesNotExist();
        assertThat(records.list()).extracting(ContainerRecord::name).containsExactly("live");
    }

    @Test
    void locksTheFileAtItsPathEvenIfItWasReplacedSinceLastUse() throws Exception {
        // given: a lock used once (its file stays open), then its file deleted and made anew
        Path file = home.resolve("containers/.lock");
        ContainerLock lock = ContainerLock.of(file);
        lock.locked(() -> { });
        Files.delete(file);
        Files.createFile(file);

        // when / then: the lock is taken on the new file, which another process would lock too
        lock.locked(() -> {
            try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE)) {
                assertThatThrownBy(other::tryLock).isInstanceOf(java.nio.channels.OverlappingFileLockException.class);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ContainerLock.closeIdle(home);
        lock.locked(() -> { }); // opened again after closing
        assertThat(file).exists();
    }

    @Test
    void serializesChangesAcrossThreads() throws Exception {
        ContainerRecords records = new ContainerRecords(home.resolve("containers"));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(pool.submit(() -> records.lock().locked(() -> {
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    records.lock().locked(() -> { }); // reentrant
                    inside.decrementAndGet();
                })));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(overlaps).hasValue(0);
    }
}
