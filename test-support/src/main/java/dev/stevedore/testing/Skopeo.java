package dev.stevedore.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the real {@code skopeo} (Debian package {@code skopeo}) against one
 * {@link LocalRegistry}, with the right TLS and credential flags for it, a trust policy that
 * accepts anything, and a private home, auth file and registries.conf, so nothing from the
 * machine's or the user's configuration leaks in.
 *
 * <pre>{@code
 * Skopeo skopeo = registry.skopeo();
 * JsonNode info = skopeo.inspect("busybox:latest");
 * skopeo.pull("busybox:latest", tmp.resolve("copy"), "latest");
 * }</pre>
 *
 * <p>Repository references are relative to the registry ({@code "repo:tag"}); failures
 * throw {@link CommandFailedException} carrying skopeo's stderr.
 */
public final class Skopeo {
    /** How long one skopeo command may run. */
    public static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROXY_VARIABLES = List.of(
            "http_proxy", "https_proxy", "no_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY");

    private final String host;
    private final Optional<Path> certDirectory;
    private final Optional<RegistryCredentials> credentials;
    private final Path workDir;

    private Skopeo(String host, Optional<Path> certDirectory, Optional<RegistryCredentials> credentials, Path workDir) {
        this.host = host;
        this.certDirectory = certDirectory;
        this.credentials = credentials;
        this.workDir = workDir;
    }

    /** A skopeo for the registry at {@code host}, keeping its private files in {@code workDir}. */
    static Skopeo forRegistry(String host, Optional<Path> certDirectory, Optional<RegistryCredentials> credentials,
            Path workDir) {
        return new Skopeo(host, certDirectory, credentials, workDir);
    }

    /**
     * Copies the image tagged {@code tagInLayout} in an OCI image layout to the registry,
     * keeping its manifest digest ({@code --preserve-digests}).
     *
     * <pre>{@code String ref = skopeo.push(layoutDir, "latest", "busybox:latest"); // 127.0.0.1:PORT/busybox:latest}</pre>
     *
     * @param layoutDir an OCI image layout directory
     * @param tagInLayout the {@code org.opencontainers.image.ref.name} of the image in it
     * @param repositoryAndTag where to put it, e.g. {@code "library/busybox:1"}
     * @return the full reference pushed, {@code host/repository:tag}
     * @throws CommandFailedException if skopeo fails; the message holds its stderr
     */
    public String push(Path layoutDir, String tagInLayout, String repositoryAndTag) {
        String reference = reference(repositoryAndTag);
        List<String> command = command("copy");
        command.addAll(List.of("--quiet", "--preserve-digests"));
        command.addAll(transportFlags("--dest-"));
        command.add(ociReference(layoutDir, tagInLayout));
        command.add("docker://" + reference);
        run("push " + layoutDir + ":" + tagInLayout + " to " + reference, command);
        return reference;
    }

    /**
     * Copies an image from the registry into an OCI image layout directory (created or
     * extended), under the tag {@code tagInLayout}.
     *
     * <pre>{@code skopeo.pull("busybox:latest", tmp.resolve("copy"), "latest");}</pre>
     *
     * @param repositoryAndTag what to copy, relative to the registry
     * @param layoutDir the destination layout directory
     * @param tagInLayout the tag to give it in the layout
     * @throws CommandFailedException if skopeo fails
     */
    public void pull(String repositoryAndTag, Path layoutDir, String tagInLayout) {
        String reference = reference(repositoryAndTag);
        List<String> command = command("copy");
        command.addAll(List.of("--quiet", "--preserve-digests"));
        command.addAll(transportFlags("--src-"));
        command.add("docker://" + reference);
        command.add(ociReference(layoutDir, tagInLayout));
        run("pull " + reference + " into " + layoutDir, command);
    }

    /**
     * {@code skopeo inspect}: the image's digest, tags, architecture, OS, env and layers as
     * skopeo reports them ({@code Digest}, {@code RepoTags}, {@code Architecture}, ...).
     *
     * @param repositoryAndTag the image, relative to the registry
     * @return skopeo's JSON answer
     * @throws CommandFailedException if skopeo fails
     */
    public JsonNode inspect(String repositoryAndTag) {
        return parse(inspectOutput(repositoryAndTag, List.of()), repositoryAndTag);
    }

