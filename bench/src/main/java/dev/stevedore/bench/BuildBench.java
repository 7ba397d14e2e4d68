package dev.stevedore.bench;

import dev.stevedore.BuildListener;
import dev.stevedore.BuildStep;
import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.testing.BusyboxImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Side-by-side image build benchmark (run by {@code bench/build.sh}): one reference multi-stage
 * Dockerfile built by Stevedore (library in this JVM, and the {@code stevedore build} command,
 * a new JVM each time) and by {@code buildah bud}, interleaved round by round, medians printed.
 *
 * <p>Each round: a fresh Stevedore home and a fresh buildah root with busybox imported (untimed);
 * then, alternating the two tools: a cold build; a rebuild after editing one context file (only
 * the {@code COPY . /src} step and what follows should rerun); a fully cached rebuild (Stevedore
 * from the warm engine; buildah is a new process anyway); and a fully cached rebuild through
 * {@code scripts/stevedore build} after the library engine is closed.
 *
 * <p>Arguments: {@code WORKDIR ROUNDS STEVEDORE_LAUNCHER}; system properties
 * {@code buildah.driver} (overlay or vfs), {@code warmup} (rounds not counted, default 1).
 */
public final class BuildBench {
    private static final String DRIVER = System.getProperty("buildah.driver", "overlay");
    private static final int WARMUP = Integer.getInteger("warmup", 1);
    private static final int CONTEXT_DIRS = 6;
    private static final int CONTEXT_FILES_PER_DIR = 500;
    private static final String EDITED = "d3/f250.txt";

    static final String DOCKERFILE = """
            FROM busybox:latest AS build
            RUN mkdir /out && cd /out && for i in $(seq 1 2000); do echo $i > f$i; done
            RUN mkdir -p /gen/a /gen/b && for i in $(seq 1 1500); do echo "a $i" > /gen/a/x$i; echo "b $i" > /gen/b/y$i; done
            RUN dd if=/dev/urandom of=/big bs=1M count=50 2>/dev/null
            COPY . /src
            RUN cd /src && find . -type f | wc -l > /out/count && cat /src/d3/f250.txt > /out/edited
            RUN tar -cf /out/src.tar -C /src d0 d1

            FROM busybox:latest
            COPY --from=build /out /app/out
            COPY --from=build /big /app/big
            COPY --from=build /gen/a /app/gen
            COPY --from=build /src/d2 /app/d2
            CMD ["cat", "/app/out/count"]
            """;

    private BuildBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args work dir, rounds, path of {@code scripts/stevedore}
     * @throws Exception if a build fails
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String launcher = args[2];
        Path context = work.resolve("context");
        writeContext(context);
        Path layout = work.resolve("busybox-layout");
        BusyboxImage.writeTo(layout);

