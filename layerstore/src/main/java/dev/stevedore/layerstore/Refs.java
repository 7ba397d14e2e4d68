package dev.stevedore.layerstore;

import dev.stevedore.oci.Descriptor;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Names for images: each ref is a manifest (or index) descriptor in the store root's
 * {@code index.json}, named by its {@code org.opencontainers.image.ref.name} annotation, so
 * {@code skopeo inspect oci:ROOT:NAME} and {@code umoci unpack --image ROOT:NAME} find it. Refs
 * are GC roots. Changes rewrite {@code index.json} atomically under the store lock, so
 * concurrent updates from several threads or processes are never lost.
 *
 * <p>Names follow the OCI image-layout grammar: components of letters and digits joined by
 * {@code - . _ : @ +} (or {@code --}), separated by {@code /}. Tags ({@code latest}), full
 * references ({@code docker.io/library/busybox:1.36}) and digest references
 * ({@code busybox@sha256:...}) all qualify.
 *
 * <pre>{@code
 * store.refs().put("docker.io/library/busybox:latest", manifest);
 * Optional<Descriptor> image = store.refs().get("docker.io/library/busybox:latest");
 * }</pre>
 */
public interface Refs {
    /** The annotation that names a manifest in an image layout's {@code index.json}. */
    String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

    /**
     * Points {@code name} at a descriptor, replacing what it pointed at. The blob must be in the
     * store (write it under a lease first, then put the ref, then close the lease).
     *
     * @param name the ref name
     * @param target the manifest or index descriptor; stored with the name annotation added
     * @throws IllegalArgumentException if the name is not valid or the size differs from the blob's
     * @throws BlobNotFoundException if the blob is not in the store
     */
    void put(String name, Descriptor target);

    /**
     * Sets several refs with one rewrite of {@code index.json}; see {@link #put}.
     *
     * @param targets descriptors by ref name
     */
    void putAll(Map<String, Descriptor> targets);

    /**
     * Looks a ref up.
     *
     * @param name the ref name
     * @return its descriptor (with the name annotation), or empty if there is no such ref
     */
    Optional<Descriptor> get(String name);

    /**
     * Returns every named ref. The map cannot be changed; while the refs do not change, the same
     * map may be returned again, so what a caller derived from it holds as long as it gets that
     * map (the same instance) back.
     *
     * @return descriptors by ref name, sorted by name
     */
    SortedMap<String, Descriptor> list();

    /**
     * Removes a ref; its content stays until GC finds nothing else keeps it.
     *
     * @param name the ref name
     * @return whether there was such a ref
     */
    boolean delete(String name);

    /**
     * Whether a string is a valid ref name.
     *
     * @param name the candidate
     * @return true if it follows the OCI image-layout ref grammar
     */
    static boolean isValidName(String name) {
        return RefNames.isValid(name);
    }
}