    /**
     * {@code skopeo inspect --raw}: the manifest exactly as the registry serves it.
     *
     * @param repositoryAndTag the image, relative to the registry
     * @return the manifest's bytes
     * @throws CommandFailedException if skopeo fails
     */
    public byte[] rawManifest(String repositoryAndTag) {
        return inspectOutput(repositoryAndTag, List.of("--raw")).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code skopeo inspect --config}: the image configuration (OCI format).
     *
     * @param repositoryAndTag the image, relative to the registry
     * @return the configuration JSON
     * @throws CommandFailedException if skopeo fails
     */
    public JsonNode config(String repositoryAndTag) {
        return parse(inspectOutput(repositoryAndTag, List.of("--config")), repositoryAndTag);
    }

    /**
     * {@code skopeo list-tags}: the tags of a repository.
     *
     * @param repository the repository, relative to the registry, e.g. {@code "busybox"}
     * @return the tags, in skopeo's order
     * @throws CommandFailedException if skopeo fails
     */
    public List<String> tags(String repository) {
        String reference = reference(repository);
        List<String> command = command("list-tags");
        command.addAll(transportFlags("--"));
        command.add("docker://" + reference);
        JsonNode answer = parse(run("list the tags of " + reference, command), repository);
        List<String> tags = new ArrayList<>();
        answer.path("Tags").forEach(tag -> tags.add(tag.asText()));
        return List.copyOf(tags);
    }

    private String inspectOutput(String repositoryAndTag, List<String> extra) {
        String reference = reference(repositoryAndTag);
        List<String> command = command("inspect");
        command.addAll(transportFlags("--"));
        command.addAll(extra);
        command.add("docker://" + reference);
        return run("inspect " + reference, command);
    }

    private String reference(String repositoryAndTag) {
        if (repositoryAndTag.isEmpty() || repositoryAndTag.startsWith("/") || repositoryAndTag.contains("://")) {
            throw new IllegalArgumentException("expected a repository relative to the registry, like \"busybox:latest\": "
                    + repositoryAndTag);
        }
        return host + "/" + repositoryAndTag;
    }

    private static String ociReference(Path layoutDir, String tag) {
        String dir = layoutDir.toAbsolutePath().toString();
        if (dir.contains(":")) {
            throw new IllegalArgumentException("skopeo cannot address an OCI layout whose path holds ':': " + dir);
        }
        return "oci:" + dir + ":" + tag;
    }

    private List<String> command(String subcommand) {
        String skopeo = Preconditions.requiresCommand("skopeo", "skopeo").toString();
        return new ArrayList<>(List.of(skopeo, "--insecure-policy", "--tmpdir", workDir.resolve("tmp").toString(),
                "--command-timeout", TIMEOUT.toSeconds() + "s", subcommand));
    }

    /** TLS and credential flags; {@code prefix} is {@code --src-}, {@code --dest-} or {@code --}. */
    private List<String> transportFlags(String prefix) {
        List<String> flags = new ArrayList<>();
        if (certDirectory.isPresent()) {
            flags.add(prefix + "cert-dir=" + certDirectory.get());
        } else {
            flags.add(prefix + "tls-verify=false");
        }
        credentials.ifPresent(c -> flags.add(prefix + "creds=" + c.username() + ":" + c.password()));
        return flags;
    }

    private String run(String action, List<String> command) {
        Path home = workDir.resolve("home");
        Path authFile = workDir.resolve("auth.json");
        Path registriesConf = workDir.resolve("registries.conf");
        try {
            Files.createDirectories(workDir.resolve("tmp"));
            Files.createDirectories(home.resolve(".config"));
            Files.createDirectories(workDir.resolve("run"));
            if (!Files.exists(authFile)) {
                Files.writeString(authFile, "{\"auths\":{}}\n", StandardCharsets.UTF_8);
            }
            if (!Files.exists(registriesConf)) {
                Files.writeString(registriesConf, "# no search registries, no mirrors: only fully qualified names\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new FixtureException("Tried to prepare skopeo's private files in " + workDir + " but failed because: "
                    + e.getMessage(), e);
        }
        return Exec.check(action, command, environment -> {
            PROXY_VARIABLES.forEach(environment::remove);
            environment.putAll(Map.of(
                    "HOME", home.toString(),
                    "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                    "XDG_RUNTIME_DIR", workDir.resolve("run").toString(),
                    "REGISTRY_AUTH_FILE", authFile.toString(),
                    "CONTAINERS_REGISTRIES_CONF", registriesConf.toString()));
        }, TIMEOUT);
    }

    private static JsonNode parse(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FixtureException("Tried to read skopeo's answer about " + what + " but failed because it is not JSON: "
                    + e.getOriginalMessage() + "\n" + json, e);
        }
    }
}
