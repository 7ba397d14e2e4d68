package dev.stevedore.examples.cli;

import dev.stevedore.BuildListener;
import dev.stevedore.BuildRequest;
import dev.stevedore.BuildStep;
import dev.stevedore.Image;
import dev.stevedore.ImageArchiveFormat;
import dev.stevedore.ImagePruneReport;
import dev.stevedore.ImageRemoval;
import dev.stevedore.oci.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The image verbs: build, images, tag, pull, push, rmi, save, load, and the {@code image} group. */
final class ImageCommands {
    private ImageCommands() {}

    /** {@code stevedore build}. */
    @Command(name = "build", description = "Build an image from a Dockerfile.")
    static final class Build extends CliCommand {
        @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name and optionally a tag.")
        List<String> tags = new ArrayList<>();
        @Option(names = {"-f", "--file"}, description = "Name of the Dockerfile (default: CONTEXT/Dockerfile).")
        Path file;
        @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Set build-time variables.")
        List<String> buildArgs = new ArrayList<>();
        @Option(names = "--target", description = "Set the target build stage to build.")
        String target;
        @Option(names = "--no-cache", description = "Do not use cache when building the image.")
        boolean noCache;
        @Option(names = "--secret", paramLabel = "id=ID,src=PATH", description = "Secret to expose to the build.")
        List<String> secrets = new ArrayList<>();
        @Option(names = "--progress", description = "plain, tty or auto (default).", defaultValue = "auto")
        String progress;
        @Option(names = {"-q", "--quiet"}, description = "Suppress the build output and print image ID on success.")
        boolean quiet;
        @Parameters(paramLabel = "CONTEXT")
        Path context;

        @Override
        int execute() {
            String mode = progress.toLowerCase(Locale.ROOT);
            if (!List.of("auto", "plain", "tty").contains(mode)) {
                throw new IllegalArgumentException("invalid --progress '" + progress + "': use plain, tty or auto");
            }
            boolean tty = mode.equals("tty") || (mode.equals("auto") && System.console() != null);
            Path dir = context.toAbsolutePath().normalize();
            BuildRequest r = ctx().engine().images().build(dir);
            if (file != null) {
                r = r.dockerfile(file.toAbsolutePath().normalize());
            }
            for (String a : buildArgs) {
                int eq = a.indexOf('=');
                r = eq < 0 ? r.buildArg(a, ctx().env().getOrDefault(a, "")) : r.buildArg(a.substring(0, eq),
                        a.substring(eq + 1));
            }
            for (String s : secrets) {
                r = secret(r, s);
            }
            r = target == null ? r : r.target(target);
            for (String t : tags) {
                r = r.tag(t);
            }
            r = r.noCache(noCache);
            if (!quiet) {
                r = r.listener(new Progress(tty));
            }
            Image image = r.build();
            if (quiet) {
                out().println(image.id());
                return 0;
            }
            out().println("Successfully built " + Listings.shortImageId(image.id()));
            for (String t : tags) {
                out().println("Successfully tagged " + t);
            }
            return 0;
        }

        private BuildRequest secret(BuildRequest r, String spec) {
            String id = null;
            String src = null;
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                switch (key) {
                    case "id" -> id = value;
                    case "src", "source" -> src = value;
                    case "type" -> {
                        if (!value.equals("file")) {
                            throw new IllegalArgumentException("--secret type=" + value + " is not supported in 0.1");
                        }
                    }
                    default -> throw new IllegalArgumentException("unexpected key '" + key + "' in --secret " + spec);
                }
            }
            if (id == null || src == null) {
                throw new IllegalArgumentException("--secret needs id=ID,src=PATH, got '" + spec + "'");
            }
            return r.secret(id, Path.of(src).toAbsolutePath());
        }

        /** Plain progress: one line per step and per line of output; on a terminal, steps only. */
        private final class Progress implements BuildListener {
            private final boolean tty;

            Progress(boolean tty) {
                this.tty = tty;
            }

            @Override
            public synchronized void stepStarted(BuildStep step) {
                err().println(step);
                err().flush();
            }

            @Override
            public synchronized void stepCached(BuildStep step) {
                err().println(step + " CACHED");
                err().flush();
            }

            @Override
            public synchronized void stepDone(BuildStep step, Duration took) {
                if (!tty && step.instruction().startsWith("RUN")) {
                    err().printf(Locale.ROOT, "%s DONE %.1fs%n", step.label(), took.toMillis() / 1000.0);
                    err().flush();
                }
            }

            @Override
            public synchronized void warning(String message) {
                err().println("WARNING: " + message);
            }

