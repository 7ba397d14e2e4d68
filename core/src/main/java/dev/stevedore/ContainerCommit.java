package dev.stevedore;

import dev.stevedore.layerstore.Lease;
import dev.stevedore.layerstore.LayerSource;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.LayerWriter;
import dev.stevedore.layerstore.WrittenLayer;
import dev.stevedore.oci.ContainerConfig;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.History;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker commit}: the container's upper directory becomes one more layer over its
 * image's, and the container's merged configuration (entrypoint, command, environment,
 * working directory, user, exposed ports, labels) the new image's, with a history entry. The
 * upper directory is only read (its snapshot is unpacked again when the new image first runs),
 * so the container stays as it was; a running one is frozen meanwhile unless told otherwise.
 */
final class ContainerCommit {
    private final ContainerManager manager;

    ContainerCommit(ContainerManager manager) {
        this.manager = manager;
    }

    Image commit(ContainerRecord r, CommitOptions options) {
        LayerStore store = manager.engine().store();
        ImageManifest baseManifest;
        ImageConfig baseConfig;
        try {
            baseManifest = (ImageManifest) ManifestBytes.parse(read(store, Digest.parse(r.manifestDigest()))).document();
            baseConfig = ImageConfig.parse(read(store, baseManifest.config().digest()));
        } catch (IOException | RuntimeException e) {
            throw new ContainerException(r.id(), "cannot commit container " + r.id() + ": its image " + r.imageId()
                    + " cannot be read from the store: " + e.getMessage(), e);
        }
        Optional<Frozen> frozen = options.pause() ? freeze(r) : Optional.empty();
        Instant now = Instant.now();
        try (Lease lease = store.lease(Duration.ofHours(1))) {
            WrittenLayer layer;
            try {
                layer = store.writeLayer(LayerWriter.builder().build(), manager.records().upperDir(r.id()),
                        LayerSource.overlayUpper(), lease);
            } finally {
                frozen.ifPresent(Frozen::thaw);
            }
            ConfigRun run = r.run();
            ContainerConfig cc = baseConfig.config().withEnv(run.configEnv()).withEntrypoint(run.entrypoint())
                    .withCmd(run.cmd()).withWorkingDir(run.workdir())
                    .withExposedPorts(run.exposedPorts()).withLabels(run.labels());
            if (run.user().isPresent()) {
                cc = cc.withUser(run.user().get());
            }
            History step = History.of(now, String.join(" ", run.args()));
            if (options.message().isPresent()) {
                step = step.withComment(options.message().get());
            }
            ImageConfig next = baseConfig.withConfig(cc).withCreated(now).withLayer(layer.diffId(), step);
            if (options.author().isPresent()) {
                next = next.withAuthor(options.author().get());
            }
            Descriptor config = store.blobs().write(MediaType.OCI_CONFIG, next.toJson(), lease);
            List<Descriptor> layers = new ArrayList<>(baseManifest.layers());
            layers.add(layer.descriptor());
            ManifestBytes manifest = ManifestBytes.of(ImageManifest.of(config, layers));
            Descriptor stored = store.blobs().write(MediaType.OCI_MANIFEST, manifest.bytes(), lease);
            store.holds().put(ImageCatalog.danglingHold(stored.digest()), Set.of(stored.digest()), Set.of());
            String id = config.digest().toString();
            if (options.reference().isPresent()) {
                return manager.engine().images().tag(id, options.reference().get());
            }
            return manager.engine().images().inspect(id);
        }
    }

    private static byte[] read(LayerStore store, Digest digest) throws IOException {
        try (InputStream in = store.blobs().open(digest)) {
            return in.readAllBytes();
        }
    }

    /** A container frozen for the commit; {@code attached} when this commit found it through its state. */
    private record Frozen(Sandbox sandbox, boolean attached) {
        void thaw() {
            try {
                sandbox.resume();
            } catch (SandboxException e) {
                // it ended meanwhile
            }
            if (attached) {
                sandbox.close();
            }
        }
    }

    /** Freezes a running container we can reach; empty if it does not run, or runs attached to another JVM. */
    private Optional<Frozen> freeze(ContainerRecord r) {
        if (r.status() != ContainerStatus.RUNNING) {
            return Optional.empty();
        }
        Optional<LiveContainer> l = manager.live(r.id());
        try {
            if (l.isPresent()) {
                l.get().use(sandbox -> {
                    sandbox.pause();
                    return null;
                });
                return Optional.of(new Frozen(l.get().sandbox(), false));
            }
            if (r.detached()) {
                Sandbox s = manager.engine().sandboxRuntime().attach(manager.records().stateDir(r.id()));
                s.pause();
                return Optional.of(new Frozen(s, true));
            }
        } catch (SandboxException e) {
            // it ended meanwhile: nothing to freeze
        }
        return Optional.empty();
    }
}
