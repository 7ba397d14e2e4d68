package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RefsTest {
    @TempDir
    Path tmp;
    LayerStore store;
    Lease lease;
    TestContent.TinyImage image;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"));
        lease = store.lease(Duration.ofMinutes(10));
        image = TestContent.image(store, lease, "refs");
    }

    @AfterEach
    void closeStore() {
        lease.close();
        store.close();
    }

    @Test
    void namesAManifestInIndexJsonAsOciToolsExpect() throws Exception {
        // when
        store.refs().put("latest", image.manifest());

        // then
        JsonNode index = new ObjectMapper().readTree(Files.readAllBytes(store.root().resolve("index.json")));
        assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.path("digest").asText()).isEqualTo(image.manifest().digest().toString());
        assertThat(entry.path("mediaType").asText()).isEqualTo(MediaType.OCI_MANIFEST);
        assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("latest");
        assertThat(store.refs().get("latest")).hasValueSatisfying(d -> {
            assertThat(d.digest()).isEqualTo(image.manifest().digest());
            assertThat(d.annotations()).containsEntry(Refs.REF_NAME_ANNOTATION, "latest");
        });
    }

    @Test
    void seesARefMovedToAnotherManifestOfTheSameSizeAtOnce() throws Exception {
        // given: index.json read (and parsed) once
        TestContent.TinyImage other = TestContent.image(store, lease, "rfes"); // same length, another digest
        store.refs().put("docker.io/library/app:1", image.manifest());
        long size = Files.size(store.root().resolve("index.json"));
        assertThat(store.refs().get("docker.io/library/app:1").orElseThrow().digest())
                .isEqualTo(image.manifest().digest());

        // when: moved, by this store and by another instance on the same root
        store.refs().put("docker.io/library/app:1", other.manifest());

        // then: same size, new content, seen at once
        assertThat(other.manifest().size()).isEqualTo(image.manifest().size());
        assertThat(Files.size(store.root().resolve("index.json"))).isEqualTo(size);
        assertThat(store.refs().get("docker.io/library/app:1").orElseThrow().digest())
                .isEqualTo(other.manifest().digest());
        try (LayerStore second = LayerStore.open(tmp.resolve("store"))) {
            assertThat(second.refs().get("docker.io/library/app:1").orElseThrow().digest())
                    .isEqualTo(other.manifest().digest());
            second.refs().put("docker.io/library/app:1", image.manifest());
        }
        assertThat(store.refs().get("docker.io/library/app:1").orElseThrow().digest())
                .isEqualTo(image.manifest().digest());
    }

    @Test
    void movesDeletesAndListsRefs() {
        // given
        TestContent.TinyImage other = TestContent.image(store, lease, "other");
        store.refs().put("docker.io/library/app:1", image.manifest());
        store.refs().put("app@" + image.manifest().digest(), image.manifest());

        // when
        store.refs().put("docker.io/library/app:1", other.manifest());

        // then
        assertThat(store.refs().list()).containsOnlyKeys("app@" + image.manifest().digest(), "docker.io/library/app:1");
        assertThat(store.refs().get("docker.io/library/app:1").orElseThrow().digest())
                .isEqualTo(other.manifest().digest());
        assertThat(store.refs().delete("docker.io/library/app:1")).isTrue();
        assertThat(store.refs().delete("docker.io/library/app:1")).isFalse();
        assertThat(store.refs().get("docker.io/library/app:1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "trail-", "a//b", "sp ace", "../etc", "a:", "ä"})
    void rejectsNamesOutsideTheLayoutGrammar(String name) {
        assertThat(Refs.isValidName(name)).isFalse();
        assertThatThrownBy(() -> store.refs().put(name, image.manifest()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToNameABlobThatIsNotInTheStore() {
        // given
        Descriptor absent = Descriptor.ofContent(MediaType.OCI_MANIFEST, "{}".getBytes());

        // when / then
        assertThatThrownBy(() -> store.refs().put("ghost", absent))
                .isInstanceOfSatisfying(BlobNotFoundException.class,
                        e -> assertThat(e.digest()).isEqualTo(absent.digest()));
        assertThat(store.refs().list()).isEmpty();
    }

    @Test
    void keepsEntriesOtherToolsLeftWithoutAName() throws Exception {
        // given an index.json entry without a ref name, as some tools write
        Digest manifest = image.manifest().digest();
        Files.writeString(store.root().resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + manifest + "\",\"size\":" + image.manifest().size()
                + "}]}");

        // when
        store.refs().put("named", image.manifest());

        // then
        assertThat(store.refs().list()).containsOnlyKeys("named");
        JsonNode index = new ObjectMapper().readTree(Files.readAllBytes(store.root().resolve("index.json")));
        assertThat(index.path("manifests")).hasSize(2);
    }

    @Test
    void loseNoUpdateWhenThreadsOfSeveralStoresOnOneRootPutAtOnce() throws Exception {
        // given two stores on one root in this JVM: they must share one lock file channel
        try (LayerStore second = LayerStore.open(store.root())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                // when
                List<Future<?>> puts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Refs refs = (t % 2 == 0 ? store : second).refs();
                    int thread = t;
                    puts.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            refs.put("t" + thread + "-" + i, image.manifest());
                        }
                    }));
                }
                for (Future<?> put : puts) {
                    put.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            // then
            assertThat(second.refs().list()).hasSize(100);
        }
        assertThat(store.refs().list()).hasSize(100);
    }
}
