package dev.stevedore.bench;

import dev.stevedore.posix.Syscalls;
import dev.stevedore.posix.UnmountFlags;
import dev.stevedore.sandbox.Limits;
import dev.stevedore.sandbox.ProcessSpec;
import dev.stevedore.sandbox.Rootfs;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxRuntime;
import dev.stevedore.sandbox.SandboxSpec;
import dev.stevedore.sandbox.Stdio;
import dev.stevedore.Container;
import dev.stevedore.Stevedore;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.BusyboxRootfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side-by-side start-up benchmark (run by {@code bench/sandbox-start.sh}): create + start +
 * wait of {@code /bin/true} with pid, mount, uts, ipc and net namespaces, a cgroup with memory
 * and pids limits, the default hardening and seccomp, on the same busybox rootfs prepared the
 * same way inside the timed loop (an overlay mounted per run) for every runtime; runtimes are
 * interleaved (A B C D A B C D ...) so drift hits all alike, with a pause between runs so no
 * runtime profits from the kernel state another left behind.
 *
 * <p>Arguments: {@code WORKDIR BUNDLE_TEMPLATE_DIR ROUNDS [runtime ...]} where runtimes are
 * {@code stevedore}, {@code engine} (the same through {@code Containers.create(image).start()} on an
 * imported, already unpacked busybox image), {@code crun}, {@code runc}, {@code bwrap}.
 */
public final class SandboxStartBench {
    private static final long MEMORY = 64L << 20;
    private static final long PIDS = 100;
    private static final long SETTLE_MS = Long.getLong("settle.ms", 60);
    private static final Path STATE_ROOT = Path.of("/run/stevedore-bench");

