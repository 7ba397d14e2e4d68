package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.Preconditions;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciLayoutImportTest {
    @TempDir
    Path tmp;
    LayerStore store;
    BusyboxImage busybox;

    @BeforeEach
    void setUp() {
        store = LayerStore.open(tmp.resolve("store"));
        busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void importsALayoutDirectoryAndNamesItsImages() {
        // when
        ImportResult imported = store.archives().importOci(busybox.layoutDir());

        // then
        assertThat(imported.refs()).containsOnlyKeys("latest");
        assertThat(imported.images()).singleElement()
                .satisfies(d -> assertThat(d.digest()).isEqualTo(busybox.manifestDigest()));
        assertThat(store.refs().get("latest").orElseThrow().digest()).isEqualTo(busybox.manifestDigest());
        assertThat(store.blobs().list()).containsExactlyInAnyOrder(busybox.manifestDigest(), busybox.configDigest(),
                busybox.layerDigest());
        assertThat(store.fsck(false).isClean()).isTrue();
        assertThat(TestContent.files(store.root().resolve(".stevedore/leases"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-cf", "-czf"})
    void importsALayoutTarballPlainOrCompressed(String tarFlags) throws Exception {
        // given a tarball made by GNU tar, entries named ./oci-layout and so on
        Path gnuTar = Preconditions.requiresCommand("tar", "tar");
        Path tarball = tmp.resolve("busybox.tar");
        Process tar = new ProcessBuilder(gnuTar.toString(), "-C", busybox.layoutDir().toString(), tarFlags,
                tarball.toString(), ".").inheritIO().start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0).isTrue();

        // when
        store.archives().importOci(tarball);

        // then
        assertThat(store.refs().get("latest").orElseThrow().digest()).isEqualTo(busybox.manifestDigest());
        assertThat(store.fsck(false).isClean()).isTrue();
        assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
    }

    @Test
    void rejectsATamperedLayerAndNamesNothing() throws Exception {
        // given
        try (RandomAccessFile layer = new RandomAccessFile(busybox.blob(busybox.layerDigest()).toFile(), "rw")) {
            layer.seek(100);
            int b = layer.read();
            layer.seek(100);
            layer.write(b ^ 0x80);
        }

        // when / then
        assertThatThrownBy(() -> store.archives().importOci(busybox.layoutDir()))
                .isInstanceOfSatisfying(BlobDigestMismatchException.class,
                        e -> assertThat(e.expected()).isEqualTo(busybox.layerDigest()));
        assertThat(store.refs().list()).isEmpty();
        assertThat(store.blobs().contains(busybox.layerDigest())).isFalse();
        assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
        assertThat(store.gc().blobsRemoved()).containsExactlyInAnyOrder(busybox.manifestDigest(),
                busybox.configDigest());
    }

    @Test
    void rejectsALayoutWithoutItsConfig() throws Exception {
        // given
        Files.delete(busybox.blob(busybox.configDigest()));

        // when / then
        assertThatThrownBy(() -> store.archives().importOci(busybox.layoutDir()))
                .isInstanceOfSatisfying(InvalidArchiveException.class, e -> assertThat(e.entry())
                        .isEqualTo("blobs/" + busybox.configDigest().blobPath()))
                .hasMessageContaining("missing");
        assertThat(store.refs().list()).isEmpty();
    }

    @Test
    void rejectsSomethingThatIsNotALayout() throws Exception {
        // given
        Path notALayout = Files.createDirectories(tmp.resolve("empty"));
        Path notATar = Files.writeString(tmp.resolve("junk.tar"), "not a tar at all, just text");

        // when / then
        for (Path bad : List.of(notALayout, notATar)) {
            assertThatThrownBy(() -> store.archives().importOci(bad)).isInstanceOf(InvalidArchiveException.class);
        }
    }
}
