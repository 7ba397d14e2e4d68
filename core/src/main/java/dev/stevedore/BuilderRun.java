package dev.stevedore;

import dev.stevedore.dockerfile.BuildArgs;
import dev.stevedore.dockerfile.BuildStage;
import dev.stevedore.dockerfile.Dockerfile;
import dev.stevedore.dockerfile.IgnoreFile;
import dev.stevedore.dockerfile.IgnoreFiles;
import dev.stevedore.dockerfile.ParseWarning;
import dev.stevedore.dockerfile.ShellLexer;
import dev.stevedore.dockerfile.StageGraph;
import dev.stevedore.dockerfile.StageNode;
import dev.stevedore.dockerfile.StageNotFoundException;
import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.LayerWriter;
import dev.stevedore.layerstore.Lease;
import dev.stevedore.oci.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One build: parses the Dockerfile, resolves its stage graph ({@link StageGraph}: the target
 * and the stages it needs), builds those stages on the engine's executor (independent ones in
 * parallel, each once), then commits and tags the image. Temporary directories live under
 * {@code <home>/builds/<id>/} ({@link BuildDirs}) and are removed at the end; everything written to the store is
 * under one lease until the image (or a cache hold) keeps it.
 */
final class BuilderRun {
    final ImageManager images;
    final BuildSettings settings;
    final LayerStore store;
    final BuildCache cache;
    final Instant created;
    final LayerWriter writer;
    private Dockerfile dockerfile;
    private String[] lines;
    private IgnoreFile ignore;
    private BuildScope global;
    private ShellLexer lexer;
    private Path workRoot;
    private Lease lease;
    private final Map<Integer, CompletableFuture<BuildState>> stages = new ConcurrentHashMap<>();
    private volatile boolean failed;
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    private int counter;
    private BuildContextHashes contextHashes;
    private BuildContextHashes snapshotHashes;

    BuilderRun(ImageManager images, BuildSettings settings) {
        this.images = images;
        this.settings = settings;
        this.store = images.engine().store();
        this.cache = new BuildCache(store);
        this.created = settings.sourceDateEpoch().orElseGet(Instant::now);
        this.writer = LayerWriter.builder().sourceDateEpoch(settings.sourceDateEpoch()).build();
    }

    Image run() {
        Path dockerfilePath = settings.dockerfile().orElse(settings.contextDir().resolve("Dockerfile"));
        String text;
        if (settings.dockerfileText().isPresent()) {
            text = settings.dockerfileText().get();
        } else {
            try {
                text = Files.readString(dockerfilePath, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BuildException("cannot read the Dockerfile " + dockerfilePath + ": " + e, e);
            }
        }
        dockerfile = Dockerfile.parse(dockerfilePath.getFileName().toString(), text);
        lines = text.split("\n", -1);
        lexer = ShellLexer.withEscape(dockerfile.escapeToken());
        global = BuildScope.global(lexer, dockerfile.globalArgs(), settings.buildArgs(), images.platform());
        try {
            ignore = settings.dockerfileText().isPresent()
                    ? IgnoreFiles.forBuild(settings.contextDir(), settings.contextDir().resolve("Dockerfile"))
                    : IgnoreFiles.forBuild(settings.contextDir(), dockerfilePath);
        } catch (IOException e) {
            throw new BuildException("cannot read the .dockerignore of " + settings.contextDir() + ": " + e, e);
        }
        StageGraph graph;
        try {
            BuildArgs args = BuildArgs.of(settings.buildArgs());
            graph = StageGraph.resolve(dockerfile, settings.target().map(args::withTarget).orElse(args));
        } catch (StageNotFoundException e) {
            throw new BuildException("target stage \"" + settings.target().orElse("") + "\" could not be found: "
                    + e.getMessage(), e);
        }
        for (ParseWarning w : dockerfile.warnings()) {
            if (w.kind() != ParseWarning.Kind.EMPTY_CONTINUATION) { // the checks report it (NoEmptyContinuation)
                settings.listener().warning("Dockerfile:" + w.line() + ": " + w.message());
            }
        }
        BuildLint.run(this, dockerfile, global, ignore.matcher());
        lease = store.lease(Duration.ofHours(6));
        try (BuildDirs dirs = BuildDirs.open(images.engine().home())) {
            workRoot = dirs.dir();
            try {
                schedule(graph);
                BuildState state = stage(graph.target().index());
                return BuildCommit.commit(this, state);
            } finally {
                failed = true;
                awaitAll();
                saveContextHashes();
            }
        } catch (IOException e) {
            throw new BuildException("cannot create a build directory under " + images.engine().home() + ": " + e, e);
        } finally {
            lease.close();
        }
    }

    /**
     * Starts every stage the target needs on the engine's executor, each once the stages it
     * reads are done: independent stages run in parallel.
     */
    private void schedule(StageGraph graph) {
        Executor executor = images.engine().executor();
        for (StageNode node : graph.buildOrder()) {
            List<CompletableFuture<BuildState>> deps = graph.dependencies(node).stream()
                    .map(d -> stages.get(d.index())).filter(Objects::nonNull).toList();
            CompletableFuture<BuildState> future = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> runStage(node.index()), executor);
            stages.put(node.index(), future);
        }
    }