            @Override
            public synchronized void output(BuildStep step, String line) {
                if (!tty) {
                    err().println(step.label() + " " + line.stripTrailing());
                    err().flush();
                }
            }
        }
    }

    /** {@code stevedore images}, {@code image ls}. */
    @Command(name = "images", description = "List images.")
    static class Images extends CliCommand {
        @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
        boolean quiet;
        @Option(names = "--format", description = "Format output using a Go-template subset (see docs/cli.md).")
        String format;

        @Override
        int execute() {
            List<Listings.ImageRow> images = ctx().engine().images().list().stream().map(Listings.ImageRow::of)
                    .toList();
            var rows = Listings.images(images, ctx().clock().instant());
            if (quiet) {
                rows.stream().map(r -> r.get("ID")).distinct().forEach(out()::println);
                return 0;
            }
            out().print(OutputFormat.parse(format == null ? Listings.IMAGES_TABLE : format)
                    .render(Listings.IMAGES_HEADERS, rows));
            return 0;
        }
    }

    /** {@code stevedore tag}. */
    @Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE.")
    static final class Tag extends CliCommand {
        @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
        String source;
        @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
        String target;

        @Override
        int execute() {
            ctx().engine().images().tag(source, target);
            return 0;
        }
    }

    /** {@code stevedore pull}. */
    @Command(name = "pull", description = "Download an image from a registry.")
    static final class Pull extends CliCommand {
        @Parameters(paramLabel = "NAME[:TAG|@DIGEST]")
        String reference;

        @Override
        int execute() {
            ImageReference ref = ImageReference.parse(reference);
            out().println(ref.tag().orElse(ref.digest().map(Object::toString).orElse("latest")) + ": Pulling from "
                    + ref.familiarName().replaceFirst("^[^/]*[.:][^/]*/", ""));
            ctx().transfers(new TransferProgress(out(), System.console() != null));
            Image image = ctx().engine().images().pull(reference);
            out().println("Digest: " + image.manifestDigest());
            out().println("Status: Downloaded newer image for " + image.references().get(0));
            out().println(image.references().get(0));
            return 0;
        }
    }

    /** {@code stevedore push}. */
    @Command(name = "push", description = "Upload an image to a registry.")
    static final class Push extends CliCommand {
        @Parameters(paramLabel = "NAME[:TAG]")
        String reference;

        @Override
        int execute() {
            ImageReference ref = ImageReference.parse(reference);
            out().println("The push refers to repository [" + ref.name() + "]");
            ctx().transfers(new TransferProgress(out(), System.console() != null).uploading(true));
            Image image = ctx().engine().images().push(reference);
            out().println(ref.tag().orElse("latest") + ": digest: " + image.manifestDigest() + " size: "
                    + image.manifest().size());
            return 0;
        }
    }

    /** {@code stevedore rmi}, {@code image rm}. */
    @Command(name = "rmi", description = "Remove one or more images.")
    static class Rmi extends CliCommand {
        @Option(names = {"-f", "--force"}, description = "Force removal of the image.")
        boolean force;
        @Parameters(paramLabel = "IMAGE", arity = "1..*")
        List<String> images;

        @Override
        int execute() {
            int code = 0;
            for (String i : images) {
                try {
                    ImageRemoval r = ctx().engine().images().remove(i, force);
                    r.untagged().forEach(u -> out().println("Untagged: " + u));
                    r.deleted().forEach(d -> out().println("Deleted: " + d));
                } catch (RuntimeException e) {
                    err().println("stevedore: Error: " + e.getMessage());
                    code = 1;
                }
            }
            return code;
        }
    }

    /** {@code stevedore image ls}. */
    @Command(name = "ls", aliases = "list", description = "List images.")
    static final class Ls extends Images {}

    /** {@code stevedore image rm}. */
    @Command(name = "rm", aliases = "remove", description = "Remove one or more images.")
    static final class Rm extends Rmi {}

    /** {@code stevedore image prune}. */
    @Command(name = "prune", description = "Remove unused (dangling) images.")
    static final class Prune extends CliCommand {
        @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (there is no prompt).")
        boolean force;

        @Override
        int execute() {
            ImagePruneReport r = ctx().engine().images().prune();
            if (!r.deleted().isEmpty()) {
                out().println("Deleted Images:");
                r.deleted().forEach(d -> out().println("deleted: " + d));
                out().println();
            }
            out().println("Total reclaimed space: " + Human.size(r.bytesFreed()));
            return 0;
        }
    }

    /** {@code stevedore save}. */
    @Command(name = "save", description = "Save one or more images to a tar archive (docker save format).")
    static final class Save extends CliCommand {
        @Option(names = {"-o", "--output"}, required = true, description = "Write to a file.")
        Path output;
        @Option(names = "--format", defaultValue = "docker", description = "docker (default), oci-archive or oci-dir.")
        String format;
        @Parameters(paramLabel = "IMAGE", arity = "1..*")
        List<String> images;

        @Override
        int execute() {
            ImageArchiveFormat f = switch (format) {
                case "docker" -> ImageArchiveFormat.DOCKER_ARCHIVE;
                case "oci-archive" -> ImageArchiveFormat.OCI_ARCHIVE;
                case "oci-dir" -> ImageArchiveFormat.OCI_LAYOUT;
                default -> throw new IllegalArgumentException("unknown --format '" + format
                        + "': use docker, oci-archive or oci-dir");
            };
            ctx().engine().images().exportTo(output.toAbsolutePath(), f, images);
            return 0;
        }
    }

    /** {@code stevedore load}. */
    @Command(name = "load", description = "Load images from a tar archive or an OCI layout.")
    static final class Load extends CliCommand {
        @Option(names = {"-i", "--input"}, required = true, description = "Read from a file or OCI layout directory.")
        Path input;
        @Option(names = "--name", description = "Repository for images the archive leaves unnamed (OCI layouts).")
        String repository;

        @Override
        int execute() {
            List<Image> loaded = repository == null ? ctx().engine().images().importFrom(input.toAbsolutePath())
                    : ctx().engine().images().importFrom(input.toAbsolutePath(), repository);
            for (Image i : loaded) {
                if (i.references().isEmpty()) {
                    out().println("Loaded image ID: " + i.id());
                } else {
                    i.references().forEach(r -> out().println("Loaded image: " + r));
                }
            }
            return 0;
        }
    }

    /** {@code stevedore image ...}. */
    @Command(name = "image", description = "Manage images.",
            subcommands = {Build.class, Ls.class, Tag.class, Pull.class, Push.class, Rm.class, Prune.class,
                Save.class, Load.class, InspectCommand.class})
    static final class ImageGroup extends CliCommand {
        @Override
        int execute() {
            spec.commandLine().usage(out());
            return 0;
        }
    }
}
