package dev.stevedore.bench;

import dev.stevedore.layerstore.LayerSource;
import dev.stevedore.layerstore.LayerWriter;
import dev.stevedore.layerstore.WrittenLayer;
import dev.stevedore.oci.Compression;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side-by-side layer creation (run by {@code bench/layer-write.sh}): Stevedore's
 * {@link LayerWriter} from a warm JVM against shell pipelines doing the same work, each
 * producing the uncompressed tar's SHA-256 (diff ID) and the compressed stream's SHA-256
 * (digest) with nothing written to disk:
 *
 * <pre>
 * stevedore-gzip   LayerWriter gzip level 6, one thread per core
 * pigz             tar -c | tee >(sha256sum) | pigz -6 | sha256sum   (the tee target as a named pipe)
 * gzip             tar -c | tee >(sha256sum) | gzip -6 | sha256sum
 * stevedore-zstd   LayerWriter zstd level 3, one worker per core
 * zstd             tar -c | tee >(sha256sum) | zstd -3 -T0 | sha256sum
 * </pre>
 *
 * <p>The contestants run interleaved (A B C D E, A B C D E, ...) after a warm-up round, so
 * drift hits all alike; medians are reported, with the CPU time each run used (the JVM's
 * process CPU time; the pipeline processes' user + system time from bash's {@code times}),
 * which other load on the machine does not skew the way it skews wall times. Arguments:
 * {@code TREE ROUNDS LABEL [CONTESTANT,...]}.
 */
public final class LayerWriteBench {
    /**
     * {@code tee >(sha256sum)} as a named pipe, so that the script can wait for that hash too
     * (bash does not wait for a process substitution inside a pipeline).
     */
    private static final String HASHED_TAR = "f=$(mktemp -u); mkfifo \"$f\"; sha256sum < \"$f\" > /dev/null & h=$!; "
            + "tar -C \"$1\" -cf - . | tee \"$f\" | ";
    private static final String END = " | sha256sum > /dev/null; wait $h; rm -f \"$f\"";
    private static final Map<String, String> PIPELINES = Map.of(
            "pigz", HASHED_TAR + "pigz -6" + END,
            "gzip", HASHED_TAR + "gzip -6" + END,
            "zstd", HASHED_TAR + "zstd -q -3 -T0" + END);

    private LayerWriteBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args tree, rounds, label (such as "disk" or "tmpfs")
     * @throws Exception if a contestant fails
     */
    public static void main(String[] args) throws Exception {
        Path tree = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String label = args[2];
        List<String> contestants = args.length > 3 ? List.of(args[3].split(","))
                : List.of("stevedore-gzip", "pigz", "gzip", "stevedore-zstd", "zstd");
        LayerWriter gzip = LayerWriter.builder().compression(Compression.GZIP).gzipLevel(6).build();
        LayerWriter zstd = LayerWriter.builder().compression(Compression.ZSTD).zstdLevel(3).build();

        // warm-up: page cache, JIT, and the compressed sizes of every contestant
        Map<String, Long> sizes = new LinkedHashMap<>();
        WrittenLayer gz = gzip.write(tree, LayerSource.tree(), OutputStream.nullOutputStream());
        gz = gzip.write(tree, LayerSource.tree(), OutputStream.nullOutputStream());
        WrittenLayer zst = zstd.write(tree, LayerSource.tree(), OutputStream.nullOutputStream());
        sizes.put("stevedore-gzip", gz.size());
        sizes.put("stevedore-zstd", zst.size());
        for (String peer : contestants.stream().filter(PIPELINES::containsKey).toList()) {
            sizes.put(peer, Long.parseLong(shell(PIPELINES.get(peer).replace(END, " | wc -c; wait $h; rm -f \"$f\""),
                    tree).strip().split("\n")[0].trim()));
        }
        long tarBytes = gz.uncompressedSize();
        double megabytes = tarBytes / 1e6;

        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        contestants.forEach(c -> seconds.put(c, new ArrayList<>()));
        contestants.forEach(c -> cpu.put(c, new ArrayList<>()));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 0; round < rounds; round++) {
            for (String c : contestants) {
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                double cpuSeconds;
                switch (c) {
                    case "stevedore-gzip" -> gzip.write(tree, LayerSource.tree(), OutputStream.nullOutputStream());
                    case "stevedore-zstd" -> zstd.write(tree, LayerSource.tree(), OutputStream.nullOutputStream());
                    default -> { }
                }
                if (PIPELINES.containsKey(c)) {
                    cpuSeconds = childrenCpu(shell(PIPELINES.get(c) + "; times", tree));
                } else {
                    cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                }
                seconds.get(c).add((System.nanoTime() - start) / 1e9);
                cpu.get(c).add(cpuSeconds);
            }
        }

        System.out.printf("== %s: tree %s, tar %.1f MB, %d rounds, %d cores ==%n", label, tree, megabytes, rounds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-15s %9s %9s %9s %10s %12s %8s %10s%n", "contestant", "median s", "min s", "max s", "MB/s",
                "output MB", "ratio", "CPU s");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String c : contestants) {
            List<Double> t = seconds.get(c);
            double median = median(t);
            medians.put(c, median);
            System.out.printf("%-15s %9.2f %9.2f %9.2f %10.1f %12.1f %8.3f %10.2f%n", c, median,
                    t.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    t.stream().mapToDouble(Double::doubleValue).max().orElse(0), megabytes / median,
                    sizes.get(c) / 1e6, sizes.get(c) / (double) tarBytes, median(cpu.get(c)));
        }
        compare(medians, seconds, cpu, "stevedore-gzip", "pigz", "1.2x");
        compare(medians, seconds, cpu, "stevedore-gzip", "gzip", "1.8x");
        compare(medians, seconds, cpu, "stevedore-zstd", "zstd", "1.0x");
        for (String c : contestants) {
            System.out.printf("rounds %-15s %s%n", c, seconds.get(c).stream().map(v -> String.format("%.2f", v)).toList());
        }
    }

    /** The throughput ratio of the medians, and the median of the per-round ratios (A and B ran back to back). */
    private static void compare(Map<String, Double> medians, Map<String, List<Double>> seconds,
            Map<String, List<Double>> cpu, String ours, String peer, String target) {
        if (!medians.containsKey(ours) || !medians.containsKey(peer)) {
            return;
        }
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < seconds.get(ours).size(); i++) {
            perRound.add(seconds.get(peer).get(i) / seconds.get(ours).get(i));
        }
        System.out.printf("%s vs %s pipeline: %.2fx throughput (medians), %.2fx (median of per-round ratios),"
                + " target >= %s; CPU time %.2fx less%n", ours, peer, medians.get(peer) / medians.get(ours),
                median(perRound), target, median(cpu.get(peer)) / median(cpu.get(ours)));
    }

    /** The children's user + system time from the output of bash's {@code times} (its last line). */
    private static double childrenCpu(String timesOutput) {
        String[] lines = timesOutput.strip().split("\n");
        double total = 0;
        for (String field : lines[lines.length - 1].trim().split("\\s+")) {
            int m = field.indexOf('m');
            total += Double.parseDouble(field.substring(0, m)) * 60 + Double.parseDouble(field.substring(m + 1,
                    field.length() - 1));
        }
        return total;
    }

    private static String shell(String script, Path tree) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + script, "bash", tree.toString())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(script + " exited " + code + ": " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
