package dev.stevedore;

import dev.stevedore.layerstore.ChainId;
import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Creates a container's record ({@code docker create}): resolves (or pulls) the image, merges
 * its config with the request, checks mounts and network, picks a unique name, registers the
 * layer-store hold {@code container/<id>} that keeps the image, and writes the record.
 */
final class ContainerCreator {
    static final String HOLD_PREFIX = "container/";
    private static final Random NAMES = new Random();

    private final ContainerManager manager;

    ContainerCreator(ContainerManager manager) {
        this.manager = manager;
    }

    ContainerRecord create(ContainerRequest request) {
        Stevedore engine = manager.engine();
        Image image = engine.resolveForRun(request.image());
        String id = ContainerId.generate();
        String hostname = hostname(request, id);
        ConfigRun run;
        try {
            run = ConfigMerge.merge(image.config().config(), request, hostname);
        } catch (IllegalArgumentException e) {
            throw new ContainerStartException(request.name().orElse(request.image()), "cannot create a container of "
                    + request.image() + ": " + e.getMessage(), e);
        }
        checkMounts(request);
        checkNetwork(request);
        String hold = HOLD_PREFIX + id;
        ContainerRecords records = manager.records();
        try {
            // the directory first: a container hold whose directory does not exist is stale (see ImageCatalog)
            records.createDir(id);
            engine.store().holds().put(hold, blobs(image), Set.copyOf(chain(image)));
            List<Path> lowers = engine.lowerDirs(image);
            return records.lock().locked(() -> {
                Map<String, String> taken = new HashMap<>();
                for (ContainerRecord r : records.list()) {
                    taken.putIfAbsent(r.name(), r.id());
                }
                String name = request.name().orElseGet(() -> ContainerNames.generate(NAMES, taken::containsKey));
                if (taken.containsKey(name)) {
                    throw new ContainerConflictException(name, "the container name \"/" + name
                            + "\" is already in use by container " + taken.get(name)
                            + "; remove (or rename) that container to reuse the name");
                }
                ContainerRecord record = new ContainerRecord(id, name, image.id(), displayRef(request, image),
                        image.manifestDigest().toString(), run, lowers, request.mounts(), request.ports(), List.of(),
                        request.network(), request.networkAliases(), request.limits(), request.autoRemove(),
                        request.detached(), request.init(), request.stopTimeout(), Instant.now(),
                        ContainerStatus.CREATED, Optional.empty(), Optional.empty(), OptionalInt.empty(), false,
                        OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
                records.write(record);
                return record;
            });
        } catch (RuntimeException e) {
            try {
                engine.store().holds().remove(hold);
                records.delete(id);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private String hostname(ContainerRequest request, String id) {
        if (request.hostname().isPresent()) {
            return request.hostname().get();
        }
        if (request.network() instanceof NetworkMode.Host) {
            try {
                String host = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
                if (host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})")) {
                    return host;
                }
            } catch (IOException e) {
                // fall back to the short id
            }
        }
        if (request.network() instanceof NetworkMode.Joined j) {
            return manager.records().find(j.container()).map(r -> r.run().hostname())
                    .orElseThrow(() -> new ContainerNotFoundException(j.container(), manager.engine().home().toString()));
        }
        return ContainerId.shortOf(id);
    }

    private static String displayRef(ContainerRequest request, Image image) {
        if (request.image().equals(image.id()) && !image.references().isEmpty()) {
            return image.references().get(0);
        }
        return request.image();
    }

    private void checkMounts(ContainerRequest request) {
        for (ContainerMount m : request.mounts()) {
            if (m instanceof ContainerMount.Bind b && !Files.exists(b.source())) {
                throw new ContainerStartException(request.name().orElse(request.image()),
                        "invalid mount config for type \"bind\": bind source path does not exist: " + b.source(), null);
            }
        }
    }

    private void checkNetwork(ContainerRequest request) {
        if (request.network() instanceof NetworkMode.Named n && manager.networks().get(n.name()).isEmpty()) {
            throw new ContainerStartException(request.name().orElse(request.image()), "network " + n.name()
                    + " not found; create it with networks().create(\"" + n.name() + "\")", null);
        }
    }

    static Set<Digest> blobs(Image image) {
        Set<Digest> blobs = new HashSet<>();
        blobs.add(image.manifestDigest());
        blobs.add(image.configDigest());
        for (LayerRef l : image.layers()) {
            blobs.add(l.blob().digest());
        }
        return blobs;
    }

    static List<ChainId> chain(Image image) {
        return ChainId.chain(image.layers().stream().map(LayerRef::diffId).toList());
    }
}
