package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobWriterTest {
    @TempDir
    Path tmp;
    LayerStore store;
    Lease lease;
    Path root;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"));
        root = store.root();
        lease = store.lease(Duration.ofMinutes(10));
    }

    @AfterEach
    void closeStore() {
        lease.close();
        store.close();
    }

    private Path ingest() {
        return root.resolve(".stevedore/ingest");
    }

    @Test
    void showsNothingBeforeCommitAndTheVerifiedBlobAfter() throws IOException {
        // given
        byte[] content = TestContent.bytes(300_000, 1);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR_GZIP, content);
        try (BlobWriter out = store.blobs().writer(expected, lease)) {
            out.write(content, 0, 200_000);
            out.flush();
            assertThat(store.blobs().contains(expected.digest())).isFalse();
            assertThat(TestContent.blobFiles(root)).isEmpty();
            assertThat(TestContent.files(ingest())).hasSize(1);

            // when
            out.write(content, 200_000, 100_000);
            Descriptor committed = out.commit();

            // then
            assertThat(committed).isEqualTo(expected);
            assertThat(out.written()).isEqualTo(content.length);
        }
        assertThat(Files.readAllBytes(root.resolve("blobs").resolve(expected.digest().blobPath()))).isEqualTo(content);
        assertThat(store.blobs().size(expected.digest())).hasValue(content.length);
        assertThat(TestContent.files(ingest())).isEmpty();
    }

    @Test
    void abortsWhenClosedWithoutCommit() {
        // given
        byte[] content = TestContent.bytes(1000, 2);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_CONFIG, content);

        // when
        try (BlobWriter out = store.blobs().writer(expected, lease)) {
            out.write(content);
        }

        // then
        assertThat(store.blobs().contains(expected.digest())).isFalse();
        assertThat(TestContent.blobFiles(root)).isEmpty();
        assertThat(TestContent.files(ingest())).isEmpty();
    }

    @Test
    void rejectsTheFirstExcessByteNamingTheDigest() {
        // given
        byte[] content = TestContent.bytes(10, 3);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);
        BlobWriter out = store.blobs().writer(expected, lease);
        out.write(content, 0, 8);

        // when / then
        assertThatThrownBy(() -> out.write(new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(BlobSizeExceededException.class, e -> {
                    assertThat(e.expected()).isEqualTo(expected.digest());
                    assertThat(e.expectedSize()).isEqualTo(10);
                    assertThat(e.attemptedSize()).isEqualTo(11);
                })
                .hasMessageContaining(expected.digest().toString());
        assertThat(out.written()).isEqualTo(8);
        assertThat(TestContent.blobFiles(root)).isEmpty();
        assertThat(TestContent.files(ingest())).isEmpty();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IllegalStateException.class);
        out.close();
    }

    @Test
    void rejectsContentWithAnotherDigestAndStoresNothing() {
        // given
        byte[] content = TestContent.bytes(5000, 4);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);
        byte[] tampered = content.clone();
        tampered[4999] ^= 1;

        // when
        try (BlobWriter out = store.blobs().writer(expected, lease)) {
            out.write(tampered);

            // then
            assertThatThrownBy(out::commit).isInstanceOfSatisfying(BlobDigestMismatchException.class, e -> {
                assertThat(e.expected()).isEqualTo(expected.digest());
                assertThat(e.actual()).isEqualTo(Digest.of(tampered));
            }).hasMessageContaining(expected.digest().toString());
        }
        assertThat(TestContent.blobFiles(root)).isEmpty();
        assertThat(TestContent.files(ingest())).isEmpty();
    }

    @Test
    void rejectsContentShorterThanDeclared() {
        // given
        byte[] content = TestContent.bytes(5000, 5);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);

        // when
        try (BlobWriter out = store.blobs().writer(expected, lease)) {
            out.write(content, 0, 4000);

            // then
            assertThatThrownBy(out::commit).isInstanceOfSatisfying(BlobSizeMismatchException.class, e -> {
                assertThat(e.expected()).isEqualTo(expected.digest());
                assertThat(e.actualSize()).isEqualTo(4000);
            });
        }
        assertThat(TestContent.blobFiles(root)).isEmpty();
        assertThat(TestContent.files(ingest())).isEmpty();
    }

    @Test
    void computesTheDescriptorWhenNoneIsGiven() {
        // given
        byte[] content = TestContent.bytes(70_000, 6);

        // when
        Descriptor committed;
        try (BlobWriter out = store.blobs().writer(MediaType.OCI_LAYER_TAR, lease)) {
            out.write(content);
            committed = out.commit();
        }

        // then
        assertThat(committed).isEqualTo(Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content));
        assertThat(store.blobs().contains(committed.digest())).isTrue();
    }

    @Test
    void committingABlobThatIsAlreadyThereChangesNothing() throws IOException {
        // given
        byte[] content = TestContent.bytes(2000, 7);
        Descriptor first = store.blobs().write(MediaType.OCI_CONFIG, content, lease);
        Path file = store.blobs().path(first.digest()).orElseThrow();
        Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        // when
        Descriptor second;
        try (BlobWriter out = store.blobs().writer(first, lease)) {
            out.write(content);
            second = out.commit();
        }

        // then
        assertThat(second).isEqualTo(first);
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
                .isEqualTo(inode);
        assertThat(TestContent.files(ingest())).isEmpty();
    }

    @Test
    void resumesAnInterruptedDownloadByStayingOpen() {
        // given a download that breaks after 3000 bytes
        byte[] content = TestContent.bytes(10_000, 8);
        Descriptor expected = Descriptor.ofContent(MediaType.OCI_LAYER_TAR, content);
        try (BlobWriter out = store.blobs().writer(expected, lease)) {
            out.write(content, 0, 3000);

            // when the retry continues from written()
            int offset = (int) out.written();
            out.write(Arrays.copyOfRange(content, offset, content.length));

            // then
            assertThat(out.commit()).isEqualTo(expected);
        }
        assertThat(store.blobs().contains(expected.digest())).isTrue();
    }

    @Test
    void refusesToWriteUnderAClosedLease() {
        // given
        Lease ended = store.lease(Duration.ofMinutes(1));
        byte[] content = TestContent.bytes(100, 9);
        BlobWriter out = store.blobs().writer(Descriptor.ofContent(MediaType.OCI_CONFIG, content), ended);
        out.write(content);
        ended.close();

        // when / then
        assertThatThrownBy(out::commit).isInstanceOf(LeaseEndedException.class).hasMessageContaining(ended.id());
        assertThat(TestContent.blobFiles(root)).isEmpty();
        assertThat(TestContent.files(ingest())).isEmpty();
        assertThatThrownBy(() -> store.blobs().writer(MediaType.OCI_CONFIG, ended))
                .isInstanceOf(LeaseEndedException.class);
    }
}