    private SandboxStartBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args work dir, bundle template dir (config.json for crun/runc, seccomp.bpf for bwrap), rounds, runtimes
     * @throws Exception if a runtime fails
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path template = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String> runtimes = args.length > 3 ? List.of(Arrays.copyOfRange(args, 3, args.length))
                : List.of("stevedore", "crun", "runc", "bwrap");
        Path lower = BusyboxRootfs.createIn(work.resolve("lower")).root();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        runtimes.forEach(r -> times.put(r, new ArrayList<>()));
        try (SandboxRuntime runtime = SandboxRuntime.create();
                Stevedore engine = runtimes.contains("engine") ? engine(work) : null) {
            int warmup = Math.max(5, rounds / 10);
            for (int i = 0; i < warmup + rounds; i++) {
                for (String r : runtimes) {
                    Path dir = Files.createDirectories(work.resolve("run-" + r + "-" + i));
                    long start = System.nanoTime();
                    switch (r) {
                        case "stevedore" -> stevedore(runtime, lower, dir, i);
                        case "engine" -> engine(engine);
                        case "crun", "runc" -> oci(r, lower, dir, template, i);
                        case "bwrap" -> bwrap(lower, dir, template);
                        default -> throw new IllegalArgumentException("unknown runtime " + r);
                    }
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (i >= warmup) {
                        times.get(r).add(ms);
                    }
                    // Let the kernel settle between runs: a cgroup migration makes the next one within
                    // an RCU grace period cheap, so back-to-back runs would favour whoever runs second.
                    // Spin rather than sleep: an idle vCPU wakes up slowly and would slow every runtime alike.
                    settle();
                }
            }
        }
        double base = median(times.getOrDefault("crun", List.of()));
        System.out.printf("%-10s %8s %8s %8s %8s  %s%n", "runtime", "median", "p10", "p90", "runs", "vs crun");
        for (var e : times.entrySet()) {
            List<Double> t = e.getValue();
            double m = median(t);
            System.out.printf("%-10s %8.2f %8.2f %8.2f %8d  %s%n", e.getKey(), m, pct(t, 10), pct(t, 90), t.size(),
                    base > 0 ? String.format("%.2fx", m / base) : "-");
        }
        if (times.containsKey("engine") && times.containsKey("stevedore")) {
            System.out.printf("engine path vs bare sandbox: %.2fx (medians; target <= 1.2x)%n",
                    median(times.get("engine")) / median(times.get("stevedore")));
        }
    }

    private static long sink;

    private static void settle() {
        long until = System.nanoTime() + SETTLE_MS * 1_000_000;
        long x = 0;
        while (System.nanoTime() < until) {
            x += System.nanoTime() & 7;
        }
        sink += x;
    }

    private static void stevedore(SandboxRuntime runtime, Path lower, Path dir, int i) throws Exception {
        // state on tmpfs, as crun keeps its own under /run/crun; the overlay dirs stay beside the others'
        SandboxSpec spec = SandboxSpec.builder(STATE_ROOT.resolve("bench-" + i),
                        Rootfs.overlay(List.of(lower), dir.resolve("upper"), dir.resolve("work")),
                        ProcessSpec.of("/bin/true").withStdio(Stdio.LOG))
                .id("bench-" + i)
                .limits(Limits.builder().memoryBytes(MEMORY).pids(PIDS).build())
                .build();
        try (Sandbox box = runtime.start(spec)) {
            int code = box.waitFor().exitCode();
            if (code != 0) {
                throw new IllegalStateException("stevedore: /bin/true exited " + code);
            }
        }
    }

    /**
     * An engine with its home under the work directory (on disk, as {@code /var/lib/stevedore}
     * would be) and the busybox image imported and its snapshot unpacked once, outside the timing.
     */
    private static Stevedore engine(Path work) throws Exception {
        Stevedore engine = Stevedore.builder().home(work.resolve("engine-home")).build();
        BusyboxImage layout = BusyboxImage.writeTo(work.resolve("busybox-layout"));
        engine.images().importFrom(layout.layoutDir(), "bench/busybox");
        engine(engine); // unpacks the snapshot, so the timed runs start from a pulled, prepared image
        return engine;
    }

    /** The engine path: {@code Containers.create(image).start()} + wait, with the same limits; auto-removed. */
    private static void engine(Stevedore engine) {
        try (Container box = engine.containers().create("bench/busybox:latest")
                .cmd("/bin/true")
                .memory(MEMORY)
                .pidsLimit(PIDS)
                .autoRemove(true)
                .start()) {
            int code = box.waitFor().exitCode();
            if (code != 0) {
                throw new IllegalStateException("engine: /bin/true exited " + code);
            }
        }
    }

    private static void oci(String cmd, Path lower, Path dir, Path template, int i) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Path rootfs = Files.createDirectories(bundle.resolve("rootfs"));
        Files.copy(template.resolve("config.json"), bundle.resolve("config.json"));
        mountOverlay(lower, dir, rootfs);
        try {
            run(List.of(cmd, "run", "--bundle", bundle.toString(), cmd + "-bench-" + i), cmd);
        } finally {
            Syscalls.linux().umount2(rootfs, UnmountFlags.MNT_DETACH);
        }
    }

    private static void bwrap(Path lower, Path dir, Path template) throws Exception {
        Path merged = Files.createDirectories(dir.resolve("merged"));
        mountOverlay(lower, dir, merged);
        try {
            run(List.of("sh", "-c", "exec bwrap --unshare-pid --unshare-net --unshare-ipc --unshare-uts --die-with-parent"
                    + " --bind " + merged + " / --proc /proc --dev /dev --seccomp 9 /bin/true 9<" + template.resolve("seccomp.bpf")),
                    "bwrap");
        } finally {
            Syscalls.linux().umount2(merged, UnmountFlags.MNT_DETACH);
        }
    }

    private static void mountOverlay(Path lower, Path dir, Path target) throws IOException {
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Syscalls.linux().mount("overlay", target, "overlay", 0,
                "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work + ",redirect_dir=off,index=off,metacopy=off");
    }

    private static void run(List<String> command, String what) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(what + " exited " + code + ": " + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static double median(List<Double> t) {
        return pct(t, 50);
    }

    private static double pct(List<Double> t, int p) {
        if (t.isEmpty()) {
            return 0;
        }
        double[] s = t.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[Math.min(s.length - 1, (int) Math.floor(s.length * p / 100.0))];
    }
}
