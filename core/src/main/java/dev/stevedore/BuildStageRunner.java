package dev.stevedore;

import dev.stevedore.dockerfile.ArgDeclaration;
import dev.stevedore.dockerfile.BuildStage;
import dev.stevedore.dockerfile.Dockerfile;
import dev.stevedore.dockerfile.DockerfileException;
import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.dockerfile.KeyValue;
import dev.stevedore.oci.ContainerConfig;
import dev.stevedore.oci.HealthCheck;
import dev.stevedore.oci.ImageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Runs one stage's steps, FROM first; each step maps the stage's state to the next. */
final class BuildStageRunner {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final BuilderRun build;
    private final BuildStage stage;
    private final BuildScope scope;
    private final String name;

    BuildStageRunner(BuilderRun build, BuildStage stage, BuildScope scope) {
        this.build = build;
        this.stage = stage;
        this.scope = scope;
        this.name = stage.name().orElse("stage-" + stage.index());
    }

    BuildState run() {
        int count = stage.instructions().size() + 1;
        BuildStep fromStep = step(1, count, stage.from());
        BuildState state = timed(fromStep, () -> from(fromStep));
        state = onBuildTriggers(state, fromStep);
        for (int i = 0; i < stage.instructions().size(); i++) {
            Instruction instruction = stage.instructions().get(i);
            BuildStep step = step(i + 2, count, instruction);
            BuildState before = state;
            state = timed(step, () -> apply(instruction, before, step));
        }
        return state;
    }

    private BuildStep step(int number, int count, Instruction i) {
        return new BuildStep(name, number, count, build.line(i.location().startLine()), i.location().startLine());
    }

    private interface StepBody {
        BuildState run();
    }

    private BuildState timed(BuildStep step, StepBody body) {
        build.checkRunning();
        long start = System.nanoTime();
        build.listener().stepStarted(step);
        BuildState next;
        try {
            next = body.run();
        } catch (BuildException e) {
            throw e;
        } catch (RuntimeException e) {
            throw fail(step, e.getMessage(), e);
        }
        build.listener().stepDone(step, Duration.ofNanos(System.nanoTime() - start));
        return next;
    }

    static BuildException fail(BuildStep step, String message, Throwable cause) {
        return new BuildException(step, "Dockerfile:" + step.line() + ": " + step + ": " + message, cause);
    }

    private BuildState from(BuildStep step) {
        BuildFromPlatform.check(step, stage.from(), scope, build.images.platform());
        String ref = scope.expandGlobal(stage.from().image());
        Optional<Integer> earlier = build.stageIndex(ref, stage.index());
        if (earlier.isPresent()) {
            BuildState s = build.stage(earlier.get());
            return new BuildState(s.layers(), s.image(), BuildCache.key(s.cacheKey(), "FROM stage"), false);
        }
        if (ref.equalsIgnoreCase("scratch")) {
            ImageConfig empty = ImageConfig.of(build.images.platform());
            empty = empty.withConfig(empty.config().withEnv(List.of(DEFAULT_PATH)));
            return new BuildState(List.of(), empty, BuildCache.key("FROM scratch"), false);
        }
        Image image = build.baseImage(ref);
        ImageConfig base = image.config();
        if (base.config().env().stream().noneMatch(e -> e.startsWith("PATH="))) {
            List<String> env = new ArrayList<>(base.config().env());
            env.add(0, DEFAULT_PATH);
            base = base.withConfig(base.config().withEnv(env));
        }
        return new BuildState(image.layers(), base, BuildCache.key("FROM", image.manifestDigest().toString()), false);
    }

    /** Runs the base image's ONBUILD triggers, then clears them (grandchildren do not inherit them). */
    private BuildState onBuildTriggers(BuildState state, BuildStep fromStep) {
        List<String> triggers = state.config().onBuild();
        if (triggers.isEmpty()) {
            return state;
        }
        BuildState s = state.withConfig(state.config().withOnBuild(List.of()), state.cacheKey());
        for (String trigger : triggers) {
            Dockerfile df;
            try {
                df = Dockerfile.parse("ONBUILD", "FROM scratch\n" + trigger + "\n");
            } catch (DockerfileException e) {
                throw fail(fromStep, "cannot parse ONBUILD trigger " + trigger + ": " + e.getMessage(), e);
            }
            Instruction i = df.stages().get(0).instructions().get(0);
            s = apply(i, s, fromStep);
        }
        return s;
    }

