package dev.stevedore;

import dev.stevedore.dockerfile.Heredoc;
import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.dockerfile.Mount;
import dev.stevedore.dockerfile.NetworkMode;
import dev.stevedore.dockerfile.SecurityMode;
import dev.stevedore.layerstore.LayerRef;
import dev.stevedore.layerstore.LayerSource;
import dev.stevedore.layerstore.Snapshot;
import dev.stevedore.layerstore.WrittenLayer;
import dev.stevedore.oci.ContainerConfig;
import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.Network;
import dev.stevedore.sandbox.ProcessSpec;
import dev.stevedore.sandbox.Rootfs;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * RUN: the command runs in a sandbox on overlay(the stage's snapshots, a fresh upper dir); the
 * upper dir becomes the layer and, moved into place, the next snapshot. Mount points the sandbox
 * or a {@code --mount} created are removed from the upper dir first, so secrets and
 * {@code /etc/hosts} never reach a layer.
 */
final class BuildStepRun {
    private final BuilderRun build;
    private final BuildStep step;
    private final BuildScope scope;
    private final int stageIndex;

    BuildStepRun(BuilderRun build, BuildStep step, BuildScope scope, int stageIndex) {
        this.build = build;
        this.step = step;
        this.scope = scope;
        this.stageIndex = stageIndex;
    }

    BuildState run(Instruction.Run run, BuildState s) {
        ContainerConfig c = s.config();
        List<String> argv = argv(run, c);
        List<String> env = scope.runEnv(c.env());
        String cwd = c.workingDir().orElse("/");
        Optional<NetworkMode> network = run.network();
        List<Mount> mounts = run.mounts(word -> scope.expand(word, c.env()));
        if (!run.devices().isEmpty()) {
            throw BuildStageRunner.fail(step, "RUN --device is not supported yet", null);
        }
        if (run.security().filter(m -> m != SecurityMode.SANDBOX).isPresent()) {
            throw BuildStageRunner.fail(step, "RUN --security=insecure is not supported", null);
        }
        String inputs;
        try {
            inputs = BuildRunMounts.inputDigest(build, mounts) + BuildMountFrom.inputDigest(build, stageIndex, mounts);
        } catch (IOException e) {
            throw BuildStageRunner.fail(step, "cannot read a bind mount's source: " + e, e);
        }
        String createdBy = "RUN " + BuildHistory.argsPrefix(scope.historyArgs(c.env())) + String.join(" ", argv)
                + " # buildkit";
        String key = BuildCache.key(s.cacheKey(), "RUN", String.join("\0", argv), String.join("\0", env),
                c.user().orElse(""), cwd, network.map(NetworkMode::value).orElse("default"),
                String.join("\0", run.mountSpecs().stream().map(m -> scope.expand(m, c.env())).toList()), inputs);
        if (!build.settings.noCache()) {
            Optional<BuildCache.Entry> hit = build.cache.lookup(key);
            if (hit.isPresent()) {
                build.listener().stepCached(step);
                return s.withLayer(hit.get().layer(), build.history(hit.get().created(), createdBy), key);
            }
        }
        Path dir = build.stepDir("run");
        try (BuildRunMounts runMounts = BuildRunMounts.of(build, step, stageIndex, mounts, dir.resolve("mounts"))) {
            List<Path> lowers = BuildLayers.lowers(build, s);
            if (lowers.isEmpty()) {
                lowers = List.of(Files.createDirectories(dir.resolve("empty")));
            }
            Path upper = dir.resolve("upper");
            List<String> processEnv = new ArrayList<>(env);
            processEnv.addAll(runMounts.env());
            ProcessSpec process = ProcessSpec.of(argv).withEnv(processEnv).withCwd(cwd);
            if (c.user().isPresent() && !c.user().get().isEmpty()) {
                process = process.withUser(c.user().get());
            }
            SandboxSpec.Builder spec = SandboxSpec.builder(dir.resolve("state"),
                    Rootfs.overlay(lowers, upper, dir.resolve("work")), process)
                    .network(network.filter(n -> n == NetworkMode.NONE).isPresent() ? Network.none() : Network.host());
            runMounts.mounts().forEach(spec::mount);
            BuildRunOutput output = new BuildRunOutput(build.listener(), step);
            ExitStatus status;
            Sandbox sandbox = build.images.engine().sandboxRuntime().start(spec.build(), output);
            try {
                status = sandbox.waitFor();
            } finally {
                sandbox.remove();
            }
            output.flush();
            if (!status.success()) {
                String reason = status.signal().isPresent() ? "was killed by signal " + status.signal().getAsInt()
                        : "did not complete successfully: exit code: " + status.exitCode();
                List<String> last = output.last();
                throw new BuildException(Optional.of(step), "Dockerfile:" + step.line() + ": " + step
                        + ": process \"" + String.join(" ", argv) + "\" " + reason
                        + (last.isEmpty() ? "" : "\nlast output:\n  " + String.join("\n  ", last)),
                        OptionalInt.of(status.exitCode()), last, null);
            }
            runMounts.clean(upper, BuildRootfs.of(lowers));
            WrittenLayer layer = build.store.writeLayer(build.writer, upper, LayerSource.overlayUpper(), build.lease());
            Snapshot snapshot = build.store.snapshots().commitUpper(upper, s.chainId(), layer.diffId());
            LayerRef ref = new LayerRef(layer.descriptor(), layer.diffId());
            java.time.Instant now = build.now();
            build.cache.put(key, ref, now, snapshot.chainId(), build.lease());
            return s.withLayer(ref, build.history(now, createdBy), key);
        } catch (IOException e) {
            throw BuildStageRunner.fail(step, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BuildStageRunner.fail(step, "interrupted", e);
        } finally {
            BuildFiles.deleteTree(dir);
        }
    }

    /** The command: exec form as is; shell form (with its heredocs, which the shell reads) after SHELL. */
    static List<String> argv(Instruction.Run run, ContainerConfig c) {
        if (run.command().execForm()) {
            return run.command().arguments();
        }
        String command = String.join(" ", run.command().arguments()).strip();
        if (run.heredocs().size() == 1 && command.matches("[0-9]*<<-?\\S+")) {
            List<String> argv = new ArrayList<>(BuildStageRunner.shell(c));
            argv.add(run.heredocs().get(0).strippedContent());
            return argv;
        }
        StringBuilder script = new StringBuilder(command);
        for (Heredoc h : run.heredocs()) {
            script.append('\n').append(h.content());
            if (!h.content().endsWith("\n") && !h.content().isEmpty()) {
                script.append('\n');
            }
            script.append(h.name());
        }
        List<String> argv = new ArrayList<>(BuildStageRunner.shell(c));
        argv.add(script.toString());
        return argv;
    }

    static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
