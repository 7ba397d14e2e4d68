package dev.stevedore.layerstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a peer tool (skopeo, umoci) to completion; output goes to files, failures show stderr. */
final class Tool {
    private Tool() {
    }

    static String run(Path workDir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "tool-", ".out");
        Path err = Files.createTempFile(workDir, "tool-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }

    /** {@code skopeo} with a private temp dir and no trust policy to configure. */
    static List<String> skopeo(Path skopeo, Path workDir, String... args) throws IOException {
        Path tmpDir = Files.createDirectories(workDir.resolve("skopeo-tmp"));
        List<String> command = new ArrayList<>(List.of(skopeo.toString(), "--insecure-policy", "--tmpdir",
                tmpDir.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
