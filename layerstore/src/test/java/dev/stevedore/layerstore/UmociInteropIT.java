package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.Preconditions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** umoci unpacks images straight out of the store, and the store imports what umoci repacked. */
class UmociInteropIT {
    @TempDir
    Path tmp;

    @Test
    void unpacksAnImageStraightOutOfTheStore() throws Exception {
        // given
        Preconditions.requiresRoot();
        Path umoci = Preconditions.requiresCommand("umoci", "umoci");
        BusyboxImage busybox = BusyboxImage.writeTo(tmp.resolve("busybox"));
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            store.archives().importOci(busybox.layoutDir());

            // when
            Path bundle = tmp.resolve("bundle");
            Tool.run(tmp, List.of(umoci.toString(), "unpack", "--image", store.root() + ":latest", bundle.toString()));

            // then
            assertThat(bundle.resolve("rootfs/bin/busybox")).isRegularFile();
            assertThat(bundle.resolve("config.json")).isRegularFile();
            assertThat(store.fsck(false).isClean()).isTrue();
        }
    }

    @Test
    void importsALayoutUmociRepacked() throws Exception {
        // given an image umoci made: busybox plus a layer adding one file
        Preconditions.requiresRoot();
        Path umoci = Preconditions.requiresCommand("umoci", "umoci");
        Path layout = tmp.resolve("umoci-layout");
        BusyboxImage busybox = BusyboxImage.writeTo(layout);
        Path bundle = tmp.resolve("bundle");
        Tool.run(tmp, List.of(umoci.toString(), "unpack", "--image", layout + ":latest", bundle.toString()));
        Files.writeString(bundle.resolve("rootfs/hello.txt"), "hello from umoci\n");
        Tool.run(tmp, List.of(umoci.toString(), "repack", "--image", layout + ":repacked", bundle.toString()));

        // when
        try (LayerStore store = LayerStore.open(tmp.resolve("store"))) {
            ImportResult imported = store.archives().importOci(layout);

            // then
            assertThat(imported.refs()).containsOnlyKeys("latest", "repacked");
            try (InputStream in = store.blobs().open(imported.refs().get("repacked").digest())) {
                ImageManifest manifest = (ImageManifest) ManifestBytes.parse(in.readAllBytes()).document();
                assertThat(manifest.layers()).hasSize(2);
                assertThat(manifest.layers().get(0).digest()).isEqualTo(busybox.layerDigest());
            }
            assertThat(store.fsck(false).isClean()).isTrue();
        }
    }
}
