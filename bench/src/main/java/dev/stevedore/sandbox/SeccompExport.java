package dev.stevedore.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the BPF program Stevedore compiles from Docker's default profile for Docker's
 * default capabilities, so {@code bwrap --seccomp} runs under the same filter in the
 * side-by-side benchmark. Lives in the sandbox's package (benchmarks only) to reach the
 * package-private compiler.
 */
public final class SeccompExport {
    private SeccompExport() {}

    /**
     * @param args the output file
     * @throws Exception if it cannot be written
     */
    public static void main(String[] args) throws Exception {
        byte[] bpf = Seccomp.dockerDefault().compile(Capability.DOCKER_DEFAULTS).orElseThrow();
        Files.write(Path.of(args[0]), bpf);
        System.out.println("wrote " + bpf.length / 8 + " BPF instructions to " + args[0]);
    }
}
