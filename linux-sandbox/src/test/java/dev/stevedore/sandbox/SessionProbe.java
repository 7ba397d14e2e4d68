package dev.stevedore.sandbox;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Run by {@link SandboxHardeningIT} in a JVM of its own whose session has a controlling
 * terminal (a pty the test opened with {@code script}): says whether this JVM can open
 * {@code /dev/tty}, then runs a sandbox that reports its session, its tty and whether it can
 * open {@code /dev/tty} too. Every line it prints starts with {@code probe:}.
 *
 * <pre>
 * java -cp ... dev.stevedore.sandbox.SessionProbe &lt;busybox rootfs&gt; &lt;state directory&gt; &lt;sandbox id&gt;
 * </pre>
 */
final class SessionProbe {
    private SessionProbe() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path rootfs = Path.of(args[0]);
        Path stateDir = Path.of(args[1]);
        String id = args[2];
        System.out.println("probe: jvm-ctty " + (canOpenTty() ? "yes" : "no"));
        String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
        System.out.println("probe: jvm-stat " + stat.substring(stat.lastIndexOf(')') + 2).strip());
        SandboxSpec spec = SandboxSpec.builder(stateDir, Rootfs.directory(rootfs),
                        ProcessSpec.of("sh", "-c", "echo stat $(cat /proc/self/stat); "
                                + "if (: < /dev/tty) 2>/dev/null; then echo ctty; else echo no-ctty; fi")
                                .withEnv(List.of("PATH=/bin")))
                .id(id)
                .build();
        try (SandboxRuntime runtime = SandboxRuntime.create(); Sandbox box = runtime.start(spec)) {
            System.out.println("probe: exit " + box.waitFor(Duration.ofSeconds(30)).map(ExitStatus::exitCode).orElse(-1));
            new String(box.stdout(), StandardCharsets.UTF_8).lines().forEach(l -> System.out.println("probe: " + l));
        }
        System.out.flush();
    }

    private static boolean canOpenTty() {
        try {
            new FileInputStream("/dev/tty").close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
