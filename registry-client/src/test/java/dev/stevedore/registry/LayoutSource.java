package dev.stevedore.registry;

import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ManifestBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads blobs and the manifest of an OCI image layout, for pushes in tests. */
record LayoutSource(Path layout) implements BlobSource {
    @Override
    public InputStream open(Digest digest) throws IOException {
        return Files.newInputStream(layout.resolve("blobs").resolve(digest.blobPath()));
    }

    ManifestBytes manifest(Digest digest) {
        try {
            return ManifestBytes.parse(Files.readAllBytes(layout.resolve("blobs").resolve(digest.blobPath())),
                    Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] blob(Digest digest) {
        try {
            return Files.readAllBytes(layout.resolve("blobs").resolve(digest.blobPath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
