package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The other JVM of the multi-process tests, started by {@link ChildJvm}. Prints {@code ready}
 * once the store is open, progress lines the parent waits for, and {@code done} at the end.
 *
 * <ul>
 *   <li>{@code put-refs ROOT PREFIX COUNT DIGEST SIZE}: names the manifest COUNT times.</li>
 *   <li>{@code ingest-stdin ROOT DIGEST SIZE REPORT_AT}: ingests stdin as that blob, printing
 *       {@code consumed N} once N bytes were read.</li>
 *   <li>{@code images ROOT COUNT}: writes images {@code shared-i} under leases, names each and
 *       moves {@code moving}, collecting garbage every few images.</li>
 * </ul>
 */
final class StoreChild {
    private StoreChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try (LayerStore store = LayerStore.open(Path.of(args[1]))) {
            out.println("ready");
            out.flush();
            switch (args[0]) {
                case "put-refs" -> putRefs(store, args[2], Integer.parseInt(args[3]),
                        Descriptor.of(MediaType.OCI_MANIFEST, Digest.parse(args[4]), Long.parseLong(args[5])));
                case "ingest-stdin" -> ingestStdin(store, Descriptor.of(MediaType.OCI_LAYER_TAR,
                        Digest.parse(args[2]), Long.parseLong(args[3])), Long.parseLong(args[4]), out);
                case "images" -> images(store, Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        }
        out.println("done");
        out.flush();
    }

    static void putRefs(LayerStore store, String prefix, int count, Descriptor manifest) {
        for (int i = 0; i < count; i++) {
            store.refs().put(prefix + i, manifest);
        }
    }

    static void ingestStdin(LayerStore store, Descriptor expected, long reportAt, PrintStream out) {
        InputStream counting = new FilterInputStream(System.in) {
            private long count;
            private boolean reported;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count += n;
                    if (!reported && count >= reportAt) {
                        reported = true;
                        out.println("consumed " + count);
                        out.flush();
                    }
                }
                return n;
            }
        };
        try (Lease lease = store.lease(Duration.ofMinutes(10))) {
            store.blobs().ingest(counting, expected, lease);
        }
    }

    /** The same images, in the same way, as the parent JVM writes them. */
    static void images(LayerStore store, int count) {
        for (int i = 0; i < count; i++) {
            try (Lease lease = store.lease(Duration.ofMinutes(10))) {
                TestContent.TinyImage image = TestContent.image(store, lease, "shared-" + i);
                store.refs().put("shared-" + i, image.manifest());
                store.refs().put("moving", image.manifest());
            }
            if (i % 5 == 4) {
                store.gc(Duration.ZERO);
            }
        }
    }
}
