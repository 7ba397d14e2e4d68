package dev.stevedore.bench;

import dev.stevedore.layerstore.ApplyMode;
import dev.stevedore.layerstore.ApplyOptions;
import dev.stevedore.layerstore.ApplyResult;
import dev.stevedore.layerstore.LayerApplier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side-by-side layer unpack (run by {@code bench/layer-unpack.sh}): Stevedore's
 * {@link LayerApplier} in overlay format, computing the diff ID, against
 * {@code pigz -dc | tar -x}, on the same gzip layer, each extraction into a fresh directory,
 * interleaved (A B, then B A) so drift hits both alike, dirty pages written back ({@code sync})
 * and the layer's pages read before every run so each starts from the same state, and the
 * extracted trees deleted only after the timed runs (deleting right before creating slows file
 * creation on some disks). Neither side fsyncs.
 *
 * <p>{@code generate DIR SIZE_MB} writes the source tree: deterministic, mixed like a real
 * image layer (many small files, some medium, a few large; text-like and incompressible
 * content; directories, symbolic and hard links).
 *
 * <p>{@code run LAYER DIFF_ID ROUNDS NAME=DIR...} times both on each named file system.
 */
public final class LayerUnpackBench {
    private LayerUnpackBench() {}

    /**
     * Generates the tree or runs the benchmark.
     *
     * @param args {@code generate DIR SIZE_MB} or {@code run LAYER DIFF_ID ROUNDS NAME=DIR...}
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]) << 20);
        } else {
            run(Path.of(args[1]), args[2], Integer.parseInt(args[3]), List.of(args).subList(4, args.length));
        }
    }

    // ---- the source tree ---------------------------------------------------------------------

    private static void generate(Path root, long bytes) throws IOException {
        Random random = new Random(42);
        byte[][] words = new byte[1500][];
        for (int i = 0; i < words.length; i++) {
            words[i] = new byte[2 + random.nextInt(9)];
            for (int j = 0; j < words[i].length; j++) {
                words[i][j] = (byte) ('a' + random.nextInt(26));
            }
        }
        List<Path> dirs = new ArrayList<>();
        dirs.add(root);
        for (int i = 0; i < 40; i++) {
            Path d = root.resolve(String.format("d%02d", i));
            dirs.add(d);
            for (int j = 0, n = 5 + random.nextInt(11); j < n; j++) {
                Path s = d.resolve(String.format("s%02d", j));
                dirs.add(s);
                for (int k = 0, m = random.nextInt(5); k < m; k++) {
                    dirs.add(s.resolve("t" + k));
                }
            }
        }
        for (Path d : dirs) {
            Files.createDirectories(d);
        }
        // about 20% of the bytes in small files, 40% medium, 40% large
        double scale = bytes / (520.0 * (1 << 20));
        List<Path> files = new ArrayList<>();
        long total = 0;
        total += files(random, dirs, files, words, (int) (25_000 * scale), 0, 8192);
        total += files(random, dirs, files, words, (int) (2_000 * scale), 16 << 10, 192 << 10);
        total += files(random, dirs, files, words, Math.max(1, (int) (20 * scale)), 5 << 20, 15 << 20);
        for (int i = 0; i < 2000 * scale; i++) {
            Path d = dirs.get(random.nextInt(dirs.size()));
            Files.createSymbolicLink(d.resolve("l" + i), d.relativize(files.get(random.nextInt(files.size()))));
        }
        for (int i = 0; i < 500 * scale; i++) {
            Path d = dirs.get(random.nextInt(dirs.size()));
            Files.createLink(d.resolve("h" + i), files.get(random.nextInt(files.size())));
        }
        System.out.printf("generated %d directories, %d files, %d MiB%n", dirs.size(), files.size(), total >> 20);
    }

    private static long files(Random random, List<Path> dirs, List<Path> files, byte[][] words, int count, int min,
            int max) throws IOException {
        long total = 0;
        for (int i = 0; i < count; i++) {
            Path file = dirs.get(random.nextInt(dirs.size())).resolve("f" + files.size());
            int size = min + random.nextInt(max - min + 1);
            byte[] content = new byte[size];
            if (random.nextInt(5) == 0) {
                random.nextBytes(content); // like compressed or encrypted data
            } else {
                for (int pos = 0; pos < size; ) {
                    byte[] w = words[random.nextInt(words.length)];
                    int n = Math.min(w.length, size - pos);
                    System.arraycopy(w, 0, content, pos, n);
                    pos += n;
                    if (pos < size) {
                        content[pos++] = (byte) (random.nextInt(12) == 0 ? '\n' : ' ');
                    }
                }
            }
            Files.write(file, content);
            files.add(file);
            total += size;
        }
        return total;
    }

    // ---- the timed runs ----------------------------------------------------------------------

    private static void run(Path layer, String diffId, int rounds, List<String> targets) throws Exception {
        LayerApplier applier = LayerApplier.of(ApplyOptions.of(ApplyMode.OVERLAY));
        System.out.printf("layer %s: %d MiB compressed, diff ID %s%n", layer, Files.size(layer) >> 20, diffId);
        for (String target : targets) {
            String name = target.substring(0, target.indexOf('='));
            Path base = Path.of(target.substring(target.indexOf('=') + 1));
            Files.createDirectories(base);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            times.put("stevedore", new ArrayList<>());
            times.put("pigz|tar", new ArrayList<>());
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            cpu.put("stevedore", new ArrayList<>());
            cpu.put("pigz|tar", new ArrayList<>());
            int run = 0;
            for (int round = -1; round < rounds; round++) { // round -1 warms up the JIT and the caches
                List<String> order = round % 2 == 0 ? List.of("stevedore", "pigz|tar") : List.of("pigz|tar", "stevedore");
                for (String tool : order) {
                    Path dir = Files.createDirectory(base.resolve("run-" + run++));
                    shell("sync"); // no run pays for the previous one's writeback
                    warm(layer);
                    long start = System.nanoTime();
                    double cpuSeconds;
                    if (tool.equals("stevedore")) {
                        long cpuStart = processCpuNanos();
                        ApplyResult result;
                        try (InputStream in = Files.newInputStream(layer)) {
                            result = applier.apply(in, dir);
                        }
                        cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                        if (!result.diffId().toString().equals(diffId)) {
                            throw new IllegalStateException("diff ID " + result.diffId() + ", expected " + diffId);
                        }
                    } else {
                        String out = shell("set -o pipefail; pigz -dc '" + layer + "' | tar -x -C '" + dir + "'; times");
                        cpuSeconds = childCpuSeconds(out);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (round >= 0) {
                        times.get(tool).add(seconds);
                        cpu.get(tool).add(cpuSeconds);
                    }
                }
            }
            report(name, times, cpu);
            shell("rm -rf '" + base + "'/run-*");
        }
    }

    private static void report(String fs, Map<String, List<Double>> times, Map<String, List<Double>> cpu) {
        double stevedore = median(times.get("stevedore"));
        double tar = median(times.get("pigz|tar"));
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            List<Double> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            System.out.printf("%-6s %-10s median %6.3f s  min %6.3f s  max %6.3f s  cpu (user+sys) median %6.3f s"
                    + "  (%d runs)%n", fs, e.getKey(), median(sorted), sorted.get(0), sorted.get(sorted.size() - 1),
                    median(cpu.get(e.getKey())), sorted.size());
        }
        System.out.printf("%-6s stevedore / pigz|tar = %.2f (wall, medians)%n", fs, stevedore / tar);
    }

    /** CPU time of this whole JVM (every thread: the applier's two, GC, JIT). */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** The children's user and system time from bash's {@code times} (second line: "0m1.234s 0m0.567s"). */
    private static double childCpuSeconds(String timesOutput) {
        String[] lines = timesOutput.trim().split("\n");
        String[] parts = lines[lines.length - 1].trim().split("\\s+");
        return seconds(parts[0]) + seconds(parts[1]);
    }

    private static double seconds(String minutesSeconds) {
        int m = minutesSeconds.indexOf('m');
        return Integer.parseInt(minutesSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesSeconds.substring(m + 1, minutesSeconds.length() - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void warm(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); OutputStream sink = OutputStream.nullOutputStream()) {
            in.transferTo(sink);
        }
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
        return out;
    }
}
