package dev.stevedore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} per the credential-helper protocol: the server URL
 * on stdin, {@code {"ServerURL","Username","Secret"}} on stdout; a helper that answers
 * "credentials not found" means anonymous. A {@code Username} of {@code <token>} marks an
 * identity token. Helpers are looked up in the given directories (normally {@code PATH}).
 */
final class CredentialHelper {
    private static final long TIMEOUT_SECONDS = 30;
    private static final String NOT_FOUND = "credentials not found";

    private CredentialHelper() {
    }

    static Optional<Credential> get(String helper, String serverUrl, List<Path> searchPath, String registry) {
        String action = "get credentials for " + registry + " from docker-credential-" + helper;
        if (!helper.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new CredentialsException(action, registry, "the helper name \"" + helper + "\" is not valid", null);
        }
        String program = "docker-credential-" + helper;
        Path executable = searchPath.stream().map(dir -> dir.resolve(program))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst()
                .orElseThrow(() -> new CredentialsException(action, registry, program + " is not on the search path "
                        + searchPath, null));
        try {
            Process process = new ProcessBuilder(executable.toString(), "get")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the helper may exit without reading; its exit status tells
            }
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readNBytes(Bodies.SMALL_LIMIT);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CredentialsException(action, registry, program + " did not finish within "
                        + TIMEOUT_SECONDS + " s", null);
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains(NOT_FOUND)) {
                    return Optional.empty();
                }
                String firstLine = text.lines().findFirst().orElse("");
                throw new CredentialsException(action, registry, program + " exited with status " + process.exitValue()
                        + (firstLine.isEmpty() ? "" : ": " + firstLine.substring(0, Math.min(200, firstLine.length()))),
                        null);
            }
            return parse(text, action, registry, program);
        } catch (IOException e) {
            throw new CredentialsException(action, registry, "running " + program + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException(action, registry, "interrupted while running " + program, e);
        }
    }

    private static Optional<Credential> parse(String text, String action, String registry, String program) {
        JsonNode json;
        try {
            json = Bodies.json(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CredentialsException(action, registry, program + " did not answer with JSON", null);
        }
        String username = json.path("Username").asText("");
        String secret = json.path("Secret").asText("");
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (username.equals(Credential.TOKEN_USER)) {
            return Optional.of(Credential.identityToken(secret));
        }
        if (username.isEmpty() || username.contains(":")) {
            throw new CredentialsException(action, registry, program + " answered an invalid user name", null);
        }
        return Optional.of(Credential.basic(username, secret));
    }
}
