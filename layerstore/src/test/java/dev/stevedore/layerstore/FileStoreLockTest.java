package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreLockTest {
    @TempDir
    Path tmp;

    @Test
    void isReentrantWithinAThread() {
        // given
        FileStoreLock lock = new FileStoreLock(tmp.resolve("lock"));

        // when
        int depth = lock.locked(() -> lock.locked(() -> lock.locked(() -> 3)));

        // then
        assertThat(depth).isEqualTo(3);
        assertThat(lock.isHeldByCurrentThread()).isFalse();
        lock.close();
    }

    @Test
    void anInterruptedCallerFailsAndTheLockStaysUsable() {
        // given
        FileStoreLock lock = new FileStoreLock(tmp.resolve("lock"));
        AtomicInteger runs = new AtomicInteger();

        // when
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> lock.locked(runs::incrementAndGet)).isInstanceOf(StoreException.class)
                .hasMessageContaining("interrupted");

        // then
        assertThat(Thread.interrupted()).isTrue();
        assertThat(lock.locked(runs::incrementAndGet)).isEqualTo(1);
        lock.close();
    }

    @Test
    void storesOnOneRootShareOneLockEvenThroughAnotherPath() throws Exception {
        // given
        Path root = tmp.resolve("store");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), root.getFileName());
        try (LayerStore first = LayerStore.open(root)) {
            try (LayerStore second = LayerStore.open(link)) {
                // when one holds the lock, the other can take it again in the same thread
                int nested = first.lock().locked(() -> second.lock().locked(() -> 1));

                // then it is one lock, not two channels fighting over one file
                assertThat(nested).isEqualTo(1);
                assertThat(first.openRoot()).isSameAs(second.openRoot());
            }
            // and closing one leaves the other's lock working
            assertThat(first.refs().list()).isEmpty();
            first.lock().locked(() -> { });
        }
    }

    @Test
    void aClosedLockRefusesWork() {
        // given
        FileStoreLock lock = new FileStoreLock(tmp.resolve("lock"));
        lock.close();

        // when / then
        assertThatThrownBy(() -> lock.locked(() -> 1)).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }
}
