package dev.stevedore.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageConfig;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.sandbox.CgroupLayout;
import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.HostFeatures;
import dev.stevedore.sandbox.Limits;
import dev.stevedore.sandbox.ProcessSpec;
import dev.stevedore.sandbox.Rootfs;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxRuntime;
import dev.stevedore.sandbox.SandboxSpec;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.BusyboxRootfs;
import dev.stevedore.testing.LocalRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main job until the builder and the CLI exist: prints what this machine offers
 * Stevedore, runs busybox in a sandbox, starts a local registry, pushes the busybox base image
 * to it and prints that image's config as read back from the registry.
 *
 * <pre>{@code
 * scripts/demo
 * }</pre>
 */
public final class Preflight {
    private static final String REPOSITORY = "stevedore/busybox";
    private static final String TAG = "latest";

    private final PrintStream out;

    Preflight(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the preflight and prints its report to standard output.
     *
     * @param args ignored
     * @throws Exception if the registry cannot be started or the image cannot be read back
     */
    public static void main(String[] args) throws Exception {
        new Preflight(System.out).run();
    }

    /**
     * Prints the host report, runs a command in a sandbox when this machine can, then pushes
     * busybox and prints its config as the registry serves it.
     */
    ImageConfig run() throws IOException, InterruptedException {
        HostFeatures host = HostFeatures.detect();
        printHost(host);
        Path work = Files.createTempDirectory("stevedore-preflight-");
        if (host.root() && host.missingNamespaces().isEmpty()) {
            runSandbox(work);
        }
        try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
            out.println();
            out.println("== registry ==");
            out.println("docker-registry pid " + registry.pid() + " at " + registry.baseUri());
            BusyboxImage image = BusyboxImage.writeTo(work.resolve("busybox"));
            String pushed = image.pushTo(registry, REPOSITORY + ":" + TAG);
            out.println("pushed " + pushed + " (skopeo copy oci:… docker://…)");
            return readBack(registry.baseUri(), image);
        } finally {
            deleteTree(work);
        }
    }

    /** Runs busybox in a sandbox with Docker's defaults, as the tutorial's first container. */
    private void runSandbox(Path work) throws InterruptedException {
        Path rootfs = BusyboxRootfs.createIn(work.resolve("rootfs")).root();
        SandboxSpec spec = SandboxSpec.builder(work.resolve("sandbox"), Rootfs.directory(rootfs),
                        ProcessSpec.of("sh", "-c", "echo \"hello from $(hostname), pid $$, as $(id -un)\""))
                .hostname("preflight")
                .limits(Limits.builder().memoryBytes(64L << 20).pids(100).build())
                .build();
        out.println();
        out.println("== sandbox ==");
        long start = System.nanoTime();
        try (SandboxRuntime runtime = SandboxRuntime.create(); Sandbox box = runtime.start(spec)) {
            ExitStatus status = box.waitFor();
            out.print(new String(box.stdout(), StandardCharsets.UTF_8));
            out.printf("exit code %d after %.1f ms (namespaces, cgroup, seccomp, pivot_root, exec, wait)%n",
                    status.exitCode(), (System.nanoTime() - start) / 1e6);
        }
    }

    private void printHost(HostFeatures host) {
        out.println("== host ==");
        out.println("kernel:       " + host.kernelRelease() + " (" + host.architecture() + ")");
        out.println("root:         " + (host.root() ? "yes" : "no — 0.1 needs root to run containers"));
        out.println("overlayfs:    " + (host.overlay() ? "yes" : "no — containers will use the copying snapshotter"));
        out.println("namespaces:   " + String.join(" ", host.namespaces().stream()
                .filter(n -> !n.endsWith("_for_children")).sorted().toList())
                + (host.missingNamespaces().isEmpty() ? "" : " (missing: " + host.missingNamespaces() + ")"));
        CgroupLayout cgroups = host.cgroups();
        out.println("cgroups:      " + cgroups.mode().name().toLowerCase()
                + cgroups.unifiedMount().map(p -> ", cgroup2 at " + p).orElse(""));
        out.println("  on v1:      " + (cgroups.v1Controllers().isEmpty() ? "-"
                : String.join(" ", cgroups.v1Controllers().keySet().stream().sorted().toList())));
        out.println("  on v2:      " + (cgroups.v2Controllers().isEmpty() ? "-"
                : String.join(" ", cgroups.v2Controllers().stream().sorted().toList())));
        boolean ready = host.root() && host.missingNamespaces().isEmpty();
        out.println("sandbox:      " + (ready ? "can run containers" : "cannot run containers here"));
    }

    private ImageConfig readBack(URI base, BusyboxImage image) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        HttpResponse<byte[]> manifestResponse = get(http, base.resolve("/v2/" + REPOSITORY + "/manifests/" + TAG),
                String.join(",", MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST));
        ManifestBytes manifest = ManifestBytes.parse(manifestResponse.body(),
                manifestResponse.headers().firstValue("Content-Type"));
        Digest expected = image.manifestDigest();
        if (!manifest.matches(expected)) {
            throw new IOException("the registry served manifest " + manifest.digest() + ", but " + expected + " was pushed");
        }
        if (!(manifest.document() instanceof ImageManifest imageManifest)) {
            throw new IOException("the registry served an index where an image manifest was pushed");
        }
        Digest configDigest = imageManifest.config().digest();
        byte[] configBytes = get(http, base.resolve("/v2/" + REPOSITORY + "/blobs/" + configDigest), "*/*").body();
        Digest served = Digest.of(configBytes);
        if (!served.equals(configDigest)) {
            throw new IOException("config blob " + configDigest + " came back with digest " + served);
        }
        ImageConfig config = ImageConfig.parse(configBytes);

        out.println();
        out.println("== image read back from the registry ==");
        out.println("manifest:     " + manifest.digest() + " (" + manifest.mediaType() + ", " + manifest.size() + " bytes)");
        out.println("config:       " + configDigest + " (" + configBytes.length + " bytes)");
        out.println("layers:       " + imageManifest.layers().size() + ", diff_ids " + config.rootfs().diffIds());
        out.println("platform:     " + config.platform());
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new ObjectMapper().readTree(configBytes)));
        return config;
    }

    private static HttpResponse<byte[]> get(HttpClient http, URI uri, String accept)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
