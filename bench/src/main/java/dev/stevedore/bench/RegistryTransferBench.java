package dev.stevedore.bench;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.Platform;
import dev.stevedore.registry.BlobSource;
import dev.stevedore.registry.PushRequest;
import dev.stevedore.registry.RegistryClient;
import dev.stevedore.testing.LocalRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Side-by-side registry transfers (run by {@code bench/registry-transfer.sh}) on one loopback
 * {@code docker-registry} and one image of incompressible layers, every run cold (a fresh
 * destination directory for pulls, a fresh registry for pushes so that no tool can mount or
 * reuse a blob):
 *
 * <pre>
 * stevedore-pull   RegistryClient.pull into an OCI layout on disk (temp file, fsync, rename)
 * skopeo-pull      skopeo copy docker://... oci:DIR (its defaults)
 * skopeo-pull-pd   the same with --preserve-digests (less digest work on skopeo's side)
 * curl-ceiling     one curl per blob, all at once, to files: the registry's own ceiling
 * stevedore-push   RegistryClient.push from the OCI layout into a fresh registry
 * skopeo-push      skopeo copy --preserve-digests oci:DIR docker://... into a fresh registry (without it skopeo
 *                  would gzip the layers: other work)
 * </pre>
 *
 * <p>Runs are interleaved (the order flips every round) after a warm-up round; medians are
 * reported in MB/s (10^6 bytes), with CPU seconds per GB (the JVM's process CPU for Stevedore, GNU time's
 * user + system for skopeo), which other load on the machine skews less than wall time. The JVM's peak heap during Stevedore's runs is reported too:
 * run it with a small {@code -Xmx} to show it stays flat in the layer size. Arguments:
 * {@code WORKDIR ROUNDS LAYERS LAYER_MIB SYNC}.
 */
public final class RegistryTransferBench {
    private static final String REPO = "bench/image";

