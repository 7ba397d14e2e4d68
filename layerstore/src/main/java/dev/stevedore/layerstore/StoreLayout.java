package dev.stevedore.layerstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creating and checking a store root: an empty directory (or none) becomes an empty OCI image
 * layout; an existing one must say {@code imageLayoutVersion} 1.x; anything else is refused
 * rather than written into.
 */
final class StoreLayout {
    private static final String LAYOUT_VERSION = "1.0.0";

    private StoreLayout() {
    }

    /** Checks the root and creates {@code .stevedore/}, where the lock file goes. No lock yet. */
    static void prepareRoot(StorePaths paths) {
        Path root = paths.root();
        try {
            if (Files.exists(root)) {
                if (!Files.isDirectory(root)) {
                    throw new InvalidLayoutException(root, "is not a directory");
                }
                if (!Files.exists(paths.ociLayout()) && !Files.exists(paths.metadata()) && !isEmpty(root)) {
                    throw new InvalidLayoutException(root, "the directory is not empty and has no oci-layout file;"
                            + " refusing to make a store in it");
                }
            }
            Files.createDirectories(paths.metadata());
        } catch (IOException e) {
            throw new StoreIOException("create the store", root, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Creates what is missing of the layout and metadata directories; under the store lock. */
    static void init(StorePaths paths) {
        try {
            for (Path dir : new Path[] {paths.ingest(), paths.leases(), paths.holds(), paths.blobs().resolve("sha256")}) {
                Files.createDirectories(dir);
            }
            if (Files.exists(paths.ociLayout())) {
                checkLayoutVersion(paths);
            } else {
                DurableFiles.replace(paths.ingest(), paths.ociLayout(), layoutJson(), true);
            }
            if (!Files.exists(paths.indexJson())) {
                IndexRefs.writeEmpty(paths);
            }
        } catch (IOException e) {
            throw new StoreIOException("create the OCI image layout", paths.root(), e);
        }
    }

    private static void checkLayoutVersion(StorePaths paths) throws IOException {
        String version;
        try {
            JsonNode layout = StoreJson.parse(Files.readAllBytes(paths.ociLayout()));
            version = layout.path("imageLayoutVersion").asText("");
        } catch (IOException e) {
            throw new InvalidLayoutException(paths.ociLayout(), "not valid JSON: " + e.getMessage());
        }
        if (!version.startsWith("1.")) {
            throw new InvalidLayoutException(paths.ociLayout(), "unsupported imageLayoutVersion \"" + version
                    + "\" (supported: 1.x)");
        }
    }

    /** The {@code oci-layout} file's content: {@code {"imageLayoutVersion":"1.0.0"}}. */
    static byte[] layoutJson() {
        ObjectNode layout = StoreJson.object();
        layout.put("imageLayoutVersion", LAYOUT_VERSION);
        return StoreJson.bytes(layout);
    }
}
