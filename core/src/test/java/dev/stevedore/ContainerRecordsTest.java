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
