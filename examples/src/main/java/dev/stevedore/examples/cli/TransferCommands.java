package dev.stevedore.examples.cli;

import dev.stevedore.Image;
import dev.stevedore.oci.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stevedore pull} and {@code push}, with Docker's progress lines. */
final class TransferCommands {
    private TransferCommands() {}

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
            TransferProgress progress = TransferProgress.forContext(ctx());
            ctx().transfers(progress);
            Image image = ctx().engine().images().pull(reference);
            progress.finish();
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
            TransferProgress progress = TransferProgress.forContext(ctx()).uploading(true);
            ctx().transfers(progress);
            Image image = ctx().engine().images().push(reference);
            progress.finish();
            out().println(ref.tag().orElse("latest") + ": digest: " + image.manifestDigest() + " size: "
                    + image.manifest().size());
            return 0;
        }
    }
}
