package dev.stevedore.examples.cli;

import dev.stevedore.ImagePruneReport;
import dev.stevedore.ImageRemoval;
import java.util.List;
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