    private RegistryTransferBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args work directory, rounds, layer count, layer size in MiB, true to fsync pulled blobs
     * @throws Exception if a contestant fails
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int layers = Integer.parseInt(args[2]);
        int layerMib = Integer.parseInt(args[3]);
        boolean sync = Boolean.parseBoolean(args[4]);
        Path image = work.resolve("image");
        Image made = Image.write(image, layers, layerMib);
        long bytes = made.totalBytes();
        System.out.printf("image: %d layers of %d MiB + config, %.1f MB, incompressible%n", layers, layerMib, bytes / 1e6);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();
        long peakHeap = 0;
        long peakLive = 0;
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
            registry.push(image, "latest", REPO + ":1");
            List<String> order = new ArrayList<>(List.of("stevedore-pull", "skopeo-pull", "skopeo-pull-pd",
                    "curl-ceiling", "stevedore-push", "skopeo-push"));
            for (int round = 0; round <= rounds; round++) {
                for (String contestant : order) {
                    Path dir = work.resolve("r" + round + "-" + contestant);
                    resetPeaks();
                    sampler.reset();
                    long cpuBefore = OWN_CPU.getProcessCpuTime();
                    lastChildCpu = 0;
                    double s = run(contestant, registry, made, dir, sync, work);
                    double cpu = contestant.startsWith("stevedore")
                            ? (OWN_CPU.getProcessCpuTime() - cpuBefore) / 1e9 : lastChildCpu;
                    if (contestant.startsWith("stevedore")) {
                        peakHeap = Math.max(peakHeap, sampler.peak());
                        peakLive = Math.max(peakLive, liveAfterGc());
                    }
                    deleteTree(dir);
                    if (round > 0) {
                        seconds.computeIfAbsent(contestant, k -> new ArrayList<>()).add(s);
                        cpuSeconds.computeIfAbsent(contestant, k -> new ArrayList<>()).add(cpu);
                    }
                    System.out.printf("  %s %-15s %6.2f s  %7.1f MB/s  cpu %5.2f s%n",
                            round == 0 ? "warm-up" : "round " + round, contestant, s, bytes / 1e6 / s, cpu);
                }
                java.util.Collections.reverse(order);
            }
        }
        System.out.println();
        System.out.printf("%-15s %10s %10s %14s%n", "contestant", "median s", "MB/s", "cpu s per GB");
        Map<String, Double> mbps = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double median = median(e.getValue());
            mbps.put(e.getKey(), bytes / 1e6 / median);
            System.out.printf("%-15s %10.2f %10.1f %14s%n", e.getKey(), median, bytes / 1e6 / median,
                    e.getKey().startsWith("curl") ? "-" : String.format("%.2f", median(cpuSeconds.get(e.getKey())) / (bytes / 1e9)));
        }
        System.out.printf("pull: stevedore/skopeo = %.2fx by medians, %.2fx median of per-round ratios (curl ceiling"
                + " %.1f MB/s)%n", mbps.get("stevedore-pull") / mbps.get("skopeo-pull"),
                medianRatio(seconds.get("skopeo-pull"), seconds.get("stevedore-pull")), mbps.get("curl-ceiling"));
        System.out.printf("pull: stevedore/skopeo --preserve-digests = %.2fx by medians, %.2fx median of per-round"
                + " ratios%n", mbps.get("stevedore-pull") / mbps.get("skopeo-pull-pd"),
                medianRatio(seconds.get("skopeo-pull-pd"), seconds.get("stevedore-pull")));
        System.out.printf("push: stevedore/skopeo = %.2fx by medians, %.2fx median of per-round ratios%n",
                mbps.get("stevedore-push") / mbps.get("skopeo-push"),
                medianRatio(seconds.get("skopeo-push"), seconds.get("stevedore-push")));
        System.out.printf("stevedore heap: peak used %.1f MiB, peak live after GC %.1f MiB, -Xmx %.0f MiB,"
                + " for %d MiB layers%n", peakHeap / 1048576.0, peakLive / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, layerMib);
    }

    private static double run(String contestant, LocalRegistry registry, Image image, Path dir, boolean sync, Path work)
            throws Exception {
        long start;
        switch (contestant) {
            case "stevedore-pull": {
                Files.createDirectories(dir);
                start = System.nanoTime();
                try (RegistryClient client = RegistryClient.builder().parallelism(6).build()) {
                    LayoutFileSink sink = new LayoutFileSink(dir, sync);
                    var result = client.pull(ImageReference.parse(registry.reference(REPO + ":1")), Platform.host(), sink);
                    writeLayout(dir, result.image().manifest());
                }
                return (System.nanoTime() - start) / 1e9;
            }
            case "skopeo-pull":
            case "skopeo-pull-pd": {
                List<String> args = new ArrayList<>(List.of("copy", "--quiet", "--src-tls-verify=false"));
                if (contestant.endsWith("-pd")) {
                    args.add("--preserve-digests");
                }
                args.add("docker://" + registry.reference(REPO + ":1"));
                args.add("oci:" + dir + ":latest");
                return skopeo(work, args);
            }
            case "curl-ceiling": {
                Files.createDirectories(dir);
                StringBuilder script = new StringBuilder();
                for (Descriptor blob : image.blobs()) {
                    script.append("curl -sf -o '").append(dir.resolve(blob.digest().encoded())).append("' '")
                            .append(registry.baseUri()).append("v2/").append(REPO).append("/blobs/")
                            .append(blob.digest()).append("' & ");
                }
                script.append("wait");
                start = System.nanoTime();
                Process p = new ProcessBuilder("bash", "-c", script.toString()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("curl failed");
                }
                return (System.nanoTime() - start) / 1e9;
            }
            case "stevedore-push": {
                try (LocalRegistry target = LocalRegistry.anonymous().start();
                        RegistryClient client = RegistryClient.builder().parallelism(6).build()) {
                    BlobSource source = digest -> Files.newInputStream(image.dir().resolve("blobs").resolve(digest.blobPath()));
                    start = System.nanoTime();
                    client.push(ImageReference.parse(target.reference(REPO + ":1")), PushRequest.of(image.manifest(), source));
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            case "skopeo-push": {
                try (LocalRegistry target = LocalRegistry.anonymous().start()) {
                    // --preserve-digests: by default skopeo would gzip the uncompressed layers, which is other work
                    return skopeo(work, List.of("copy", "--quiet", "--preserve-digests", "--dest-tls-verify=false",
                            "oci:" + image.dir() + ":latest", "docker://" + target.reference(REPO + ":1")));
                }
            }
            default:
                throw new IllegalArgumentException(contestant);
        }
    }

    /** CPU seconds (user + system) of the last skopeo run, as GNU time reports them. */
    private static double lastChildCpu;
    private static final com.sun.management.OperatingSystemMXBean OWN_CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * Runs skopeo under GNU time with a private home, auth file and registries.conf (nothing of the
     * machine's configuration leaks in), and returns its wall time; its CPU time goes to {@link #lastChildCpu}.
     */
    private static double skopeo(Path work, List<String> args) throws Exception {
        Path home = Files.createDirectories(work.resolve("skopeo-home"));
        Path tmp = Files.createDirectories(work.resolve("skopeo-tmp"));
        Path auth = home.resolve("auth.json");
        Path conf = home.resolve("registries.conf");
        Path times = home.resolve("time.txt");
        Files.writeString(auth, "{\"auths\":{}}\n");
        Files.writeString(conf, "# no mirrors, no search registries\n");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString(),
                "skopeo", "--insecure-policy", "--tmpdir", tmp.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        for (String proxy : List.of("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")) {
            builder.environment().remove(proxy);
        }
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        builder.environment().put("REGISTRY_AUTH_FILE", auth.toString());
        builder.environment().put("CONTAINERS_REGISTRIES_CONF", conf.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("skopeo failed: " + command);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String[] cpu = Files.readString(times).trim().split("\\s+");
        lastChildCpu = Double.parseDouble(cpu[cpu.length - 2]) + Double.parseDouble(cpu[cpu.length - 1]);
        return wall;
    }

    /** What skopeo writes besides blobs: the manifest blob, index.json, oci-layout. */
    private static void writeLayout(Path dir, ManifestBytes manifest) throws IOException {
        Path blob = dir.resolve("blobs").resolve(manifest.digest().blobPath());
        Files.createDirectories(blob.getParent());
        Files.write(blob, manifest.bytes());
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + manifest.mediaType() + "\",\"digest\":\"" + manifest.digest() + "\",\"size\":" + manifest.size()
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The largest heap in use right after a collection during the last run: the live set. */
    private static long liveAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }

    /** Samples the heap in use every few milliseconds (garbage included). */
    private static final class HeapSampler extends Thread {
        private volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        void reset() {
            peak = 0;
        }

        long peak() {
            return peak;
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The median over rounds of {@code slower[i] / faster[i]}: the speed-up, round by round. */
    private static double medianRatio(List<Double> numerator, List<Double> denominator) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerator.size(); i++) {
            ratios.add(numerator.get(i) / denominator.get(i));
        }
        return median(ratios);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The benchmark image as an OCI layout: random layers, a config, a manifest tagged latest. */
    private record Image(Path dir, ManifestBytes manifest, List<Descriptor> blobs) {
        long totalBytes() {
            return blobs.stream().mapToLong(Descriptor::size).sum();
        }

        static Image write(Path dir, int layers, int layerMib) throws Exception {
            Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
            List<Descriptor> layerDescriptors = new ArrayList<>();
            List<String> diffIds = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(42);
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < layers; i++) {
                Path temp = blobs.resolve("layer.tmp");
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (OutputStream out = Files.newOutputStream(temp)) {
                    for (int m = 0; m < layerMib; m++) {
                        random.nextBytes(chunk);
                        sha.update(chunk);
                        out.write(chunk);
                    }
                }
                Digest digest = Digest.sha256(HexFormat.of().formatHex(sha.digest()));
                Files.move(temp, blobs.resolve(digest.encoded()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                layerDescriptors.add(Descriptor.of(MediaType.OCI_LAYER_TAR, digest, (long) layerMib << 20));
                diffIds.add("\"" + digest + "\"");
            }
            byte[] config = ("{\"architecture\":\"" + Platform.host().architecture() + "\",\"os\":\"linux\","
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]},\"config\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
            Descriptor configDescriptor = Descriptor.ofContent(MediaType.OCI_CONFIG, config);
            Files.write(blobs.resolve(configDescriptor.digest().encoded()), config);
            ManifestBytes manifest = ManifestBytes.of(ImageManifest.of(configDescriptor, layerDescriptors));
            Files.write(blobs.resolve(manifest.digest().encoded()), manifest.bytes());
            writeLayout(dir, manifest);
            List<Descriptor> all = new ArrayList<>();
            all.add(configDescriptor);
            all.addAll(layerDescriptors);
            return new Image(dir, manifest, all);
        }
    }
}
