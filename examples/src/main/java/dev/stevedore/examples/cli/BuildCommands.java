package dev.stevedore.examples.cli;

import dev.stevedore.BuildRequest;
import dev.stevedore.Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stevedore build}: a Dockerfile build with Docker's progress and summary lines. */
final class BuildCommands {
    private BuildCommands() {}

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
            OptionalInt width = mode.equals("tty") ? OptionalInt.of(ctx().terminalWidth().orElseGet(ctx()::columns))
                    : mode.equals("auto") ? ctx().terminalWidth() : OptionalInt.empty();
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
            BuildProgress listener = width.isPresent() ? BuildProgress.terminal(err(), width.getAsInt())
                    : BuildProgress.plain(err());
            if (!quiet) {
                r = r.listener(listener);
            }
            Image image;
            try {
                image = r.build();
            } finally {
                listener.finish();
            }
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

    }
}
