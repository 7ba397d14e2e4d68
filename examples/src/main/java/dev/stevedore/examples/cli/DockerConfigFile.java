package dev.stevedore.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code config.json} as Docker writes it: {@code auths} entries with a base64 {@code auth}, or
 * a credential helper ({@code credHelpers} for the server, else {@code credsStore}) when one is
 * configured. Other keys are kept as they are; the file is replaced atomically, mode 0600.
 */
final class DockerConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final Optional<String> searchPath;

    /**
     * @param dir the directory holding {@code config.json}
     * @param env the command's environment: credential helpers are found on its {@code PATH}
     */
    DockerConfigFile(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.searchPath = Optional.ofNullable(env.get("PATH")).filter(p -> !p.isBlank());
    }

    Path file() {
        return dir.resolve("config.json");
    }

    /** The key Docker files a registry's credentials under. */
    static String key(String server) {
        return server.equals("docker.io") || server.equals("index.docker.io") || server.equals("registry-1.docker.io")
                ? "https://index.docker.io/v1/" : server;
    }

    /** @return where the secret went: the file, or the helper's name */
    String store(String server, String username, String password) throws IOException, InterruptedException {
        ObjectNode root = read();
        Optional<String> helper = helper(root, server);
        if (helper.isPresent()) {
            String input = JSON.writeValueAsString(JSON.createObjectNode().put("ServerURL", key(server))
                    .put("Username", username).put("Secret", password));
            runHelper(helper.get(), "store", input);
            root.withObject("/auths").putObject(key(server));
        } else {
            String auth = Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            root.withObject("/auths").putObject(key(server)).put("auth", auth);
        }
        write(root);
        return helper.map(h -> "docker-credential-" + h).orElse(file().toString());
    }

    /** @return whether there was anything to remove */
    boolean remove(String server) throws IOException, InterruptedException {
        ObjectNode root = read();
        Optional<String> helper = helper(root, server);
        boolean had = root.path("auths").has(key(server));
        if (helper.isPresent()) {
            runHelper(helper.get(), "erase", key(server));
            had = true;
        }
        if (root.path("auths") instanceof ObjectNode auths) {
            auths.remove(key(server));
        }
        if (had) {
            write(root);
        }
        return had;
    }

    private static Optional<String> helper(ObjectNode root, String server) {
        JsonNode specific = root.path("credHelpers").path(key(server));
        if (specific.isTextual() && !specific.asText().isEmpty()) {
            return Optional.of(specific.asText());
        }
        JsonNode store = root.path("credsStore");
        return store.isTextual() && !store.asText().isEmpty() ? Optional.of(store.asText()) : Optional.empty();
    }

    private void runHelper(String helper, String action, String input) throws IOException, InterruptedException {
        String program = "docker-credential-" + helper;
        ProcessBuilder builder = new ProcessBuilder(List.of(executable(program, action).toString(), action))
                .redirectErrorStream(true);
        searchPath.ifPresent(p -> builder.environment().put("PATH", p));
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new CliException(1, "credential helper docker-credential-" + helper + " " + action + " failed: "
                    + output);
        }
    }

    /** The helper program on the command's {@code PATH} (as Go's exec.LookPath). */
    private Path executable(String program, String action) {
        String path = searchPath.orElse("/usr/local/bin:/usr/bin:/bin");
        for (String entry : path.split(":")) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new CliException(1, "error " + (action.equals("store") ? "storing" : "erasing")
                + " credentials - err: exec: \"" + program
                + "\": executable file not found in $PATH");
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file())) {
            return JSON.createObjectNode();
        }
        JsonNode node = JSON.readTree(file().toFile());
        if (!(node instanceof ObjectNode o)) {
            throw new CliException(1, file() + " is not a JSON object");
        }
        return o;
    }

    private void write(ObjectNode root) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path tmp = Files.createTempFile(dir, "config.json", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, JSON.writeValueAsBytes(root));
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