        String[] cases = {"cold", "edit", "cached", "cli-cached"};
        Map<String, List<Double>> st = new LinkedHashMap<>();
        Map<String, List<Double>> bh = new LinkedHashMap<>();
        for (String c : cases) {
            st.put(c, new ArrayList<>());
            bh.put(c, new ArrayList<>());
        }
        StepTimes coldSteps = new StepTimes();
        StepTimes editSteps = new StepTimes();
        StepTimes cachedSteps = new StepTimes();
        for (int r = 0; r < WARMUP + rounds; r++) {
            boolean counted = r >= WARMUP;
            String tag = counted ? "round " + (r - WARMUP + 1) : "warm-up";
            Files.writeString(context.resolve(EDITED), original(EDITED));
            Path home = work.resolve("st-home-" + r);
            Path root = work.resolve("bh-root-" + r);
            Path runroot = work.resolve("bh-runroot-" + r);
            List<String> bud = buildahSetup(root, runroot, layout, context);

            String[] rowS = new String[4];
            String[] rowB = new String[4];
            Stevedore engine = Stevedore.builder().home(home).build();
            try {
                engine.images().importFrom(layout, "busybox");
                // alternate who goes first, so neither always runs on the other's page cache
                boolean stFirst = r % 2 == 0;
                double s;
                double b;
                if (stFirst) {
                    s = stevedore(engine, context, counted ? coldSteps.reset() : null);
                    b = run(bud, "buildah cold");
                } else {
                    b = run(bud, "buildah cold");
                    s = stevedore(engine, context, counted ? coldSteps.reset() : null);
                }
                record(counted, st, bh, "cold", s, b, rowS, rowB, 0);

                Files.writeString(context.resolve(EDITED), original(EDITED) + "edited in round " + r + "\n");
                if (stFirst) {
                    s = stevedore(engine, context, counted ? editSteps.reset() : null);
                    b = run(bud, "buildah edit");
                } else {
                    b = run(bud, "buildah edit");
                    s = stevedore(engine, context, counted ? editSteps.reset() : null);
                }
                record(counted, st, bh, "edit", s, b, rowS, rowB, 1);

                // fully cached: three tries each, the median of them counts as the round's figure
                List<Double> cs = new ArrayList<>();
                List<Double> cb = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                    cs.add(stevedore(engine, context, counted && k == 2 ? cachedSteps.reset() : null));
                    cb.add(run(bud, "buildah cached"));
                }
                record(counted, st, bh, "cached", median(cs), median(cb), rowS, rowB, 2);
            } finally {
                engine.close();
            }
            List<Double> cli = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                cli.add(run(List.of(launcher, "--home", home.toString(), "build", "-q", "-t", "bench:latest",
                        context.toString()), "stevedore build (CLI)"));
            }
            double c = median(cli);
            if (counted) {
                st.get("cli-cached").add(c);
                bh.get("cli-cached").add(bh.get("cached").get(bh.get("cached").size() - 1));
            }
            rowS[3] = String.format("%.2f", c);
            System.out.printf("%-8s stevedore cold %s edit %s cached %s cli-cached %s | buildah cold %s edit %s cached %s%n",
                    tag, rowS[0], rowS[1], rowS[2], rowS[3], rowB[0], rowB[1], rowB[2]);
            buildahCleanup(root, runroot);
            deleteTree(home);
        }

        System.out.println();
        System.out.printf("== medians over %d rounds (seconds), buildah %s driver, --isolation chroot --network host --layers ==%n",
                rounds, DRIVER);
        System.out.printf("%-40s %10s %10s %8s  %s%n", "measurement", "stevedore", "buildah", "ratio", "target");
        row("cold build", st.get("cold"), bh.get("cold"), "<= 0.70x buildah");
        row("rebuild after editing one context file", st.get("edit"), bh.get("edit"), "<= 0.50x buildah");
        double warm = median(st.get("cached"));
        System.out.printf("%-40s %10.3f %10.3f %8s  %s%n", "cached rebuild, warm engine (library)", warm,
                median(bh.get("cached")), String.format("%.2fx", warm / median(bh.get("cached"))),
                "<= 0.2 s: " + (warm <= 0.2 ? "met" : "MISSED"));
        row("cached rebuild, CLI (new JVM) vs buildah", st.get("cli-cached"), bh.get("cli-cached"), "<= 0.20x buildah");

        System.out.println();
        System.out.println("== Stevedore per-step times, last counted round (listener stepDone, seconds) ==");
        coldSteps.print("cold");
        editSteps.print("edit");
        cachedSteps.print("cached (warm engine)");
    }

    private static void record(boolean counted, Map<String, List<Double>> st, Map<String, List<Double>> bh, String c,
            double s, double b, String[] rowS, String[] rowB, int i) {
        if (counted) {
            st.get(c).add(s);
            bh.get(c).add(b);
        }
        rowS[i] = String.format("%.3f", s);
        rowB[i] = String.format("%.3f", b);
    }

    private static void row(String what, List<Double> s, List<Double> b, String target) {
        double ms = median(s);
        double mb = median(b);
        double ratio = ms / mb;
        double limit = Double.parseDouble(target.replaceAll("[^0-9.]", "").replaceAll("^\\.|\\.$", ""));
        System.out.printf("%-40s %10.3f %10.3f %7.2fx  %s: %s%n", what, ms, mb, ratio, target,
                ratio <= limit ? "met" : "MISSED");
    }

    private static double stevedore(Stevedore engine, Path context, StepTimes steps) throws Exception {
        settle();
        long start = System.nanoTime();
        Image image = engine.images().build(context)
                .tag("bench:latest")
                .listener(steps == null ? BuildListener.NONE : steps)
                .build();
        double s = (System.nanoTime() - start) / 1e9;
        if (steps != null) {
            steps.total = s;
        }
        if (image.id().isEmpty()) {
            throw new IllegalStateException("no image id");
        }
        return s;
    }

    /** Pulls the busybox layout into a fresh buildah root, tags it busybox:latest; returns the bud command. */
    private static List<String> buildahSetup(Path root, Path runroot, Path layout, Path context) throws Exception {
        List<String> base = List.of("buildah", "--root", root.toString(), "--runroot", runroot.toString(),
                "--storage-driver", DRIVER);
        List<String> pull = new ArrayList<>(base);
        pull.addAll(List.of("pull", "-q", "oci:" + layout + ":latest"));
        String id = output(pull, "buildah pull").strip();
        List<String> tag = new ArrayList<>(base);
        tag.addAll(List.of("tag", id, "busybox:latest"));
        output(tag, "buildah tag");
        List<String> bud = new ArrayList<>(base);
        bud.addAll(List.of("bud", "--isolation", "chroot", "--network", "host", "--layers", "--pull-never", "-q",
                "-t", "bench:latest", context.toString()));
        return bud;
    }

    private static void buildahCleanup(Path root, Path runroot) throws Exception {
        output(List.of("buildah", "--root", root.toString(), "--runroot", runroot.toString(), "--storage-driver", DRIVER,
                "rm", "--all"), "buildah rm");
        // the overlay driver keeps its home bind-mounted (and layers may still be mounted)
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mp = line.split(" ")[4];
            if (mp.startsWith(root.toString()) || mp.startsWith(runroot.toString())) {
                mounts.add(mp);
            }
        }
        mounts.sort(Comparator.comparing(String::length).reversed());
        for (String mp : mounts) {
            new ProcessBuilder("umount", "-l", mp).inheritIO().start().waitFor();
        }
        deleteTree(root);
        deleteTree(runroot);
    }

    private static double run(List<String> command, String what) throws Exception {
        settle();
        long start = System.nanoTime();
        output(command, what);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Writes back what the previous run left dirty ({@code sync}), outside the timing: without
     * it, whichever tool runs second pays for the other's writeback (and on this disk, file
     * creation right after many deletions is up to 20x slower: see ../shared/PEERS.md).
     */
    private static void settle() throws Exception {
        if (!Boolean.getBoolean("nosettle")) {
            output(List.of("sync"), "sync");
        }
    }

    private static String output(List<String> command, String what) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        String text = new String(out, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException(what + " exited " + code + ": " + String.join(" ", command) + "\n" + text);
        }
        return text;
    }

    /** ~3000 small files in a few directories, plus the Dockerfile; the same bytes every time. */
    private static void writeContext(Path context) throws IOException {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        for (int d = 0; d < CONTEXT_DIRS; d++) {
            Path dir = Files.createDirectories(context.resolve("d" + d));
            for (int f = 0; f < CONTEXT_FILES_PER_DIR; f++) {
                Files.writeString(dir.resolve("f" + f + ".txt"), original("d" + d + "/f" + f + ".txt"));
            }
        }
    }

    private static String original(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1 + Math.abs(name.hashCode()) % 20; i++) {
            sb.append(name).append(" line ").append(i).append('\n');
        }
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double median(List<Double> t) {
        if (t.isEmpty()) {
            return Double.NaN;
        }
        double[] s = t.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Step durations of one build, as the listener reports them. */
    private static final class StepTimes implements BuildListener {
        private final Map<String, String> steps = new LinkedHashMap<>();
        private double stepSum;
        double total;

        StepTimes reset() {
            synchronized (steps) {
                steps.clear();
                stepSum = 0;
            }
            return this;
        }

        @Override
        public void stepCached(BuildStep step) {
            synchronized (steps) {
                steps.put(step.toString(), "CACHED");
            }
        }

        @Override
        public void stepDone(BuildStep step, Duration took) {
            synchronized (steps) {
                String prev = steps.get(step.toString());
                stepSum += took.toNanos() / 1e9;
                steps.put(step.toString(), String.format("%7.3f%s", took.toNanos() / 1e9, prev == null ? "" : " " + prev));
            }
        }

        void print(String what) {
            synchronized (steps) {
                System.out.printf("-- %s: build() %.3f s, steps %.3f s (the stages run in parallel where they can),"
                        + " outside steps %.3f s%n", what, total, stepSum, total - stepSum);
                steps.forEach((k, v) -> System.out.printf("  %-16s %s%n", v, k.length() > 90 ? k.substring(0, 90) + "..." : k));
            }
        }
    }
}
