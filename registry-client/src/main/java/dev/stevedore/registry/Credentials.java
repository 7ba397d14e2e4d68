package dev.stevedore.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the client finds a {@link Credential} for a registry. Registries are named as in
 * image references: {@code docker.io}, {@code ghcr.io}, {@code 127.0.0.1:5000} (a mirror is
 * named by its host and port). Implementations must be thread-safe.
 *
 * <pre>{@code
 * Credentials creds = Credentials.basic("127.0.0.1:5000", "alice", "pw")
 *         .orElse(Credentials.fromDockerConfig());
 * }</pre>
 */
@FunctionalInterface
public interface Credentials {
    /**
     * Looks up the credential for a registry.
     *
     * @param registry the registry, such as {@code docker.io} or {@code localhost:5000}
     * @return the credential, or empty for anonymous access
     * @throws CredentialsException if a configured source fails
     */
    Optional<Credential> lookup(String registry);

    /**
     * No credentials anywhere: every request is anonymous.
     *
     * @return the empty source
     */
    static Credentials anonymous() {
        return registry -> Optional.empty();
    }

    /**
     * One user name and password for one registry.
     *
     * @param registry the registry, as in image references
     * @param username the user name
     * @param password the password
     * @return the source
     */
    static Credentials basic(String registry, String username, String password) {
        return of(Map.of(registry, Credential.basic(username, password)));
    }

    /**
     * Fixed credentials per registry.
     *
     * @param byRegistry credential per registry name
     * @return the source
     */
    static Credentials of(Map<String, Credential> byRegistry) {
        Map<String, Credential> copy = Map.copyOf(byRegistry);
        return registry -> Optional.ofNullable(copy.get(RegistryHosts.credentialName(registry)))
                .or(() -> Optional.ofNullable(copy.get(registry)));
    }

    /**
     * Docker's configuration, as the {@code docker} CLI reads it: {@code config.json} in the
     * directory named by the system property {@code docker.config}, else the environment
     * variable {@code DOCKER_CONFIG}, else {@code ~/.docker}; {@code credHelpers},
     * {@code credsStore} and {@code auths} (with {@code identitytoken}); credential helpers
     * are found on {@code PATH}. A missing file means anonymous. The file is read on each lookup.
     *
     * @return the source
     */
    static Credentials fromDockerConfig() {
        return DockerConfigCredentials.create(DockerConfigCredentials.defaultDirectory(),
                DockerConfigCredentials.defaultSearchPath());
    }

    /**
     * Docker's configuration from a given directory, with credential helpers searched in the
     * given directories instead of {@code PATH}.
     *
     * <pre>{@code Credentials.fromDockerConfig(tmp.resolve("docker"), List.of(tmp.resolve("bin")))}</pre>
     *
     * @param configDirectory the directory holding {@code config.json}
     * @param helperSearchPath where {@code docker-credential-<name>} programs are looked for, in order
     * @return the source
     */
    static Credentials fromDockerConfig(Path configDirectory, List<Path> helperSearchPath) {
        return DockerConfigCredentials.create(configDirectory, helperSearchPath);
    }

    /**
     * This source first, then {@code fallback} for registries this one has nothing for.
     *
     * @param fallback the next source
     * @return the composite source
     */
    default Credentials orElse(Credentials fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return registry -> lookup(registry).or(() -> fallback.lookup(registry));
    }
}
