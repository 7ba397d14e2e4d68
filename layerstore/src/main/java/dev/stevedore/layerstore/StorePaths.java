package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import java.nio.file.Path;

/**
 * Where everything lives under a store root. The root is an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/<alg>/<hex>}); Stevedore's own metadata lives under
 * {@code .stevedore/}, which OCI tools ignore.
 *
 * <pre>
 * ROOT/oci-layout                {"imageLayoutVersion":"1.0.0"}
 * ROOT/index.json                refs: manifest descriptors named by org.opencontainers.image.ref.name
 * ROOT/blobs/sha256/HEX          committed, verified blobs
 * ROOT/.stevedore/lock           the store lock file, never opened for data
 * ROOT/.stevedore/ingest/        temp files (blob writes, metadata rewrites) on the same file system
 * ROOT/.stevedore/leases/ID.json leases: expiry and what was written under them
 * ROOT/.stevedore/holds/HEX.json named holds (HEX = sha256 of the name)
 * ROOT/.stevedore/snapshots/     unpacked layers (owned by the snapshot store)
 * </pre>
 *
 * @param root the store root, absolute and normalized
 */
record StorePaths(Path root) {
    /** The name of the metadata directory under the root. */
    static final String METADATA = ".stevedore";

    StorePaths {
        root = root.toAbsolutePath().normalize();
    }

    Path ociLayout() {
        return root.resolve("oci-layout");
    }

    Path indexJson() {
        return root.resolve("index.json");
    }

    Path blobs() {
        return root.resolve("blobs");
    }

    Path blob(Digest digest) {
        return blobs().resolve(digest.algorithm().id()).resolve(digest.encoded());
    }

    Path metadata() {
        return root.resolve(METADATA);
    }

    Path lockFile() {
        return metadata().resolve("lock");
    }

    Path ingest() {
        return metadata().resolve("ingest");
    }

    Path leases() {
        return metadata().resolve("leases");
    }

    Path holds() {
        return metadata().resolve("holds");
    }

    Path snapshots() {
        return metadata().resolve("snapshots");
    }
}
