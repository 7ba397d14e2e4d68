package dev.stevedore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Everything a {@link BuildRequest} says, as one immutable value. */
record BuildSettings(Path contextDir, Optional<Path> dockerfile, Optional<String> dockerfileText,
        Map<String, String> buildArgs, Optional<String> target, Map<String, String> labels, List<String> tags,
        boolean noCache, PullPolicy pull, Map<String, BuildSecret> secrets, Optional<Instant> sourceDateEpoch,
        BuildListener listener, List<BuildOutput> outputs, boolean push) {

    BuildSettings {
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(dockerfileText, "dockerfileText");
        buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        Objects.requireNonNull(target, "target");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        tags = List.copyOf(tags);
        Objects.requireNonNull(pull, "pull");
        secrets = Map.copyOf(secrets);
        Objects.requireNonNull(sourceDateEpoch, "sourceDateEpoch");
        Objects.requireNonNull(listener, "listener");
        outputs = List.copyOf(outputs);
    }

    static BuildSettings of(Path contextDir) {
        return new BuildSettings(contextDir, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                List.of(), false, PullPolicy.MISSING, Map.of(), Optional.empty(), BuildListener.NONE, List.of(),
                false);
    }

    BuildSettings withContextDir(Path value) {
        return new BuildSettings(value, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withDockerfile(Optional<Path> value) {
        return new BuildSettings(contextDir, value, dockerfileText, buildArgs, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withDockerfileText(Optional<String> value) {
        return new BuildSettings(contextDir, dockerfile, value, buildArgs, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withBuildArgs(Map<String, String> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, value, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withTarget(Optional<String> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, value, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withLabels(Map<String, String> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, value, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withTags(List<String> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, value, noCache, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withNoCache(boolean value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, value, pull, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withPull(PullPolicy value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, value, secrets, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withSecrets(Map<String, BuildSecret> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, pull, value, sourceDateEpoch, listener, outputs, push);
    }

    BuildSettings withSourceDateEpoch(Optional<Instant> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, pull, secrets, value, listener, outputs, push);
    }

    BuildSettings withListener(BuildListener value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, value, outputs, push);
    }

    BuildSettings withOutputs(List<BuildOutput> value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, value, push);
    }

    BuildSettings withPush(boolean value) {
        return new BuildSettings(contextDir, dockerfile, dockerfileText, buildArgs, target, labels, tags, noCache, pull, secrets, sourceDateEpoch, listener, outputs, value);
    }

    /** An archive the image is exported to after the build. */
    record BuildOutput(Path target, ImageArchiveFormat format) {
        BuildOutput {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(format, "format");
        }
    }

    /** A secret's bytes, from a file read when the build starts or given directly. */
    record BuildSecret(Optional<Path> file, Optional<byte[]> bytes) {
        BuildSecret {
            Objects.requireNonNull(file, "file");
            bytes = bytes.map(byte[]::clone);
        }

        byte[] read() {
            if (bytes.isPresent()) {
                return bytes.get().clone();
            }
            try {
                return Files.readAllBytes(file.orElseThrow());
            } catch (IOException e) {
                throw new BuildException("cannot read secret file " + file.orElseThrow() + ": " + e.getMessage(), e);
            }
        }
    }
}
