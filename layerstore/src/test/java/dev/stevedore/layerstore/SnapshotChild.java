package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A second JVM that prepares snapshots, for {@link SnapshotsCrossProcessTest}: it stalls its
 * unpack after some compressed bytes, prints {@code stalled}, then hangs (to be killed) or waits
 * for a line on stdin, and prints what it prepared and how many blobs it opened.
 *
 * <pre>
 * SnapshotChild SNAPSHOT_DIR BLOB_DIR LOCK_FILE STALL_AFTER (hang|stdin) DIGEST=DIFF_ID...
 * </pre>
 */
public final class SnapshotChild {
    private SnapshotChild() {}

    public static void main(String[] args) throws Exception {
        SnapshotTestBlobReader blobs = new SnapshotTestBlobReader(Path.of(args[1]));
        SnapshotTestStoreLock lock = SnapshotTestStoreLock.acrossJvms(Path.of(args[2]));
        long stallAfter = Long.parseLong(args[3]);
        boolean hang = args[4].equals("hang");
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        blobs.stallAfter(stallAfter, () -> {
            System.out.println("stalled");
            System.out.flush();
            try {
                if (hang) {
                    Thread.sleep(Long.MAX_VALUE);
                }
                stdin.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<LayerRef> layers = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String[] parts = args[i].split("=");
            Digest digest = Digest.parse(parts[0]);
            long size = Files.size(Path.of(args[1]).resolve(digest.encoded()));
            layers.add(new LayerRef(Descriptor.of(MediaType.OCI_LAYER_TAR_GZIP, digest, size), Digest.parse(parts[1])));
        }
        Snapshots snapshots = new Snapshots(Path.of(args[0]), blobs, lock);
        System.out.println("opened");
        System.out.flush();
        List<Path> lowers = snapshots.prepare(layers);
        System.out.println("prepared " + lowers);
        System.out.println("opens " + blobs.opens());
        System.out.println("done");
        System.out.flush();
    }
}
