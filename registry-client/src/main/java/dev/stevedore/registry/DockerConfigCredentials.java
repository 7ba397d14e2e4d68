package dev.stevedore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from docker's {@code config.json}, resolved as the docker CLI does:
 * {@code credHelpers[registry]}, else {@code credsStore}, else the {@code auths} entry (base64
 * {@code auth} or {@code username}/{@code password}, and {@code identitytoken}). Keys are
 * matched by host, with scheme and path dropped; Docker Hub's key is
 * {@code https://index.docker.io/v1/}.
 */
final class DockerConfigCredentials implements Credentials {
    private final Path directory;
    private final List<Path> searchPath;

    private DockerConfigCredentials(Path directory, List<Path> searchPath) {
        this.directory = directory;
        this.searchPath = List.copyOf(searchPath);
    }

    static Credentials create(Path directory, List<Path> searchPath) {
        return new DockerConfigCredentials(directory, searchPath);
    }

    /** {@code docker.config} system property, else {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
    static Path defaultDirectory() {
        String property = System.getProperty("docker.config");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("DOCKER_CONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".docker");
    }

    /** The directories of {@code PATH}. */
    static List<Path> defaultSearchPath() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        return dirs;
    }

    @Override
    public Optional<Credential> lookup(String registry) {
        Path file = directory.resolve("config.json");
        String action = "read credentials for " + registry + " from " + file;
        JsonNode root;
        try {
            root = Bodies.json(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CredentialsException(action, registry, "it is not readable JSON: " + e.getClass().getSimpleName(),
                    null);
        }
        String name = RegistryHosts.credentialName(registry);
        Optional<String> helper = entry(root.path("credHelpers"), name).map(n -> n.asText("")).filter(h -> !h.isEmpty());
        if (helper.isEmpty()) {
            helper = Optional.of(root.path("credsStore").asText("")).filter(h -> !h.isEmpty());
        }
        if (helper.isPresent()) {
            return CredentialHelper.get(helper.get(), RegistryHosts.helperServerUrl(name), searchPath, registry);
        }
        return entry(root.path("auths"), name).flatMap(auth -> fromAuths(auth, action, registry));
    }

    /** The member whose key names the registry: an exact key first, then by host. */
    private static Optional<JsonNode> entry(JsonNode object, String name) {
        if (!object.isObject()) {
            return Optional.empty();
        }
        if (object.has(name)) {
            return Optional.of(object.get(name));
        }
        if (RegistryHosts.DOCKER_HUB.equals(name) && object.has(RegistryHosts.DOCKER_HUB_CONFIG_KEY)) {
            return Optional.of(object.get(RegistryHosts.DOCKER_HUB_CONFIG_KEY));
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (RegistryHosts.configKeyHost(field.getKey()).equals(name)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<Credential> fromAuths(JsonNode auth, String action, String registry) {
        String identityToken = auth.path("identitytoken").asText("");
        if (!identityToken.isEmpty()) {
            return Optional.of(Credential.identityToken(identityToken));
        }
        String encoded = auth.path("auth").asText("");
        if (!encoded.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialsException(action, registry, "the \"auth\" entry is not base64", null);
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new CredentialsException(action, registry, "the \"auth\" entry is not user:password", null);
            }
            return Optional.of(Credential.basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String username = auth.path("username").asText("");
        String password = auth.path("password").asText("");
        return username.isEmpty() || password.isEmpty() ? Optional.empty()
                : Optional.of(Credential.basic(username, password));
    }

    @Override
    public String toString() {
        return "DockerConfigCredentials[" + directory + "]";
    }
}
