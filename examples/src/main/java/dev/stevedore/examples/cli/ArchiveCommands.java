package dev.stevedore.examples.cli;

import dev.stevedore.Image;
import dev.stevedore.ImageArchiveFormat;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stevedore save} and {@code load}: image archives and OCI layouts. */
final class ArchiveCommands {
    private ArchiveCommands() {}

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
}
