package dev.stevedore.examples.cli;

import dev.stevedore.Image;
import dev.stevedore.ImagePruneReport;
import dev.stevedore.ImageRemoval;
import dev.stevedore.oci.ImageReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The local image verbs (images, tag, rmi, image prune) and the {@code image} group; build,
 * pull/push and save/load live in {@link BuildCommands}, {@link TransferCommands} and
 * {@link ArchiveCommands}.
 */
final class ImageCommands {
    private ImageCommands() {}

    /** {@code stevedore images}, {@code image ls}. */
    @Command(name = "images", description = "List images.")
    static class Images extends CliCommand {
        @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
        boolean quiet;
        @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
                description = "Filter output: dangling=true|false, reference=PATTERN, label=KEY[=VALUE].")
        List<String> filters = new ArrayList<>();
        @Option(names = "--format", description = "Format output using a Go-template subset (see docs/cli.md).")
        String format;

        @Override
        int execute() {
            ListFilters f = ListFilters.parse(filters, Set.of("dangling", "reference", "label"));
            for (String d : f.values("dangling")) {
                if (!d.equalsIgnoreCase("true") && !d.equalsIgnoreCase("false")) {
                    throw new CliException(1, "Invalid filter 'dangling=" + d + "'");
                }
            }
            List<Listings.ImageRow> images = new ArrayList<>();
            for (Image image : ctx().engine().images().list()) {
                filtered(f, image).ifPresent(images::add);
            }
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

    /**
     * The image's row if it passes the filters; a {@code reference} filter keeps only the
     * references it matches (Go's {@code path.Match} on {@code name:tag} or {@code name}, familiar form).
     */
    static Optional<Listings.ImageRow> filtered(ListFilters f, Image image) {
        boolean dangling = image.references().isEmpty();
        if (!f.matches("dangling", d -> Boolean.parseBoolean(d.toLowerCase(Locale.ROOT)) == dangling)
                || !f.matches("label", l -> ListFilters.label(image.config().config().labels(), l))) {
            return Optional.empty();
        }
        Listings.ImageRow row = Listings.ImageRow.of(image);
        if (!f.has("reference")) {
            return Optional.of(row);
        }
        List<String> refs = image.references().stream().filter(r -> f.matches("reference", pattern -> {
            ImageReference parsed = ImageReference.parse(r);
            return ListFilters.glob(pattern, parsed.familiar()) || ListFilters.glob(pattern, parsed.familiarName());
        })).toList();
        return refs.isEmpty() ? Optional.empty()
                : Optional.of(new Listings.ImageRow(refs, row.id(), row.created(), row.size()));
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
    @Command(name = "prune", description = "Remove unused images (dangling ones; with -a, every image no container uses).")
    static final class Prune extends CliCommand {
        @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones.")
        boolean all;
        @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (there is no prompt).")
        boolean force;

        @Override
        int execute() {
            List<String> lines = new ArrayList<>();
            long reclaimed = 0; // images -a deletes are collected at once; their size counts as Docker's does
            if (all) {
                Set<String> used = new HashSet<>();
                ctx().engine().containers().list(true).forEach(c -> used.add(c.imageId()));
                for (Image image : ctx().engine().images().list()) {
                    if (used.contains(image.id())) {
                        continue;
                    }
                    for (String reference : image.references()) {
                        ImageRemoval r = ctx().engine().images().remove(reference, false);
                        r.untagged().forEach(u -> lines.add("untagged: " + familiar(u)));
                        r.deleted().forEach(d -> lines.add("deleted: " + d));
                        reclaimed += r.deleted().isEmpty() ? 0 : image.size();
                    }
                }
            }
            ImagePruneReport r = ctx().engine().images().prune();
            r.deleted().forEach(d -> lines.add("deleted: " + d));
            if (!lines.isEmpty()) {
                out().println("Deleted Images:");
                lines.forEach(out()::println);
                out().println();
            }
            out().println("Total reclaimed space: " + Human.size(reclaimed + r.bytesFreed()));
            return 0;
        }

        /** {@code busybox:latest}, {@code tools/app:1}: Docker's familiar form, tag kept. */
        private static String familiar(String reference) {
            ImageReference r = ImageReference.parse(reference);
            return r.familiarName() + r.tag().map(t -> ":" + t).orElse("") + r.digest().map(d -> "@" + d).orElse("");
        }
    }

    /** {@code stevedore image ...}. */
    @Command(name = "image", description = "Manage images.",
            subcommands = {BuildCommands.Build.class, Ls.class, Tag.class, TransferCommands.Pull.class,
                TransferCommands.Push.class, Rm.class, Prune.class, ArchiveCommands.Save.class, ArchiveCommands.Load.class,
                InspectCommand.class})
    static final class ImageGroup extends CliCommand {
        @Override
        int execute() {
            spec.commandLine().usage(out());
            return 0;
        }
    }
}
