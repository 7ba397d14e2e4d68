package dev.stevedore;

import dev.stevedore.BuildSettings.BuildOutput;
import dev.stevedore.BuildSettings.BuildSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Dockerfile build, as {@code docker build}: immutable, every setter returns a new request;
 * {@link #build()} runs it and returns the image, stored and tagged.
 *
 * <pre>{@code
 * Image app = engine.images().build(Path.of("project"))
 *         .dockerfile(Path.of("project/docker/Dockerfile"))    // default: Dockerfile in the context
 *         .buildArg("VERSION", "1.2")
 *         .target("runtime")
 *         .secret("token", Path.of("/run/token"))               // RUN --mount=type=secret,id=token
 *         .tag("app:1.2").tag("app:latest")
 *         .build();
 * }</pre>
 */
public final class BuildRequest {
    private final ImageManager images;
    private final BuildSettings settings;

    BuildRequest(ImageManager images, BuildSettings settings) {
        this.images = images;
        this.settings = settings;
    }

    private BuildRequest with(BuildSettings next) {
        return new BuildRequest(images, next);
    }

    private BuildSettings s() {
        return settings;
    }

    /**
     * Reads the Dockerfile from a file (relative paths resolve against the context).
     *
     * @param path the Dockerfile
     * @return the new request
     */
    public BuildRequest dockerfile(Path path) {
        Path p = s().contextDir().resolve(Objects.requireNonNull(path, "path"));
        return with(s().withDockerfile(Optional.of(p)).withDockerfileText(Optional.empty()));
    }

    /**
     * Uses this text as the Dockerfile (a {@code Dockerfile.dockerignore} is then not looked for).
     *
     * @param text the Dockerfile's text
     * @return the new request
     */
    public BuildRequest dockerfileText(String text) {
        Objects.requireNonNull(text, "text");
        return with(s().withDockerfile(Optional.empty()).withDockerfileText(Optional.of(text)));
    }

    /**
     * Sets a build argument ({@code --build-arg}).
     *
     * @param name the argument's name
     * @param value its value
     * @return the new request
     */
    public BuildRequest buildArg(String name, String value) {
        Map<String, String> args = new LinkedHashMap<>(s().buildArgs());
        args.put(requireName(name), Objects.requireNonNull(value, "value"));
        return with(s().withBuildArgs(args));
    }

    /**
     * Builds this stage instead of the last one ({@code --target}).
     *
     * @param stage the stage's name
     * @return the new request
     */
    public BuildRequest target(String stage) {
        return with(s().withTarget(Optional.of(requireName(stage))));
    }

    /**
     * Adds a label to the image ({@code --label}), over the Dockerfile's.
     *
     * @param key the label's key
     * @param value its value
     * @return the new request
     */
    public BuildRequest label(String key, String value) {
        Map<String, String> labels = new LinkedHashMap<>(s().labels());
        labels.put(requireName(key), Objects.requireNonNull(value, "value"));
        return with(s().withLabels(labels));
    }

    /**
     * Tags the image ({@code -t}); may be given several times.
     *
     * @param reference such as {@code app:1}
     * @return the new request
     */
    public BuildRequest tag(String reference) {
        ImageNames.parse(reference);
        List<String> tags = new ArrayList<>(s().tags());
        tags.add(reference);
        return with(s().withTags(tags));
    }

    /**
     * Ignores the build cache ({@code --no-cache}); results still go into it.
     *
     * @param on whether to ignore it
     * @return the new request
     */
    public BuildRequest noCache(boolean on) {
        return with(s().withNoCache(on));
    }

    /**
     * Says when base images are pulled ({@code --pull}); default {@link PullPolicy#MISSING}.
     *
     * @param policy the policy
     * @return the new request
     */
    public BuildRequest pull(PullPolicy policy) {
        return with(s().withPull(Objects.requireNonNull(policy, "policy")));
    }

    /**
     * Offers a secret from a file, read when the build starts ({@code --secret id=..,src=..}).
     *
     * @param id the secret's id, as in {@code RUN --mount=type=secret,id=...}
     * @param file the file holding it
     * @return the new request
     */
    public BuildRequest secret(String id, Path file) {
        return secret(id, new BuildSecret(Optional.of(Objects.requireNonNull(file, "file")), Optional.empty()));
    }

    /**
     * Offers a secret's bytes.
     *
     * @param id the secret's id, as in {@code RUN --mount=type=secret,id=...}
     * @param value the secret
     * @return the new request
     */
    public BuildRequest secret(String id, byte[] value) {
        return secret(id, new BuildSecret(Optional.empty(), Optional.of(Objects.requireNonNull(value, "value"))));
    }

    /**
     * Offers a secret's text, as UTF-8.
     *
     * @param id the secret's id
     * @param value the secret
     * @return the new request
     */
    public BuildRequest secret(String id, String value) {
        return secret(id, Objects.requireNonNull(value, "value").getBytes(StandardCharsets.UTF_8));
    }

    private BuildRequest secret(String id, BuildSecret secret) {
        Map<String, BuildSecret> secrets = new HashMap<>(s().secrets());
        secrets.put(requireName(id), secret);
        return with(s().withSecrets(secrets));
    }

    /**
     * Makes the image reproducible ({@code SOURCE_DATE_EPOCH}): the config's and the history's
     * {@code created} are this instant, and layer files newer than it get it as mtime.
     *
     * @param epoch the instant
     * @return the new request
     */
    public BuildRequest sourceDateEpoch(Instant epoch) {
        return with(s().withSourceDateEpoch(Optional.of(Objects.requireNonNull(epoch, "epoch"))));
    }

    /**
     * Receives progress (must be thread-safe).
     *
     * @param listener the listener
     * @return the new request
     */
    public BuildRequest listener(BuildListener listener) {
        return with(s().withListener(Objects.requireNonNull(listener, "listener")));
    }

    /**
     * Also exports the image to an archive or layout once built ({@code docker build --output});
     * may be given several times. The image is exported under its tags (its id when untagged).
     *
     * <pre>{@code request.tag("app:1").outputTo(Path.of("app.tar"), ImageArchiveFormat.DOCKER_ARCHIVE)}</pre>
     *
     * @param target the file or directory
     * @param format the format
     * @return the new request
     */
    public BuildRequest outputTo(Path target, ImageArchiveFormat format) {
        List<BuildOutput> outputs = new ArrayList<>(s().outputs());
        outputs.add(new BuildOutput(Objects.requireNonNull(target, "target").toAbsolutePath(), format));
        return with(s().withOutputs(outputs));
    }

    /**
     * Pushes every tag to its registry once built ({@code docker build --push}).
     *
     * @param on whether to push
     * @return the new request
     */
    public BuildRequest push(boolean on) {
        return with(s().withPush(on));
    }

    /**
     * Runs the build.
     *
     * @return the image, in the store, tagged with every {@link #tag(String)}
     * @throws BuildException if a step fails (no tag is then created or moved)
     * @throws ImageArchiveException if an {@link #outputTo} cannot be written
     * @throws PushException if a {@link #push(boolean) push} fails
     * @throws dev.stevedore.dockerfile.DockerfileException if the Dockerfile is malformed
     */
    public Image build() {
        return new BuilderRun(images, settings).run();
    }

    private static String requireName(String name) {
        if (Objects.requireNonNull(name, "name").isEmpty()) {
            throw new IllegalArgumentException("a name must not be empty");
        }
        return name;
    }

    @Override
    public String toString() {
        return "BuildRequest[" + settings.contextDir() + ", tags " + settings.tags() + "]";
    }
}
