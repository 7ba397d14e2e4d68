package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.testing.BusyboxImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutExportTest {
    @TempDir
    Path tmp;
    LayerStore store;
    BusyboxImage busybox;

    @BeforeEach
    void setUp() {
        store = LayerStore.open(tmp.resolve("store"));
        busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));
        store.archives().importOci(busybox.layoutDir());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void writesADirectoryThatImportsBackToTheSameImage() throws Exception {
        // when
        Path out = tmp.resolve("out");
        store.archives().exportOci(out, List.of("latest"));

        // then
        assertThat(Files.readAllBytes(out.resolve("blobs").resolve(busybox.layerDigest().blobPath())))
                .isEqualTo(Files.readAllBytes(busybox.blob(busybox.layerDigest())));
        try (LayerStore other = LayerStore.open(tmp.resolve("other"))) {
            other.archives().importOci(out);
            assertThat(other.refs().get("latest").orElseThrow().digest()).isEqualTo(busybox.manifestDigest());
            assertThat(other.fsck(false).isClean()).isTrue();
        }
    }

    @Test
    void addsToAnExistingLayoutReplacingEntriesOfTheSameName() throws Exception {
        // given
        TestContent.TinyImage tiny;
        try (Lease lease = store.lease(Duration.ofMinutes(5))) {
            tiny = TestContent.image(store, lease, "tiny");
            store.refs().put("tiny", tiny.manifest());
        }
        Path out = tmp.resolve("out");
        store.archives().exportOci(out, List.of("latest"));
        store.refs().put("latest", tiny.manifest());

        // when
        store.archives().exportOci(out, List.of("tiny", "latest"));

        // then
        JsonNode index = new ObjectMapper().readTree(Files.readAllBytes(out.resolve("index.json")));
        assertThat(index.path("manifests")).hasSize(2);
        for (JsonNode entry : index.path("manifests")) {
            assertThat(entry.path("digest").asText()).isEqualTo(tiny.manifest().digest().toString());
        }
    }

    @Test
    void writesTheSameTarballEveryTime() throws Exception {
        // when
        Path first = tmp.resolve("first.tar");
        Path second = tmp.resolve("second.tar");
        store.archives().exportOciTar(first, List.of("latest"));
        store.archives().exportOciTar(second, List.of("latest"));

        // then
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        try (LayerStore other = LayerStore.open(tmp.resolve("other"))) {
            other.archives().importOci(first);
            assertThat(other.refs().get("latest").orElseThrow().digest()).isEqualTo(busybox.manifestDigest());
        }
        assertThat(TestContent.files(tmp)).doesNotContain(".first.tar.tmp");
    }

    @Test
    void writesNothingForARefThatDoesNotExist() {
        // when / then
        Path out = tmp.resolve("none.tar");
        assertThatThrownBy(() -> store.archives().exportOciTar(out, List.of("latest", "nope")))
                .isInstanceOfSatisfying(RefNotFoundException.class, e -> assertThat(e.name()).isEqualTo("nope"));
        assertThat(out).doesNotExist();
        assertThat(TestContent.files(tmp)).noneMatch(n -> n.contains("none.tar"));
    }

    @Test
    void writesNothingWhenABlobIsMissing() throws Exception {
        // given
        Files.delete(store.blobs().path(busybox.layerDigest()).orElseThrow());

        // when / then
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> store.archives().exportOci(out, List.of("latest")))
                .isInstanceOfSatisfying(BlobNotFoundException.class,
                        e -> assertThat(e.digest()).isEqualTo(busybox.layerDigest()));
        assertThat(out).doesNotExist();
    }
}