    private BuildState apply(Instruction instruction, BuildState s, BuildStep step) {
        List<String> env = s.config().env();
        ContainerConfig c = s.config();
        if (instruction instanceof Instruction.Run run) {
            return new BuildStepRun(build, step, scope, stage.index()).run(run, s);
        } else if (instruction instanceof Instruction.Copy copy) {
            return new BuildCopy(build, step, scope, stage.index()).copy(copy, s);
        } else if (instruction instanceof Instruction.Add add) {
            return new BuildCopy(build, step, scope, stage.index()).add(add, s);
        } else if (instruction instanceof Instruction.Env e) {
            List<String> parts = new ArrayList<>();
            for (KeyValue kv : e.variables()) {
                String key = scope.expand(kv.key(), c.env());
                String value = scope.expand(kv.value(), c.env());
                c = c.withEnvVariable(key, value);
                parts.add(key + "=" + value);
            }
            return config(s, c, "ENV " + String.join(" ", parts));
        } else if (instruction instanceof Instruction.Arg a) {
            List<String> parts = new ArrayList<>();
            for (ArgDeclaration d : a.declarations()) {
                Optional<String> v = scope.declare(d, env);
                parts.add(d.name() + v.map(x -> "=" + x).orElse(""));
            }
            return config(s, c, "ARG " + String.join(" ", parts));
        } else if (instruction instanceof Instruction.Label l) {
            Map<String, String> labels = new TreeMap<>(c.labels());
            List<String> parts = new ArrayList<>();
            for (KeyValue kv : l.labels()) {
                String key = scope.expand(kv.key(), env);
                String value = scope.expand(kv.value(), env);
                labels.put(key, value);
                parts.add(key + "=" + value);
            }
            return config(s, c.withLabels(labels), "LABEL " + String.join(" ", parts));
        } else if (instruction instanceof Instruction.Maintainer m) {
            BuildState next = s.withImage(s.image().withAuthor(m.maintainer()));
            return config(next, c, "MAINTAINER " + m.maintainer());
        } else if (instruction instanceof Instruction.Expose x) {
            Set<String> ports = new TreeSet<>(c.exposedPorts());
            List<String> added = new ArrayList<>();
            for (String p : x.ports()) {
                for (String word : scope.expandWords(p, env)) {
                    String port = word.contains("/") ? word.toLowerCase(Locale.ROOT) : word + "/tcp";
                    ports.add(port);
                    added.add(port);
                }
            }
            return config(s, c.withExposedPorts(ports), "EXPOSE " + BuildHistory.goPlain(added));
        } else if (instruction instanceof Instruction.Volume v) {
            Set<String> volumes = new TreeSet<>(c.volumes());
            List<String> added = new ArrayList<>();
            for (String p : v.paths()) {
                String path = scope.expand(p.strip(), env);
                if (path.isEmpty()) {
                    throw fail(step, "VOLUME specified can not be an empty string", null);
                }
                volumes.add(path);
                added.add(path);
            }
            return config(s, c.withVolumes(volumes), "VOLUME " + BuildHistory.goPlain(added));
        } else if (instruction instanceof Instruction.User u) {
            String user = scope.expand(u.user(), env);
            return config(s, c.withUser(user), "USER " + user);
        } else if (instruction instanceof Instruction.Workdir w) {
            return new BuildWorkdir(build, step, scope).workdir(w, s);
        } else if (instruction instanceof Instruction.Stopsignal x) {
            String signal = scope.expand(x.signal(), env);
            return config(s, c.withStopSignal(signal), "STOPSIGNAL " + signal);
        } else if (instruction instanceof Instruction.Cmd cmd) {
            List<String> args = cmd.command().toArgv(shell(c));
            return config(s, c.withCmd(args), "CMD " + BuildHistory.goQuoted(args)).withCmdSet();
        } else if (instruction instanceof Instruction.Entrypoint ep) {
            List<String> args = ep.command().toArgv(shell(c));
            ContainerConfig next = c.withEntrypoint(args);
            if (!s.cmdSet()) {
                next = next.withCmd(List.of());
            }
            return config(s, next, "ENTRYPOINT " + BuildHistory.goQuoted(args));
        } else if (instruction instanceof Instruction.Shell sh) {
            return config(s, c.withShell(sh.shell()), "SHELL " + BuildHistory.goPlain(sh.shell()));
        } else if (instruction instanceof Instruction.Healthcheck h) {
            HealthCheck check = HealthCheck.of(h.test());
            if (!h.isNone()) {
                check = check.withInterval(h.interval()).withTimeout(h.timeout()).withStartPeriod(h.startPeriod())
                        .withStartInterval(h.startInterval()).withRetries(h.retries());
            }
            return config(s, c.withHealthcheck(check), "HEALTHCHECK " + BuildHistory.healthcheck(check.test(),
                    check.interval(), check.timeout(), check.startPeriod(), check.startInterval(), check.retries()));
        } else if (instruction instanceof Instruction.Onbuild o) {
            String text = build.lines(o.location().startLine(), o.location().endLine()).strip();
            String trigger = text.substring(text.indexOf(' ') + 1).strip();
            List<String> triggers = new ArrayList<>(c.onBuild());
            triggers.add(trigger);
            return config(s, c.withOnBuild(triggers), "ONBUILD " + trigger);
        }
        throw fail(step, "unsupported instruction " + instruction.keyword(), null);
    }

    static List<String> shell(ContainerConfig c) {
        return c.shell().isEmpty() ? DEFAULT_SHELL : c.shell();
    }

    private BuildState config(BuildState s, ContainerConfig c, String createdBy) {
        return s.withConfig(c, BuildCache.key(s.cacheKey(), createdBy))
                .withEmptyStep(build.emptyStep(s, createdBy));
    }
}