    private BuildState runStage(int index) {
        checkRunning();
        try {
            return new BuildStageRunner(this, dockerfile.stages().get(index), global.stage()).run();
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
            failed = true;
            throw e;
        }
    }

    /** Stops a stage between steps once another stage failed. */
    void checkRunning() {
        if (failed) {
            throw new BuildException("the build was stopped: another stage failed", null);
        }
    }

    /** A stage's final state: waits for it if scheduled, else builds it here. */
    BuildState stage(int index) {
        CompletableFuture<BuildState> future = stages.get(index);
        if (future == null) {
            BuildState state = runStage(index);
            future = stages.putIfAbsent(index, CompletableFuture.completedFuture(state));
            if (future == null) {
                return state;
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            RuntimeException first = firstFailure.get();
            if (first != null) {
                throw first;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void awaitAll() {
        for (CompletableFuture<BuildState> f : stages.values()) {
            try {
                f.join();
            } catch (RuntimeException e) {
                // reported by the stage that needed it, or irrelevant to the target
            }
        }
    }

    /** The index of an earlier stage named (case-insensitively) or numbered so. */
    Optional<Integer> stageIndex(String nameOrIndex, int before) {
        String name = nameOrIndex.toLowerCase(Locale.ROOT);
        List<BuildStage> stages = dockerfile.stages();
        for (int i = 0; i < before && i < stages.size(); i++) {
            if (stages.get(i).name().map(name::equals).orElse(false)) {
                return Optional.of(i);
            }
        }
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 6) {
            int i = Integer.parseInt(name);
            if (i < before) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** An image for FROM or --from, as the pull policy says. */
    Image baseImage(String reference) {
        return switch (settings.pull()) {
            case MISSING -> images.resolveForRun(reference);
            case ALWAYS -> images.pull(reference);
            case NEVER -> images.inspect(reference);
        };
    }

    /** The text of a Dockerfile line (1-based). */
    String line(int number) {
        return number >= 1 && number <= lines.length ? lines[number - 1].strip() : "";
    }

    /** The Dockerfile lines {@code from..to}, joined with line ends. */
    String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to && i <= lines.length; i++) {
            b.append(lines[i - 1]).append('\n');
        }
        return b.toString();
    }

    /** A fresh directory for one step. */
    synchronized Path stepDir(String what) {
        Path dir = workRoot.resolve(what + "-" + (++counter));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BuildException("cannot create " + dir + ": " + e, e);
        }
    }

    /** The time of a new step: SOURCE_DATE_EPOCH when given, else now. */
    Instant now() {
        return settings.sourceDateEpoch().orElseGet(Instant::now);
    }

    /**
     * The time of a step that made no layer: that of the stage's last history entry, so a build
     * whose layers all come from the cache makes the same image (SOURCE_DATE_EPOCH when given);
     * empty before a {@code FROM scratch} stage's first layer (dated at commit, see
     * {@link BuildHistory#dateLeading}).
     */
    Optional<Instant> lastDated(BuildState state) {
        if (settings.sourceDateEpoch().isPresent()) {
            return settings.sourceDateEpoch();
        }
        List<History> history = state.image().history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).created().isPresent()) {
                return history.get(i).created();
            }
        }
        return state.image().created();
    }

    /** As {@link #lastDated}, the build's time when there is none. */
    Instant lastCreated(BuildState state) {
        return lastDated(state).orElse(created);
    }

    /** The history entry of a step that made no layer. */
    History emptyStep(BuildState state, String createdBy) {
        return lastDated(state).map(t -> BuildHistory.of(t, createdBy)).orElseGet(() -> BuildHistory.undated(createdBy));
    }

    History history(Instant when, String createdBy) {
        return BuildHistory.of(settings.sourceDateEpoch().orElse(when), createdBy);
    }

    /** The remembered content digests of the context's files, loaded on first use. */
    synchronized BuildContextHashes contextHashes() {
        if (contextHashes == null) {
            contextHashes = BuildContextHashes.open(images.engine().home(), settings.contextDir());
        }
        return contextHashes;
    }

    /** The remembered content digests of snapshot files (for {@code COPY --from}), loaded on first use. */
    synchronized BuildContextHashes snapshotHashes() {
        if (snapshotHashes == null) {
            snapshotHashes = BuildContextHashes.openSnapshots(images.engine().home());
        }
        return snapshotHashes;
    }

    private synchronized void saveContextHashes() {
        if (contextHashes != null) {
            contextHashes.save();
        }
        if (snapshotHashes != null) {
            snapshotHashes.save();
        }
    }

    ShellLexer lexer() {
        return lexer;
    }

    IgnoreFile ignore() {
        return ignore;
    }

    Lease lease() {
        return lease;
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    BuildListener listener() {
        return settings.listener();
    }
}
