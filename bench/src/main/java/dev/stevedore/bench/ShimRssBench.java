package dev.stevedore.bench;

import dev.stevedore.sandbox.ProcessSpec;
import dev.stevedore.sandbox.Rootfs;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxRuntime;
import dev.stevedore.sandbox.SandboxSpec;
import dev.stevedore.sandbox.Stdio;
import dev.stevedore.testing.BusyboxRootfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts N concurrent {@code sleep} sandboxes and reports each shim's resident set size
 * (VmRSS from /proc), then closes them all. Run by {@code bench/sandbox-start.sh}.
 */
public final class ShimRssBench {
    private ShimRssBench() {}

    /**
     * @param args work dir, how many sandboxes
     * @throws Exception if a sandbox fails
     */
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path rootfs = BusyboxRootfs.createIn(work.resolve("rss-rootfs")).root();
        List<Sandbox> boxes = new ArrayList<>();
        try (SandboxRuntime runtime = SandboxRuntime.create()) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                boxes.add(runtime.start(SandboxSpec.builder(work.resolve("rss-" + i), Rootfs.directory(rootfs),
                        ProcessSpec.of("sleep", "300").withStdio(Stdio.LOG)).id("rss-" + i).build()));
            }
            double startMs = (System.nanoTime() - start) / 1e6;
            List<Long> rss = new ArrayList<>();
            for (Sandbox b : boxes) {
                rss.add(vmRssKib(b.shimPid()));
            }
            rss.sort(null);
            System.out.printf("%d concurrent sandboxes started in %.0f ms; shim VmRSS KiB: min %d, median %d, max %d%n",
                    n, startMs, rss.get(0), rss.get(rss.size() / 2), rss.get(rss.size() - 1));
            System.out.println(rss.get(rss.size() - 1) <= 1024 ? "shim RSS <= 1 MiB: yes" : "shim RSS <= 1 MiB: NO");
        } finally {
            for (Sandbox b : boxes) {
                b.close();
            }
        }
    }

    private static long vmRssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }
}
