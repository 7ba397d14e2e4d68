package dev.stevedore.examples.cli;

import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerStatus;
import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.oci.ImageReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stevedore ps} and {@code container ls}, with Docker's filters and {@code -s}. */
final class ContainerListCommands {
    static final Set<String> FILTER_KEYS = Set.of("status", "name", "id", "label", "ancestor");

    private ContainerListCommands() {}

    /** {@code stevedore ps}, {@code container ls}. */
    @Command(name = "ps", description = "List containers.")
    static class Ps extends CliCommand {
        @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
        boolean all;
        @Option(names = {"-q", "--quiet"}, description = "Only display container IDs.")
        boolean quiet;
        @Option(names = "--no-trunc", description = "Don't truncate output.")
        boolean noTrunc;
        @Option(names = {"-s", "--size"}, description = "Display total file sizes.")
        boolean size;
        @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
                description = "Filter output: status=, name=, id=, label=, ancestor= (same key ORed, keys ANDed).")
        List<String> filters = new ArrayList<>();
        @Option(names = "--format", description = "Format output using a Go-template subset (see docs/cli.md).")
        String format;

        @Override
        int execute() {
            ListFilters f = ListFilters.parse(filters, FILTER_KEYS);
            for (String s : f.values("status")) {
                if (Arrays.stream(ContainerStatus.values()).noneMatch(v -> v.label().equals(s))) {
                    throw new CliException(1, "invalid filter 'status=" + s + "'");
                }
            }
            Stevedore engine = ctx().engine();
            List<ContainerInfo> infos = engine.containers().list(all || f.has("status")).stream()
                    .filter(c -> matches(f, c)).toList();
            Map<String, String> sizes = size && !quiet ? sizes(engine, infos) : Map.of();
            var rows = Listings.containers(infos, ctx().clock().instant(), !noTrunc, sizes);
            String table = size ? Listings.PS_TABLE + "\\t{{.Size}}" : Listings.PS_TABLE;
            String t = quiet ? "{{.ID}}" : format == null ? table : format;
            out().print(OutputFormat.parse(t).render(Listings.PS_HEADERS, rows));
            return 0;
        }
    }

    /** {@code stevedore container ls}. */
    @Command(name = "ls", aliases = {"ps", "list"}, description = "List containers.")
    static final class Ls extends Ps {}

    /** Whether a container passes every filter key (any of a key's values). */
    static boolean matches(ListFilters f, ContainerInfo c) {
        return f.matches("status", s -> c.status().label().equals(s))
                && f.matches("name", n -> ListFilters.search(n, "/" + c.name()))
                && f.matches("id", i -> ListFilters.search(i, c.id()))
                && f.matches("label", l -> ListFilters.label(c.labels(), l))
                && f.matches("ancestor", a -> ancestor(c, a));
    }

    /** The image by reference ({@code busybox} is {@code busybox:latest}) or by id prefix. */
    static boolean ancestor(ContainerInfo c, String value) {
        String hex = value.startsWith("sha256:") ? value.substring("sha256:".length()) : value;
        if (hex.matches("[0-9a-f]{4,64}") && c.imageId().startsWith("sha256:" + hex)) {
            return true;
        }
        return normalized(value).isPresent() && normalized(value).equals(normalized(c.image()));
    }

    private static Optional<String> normalized(String reference) {
        try {
            ImageReference r = ImageReference.parse(reference);
            return Optional.of(r.digest().isPresent() ? r.toString() : r.name() + ":" + r.tag().orElse("latest"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code 12.3kB (virtual 4.5MB)}: the bytes in the container's writable layer (its overlay
     * upper directory under the engine home) and those plus its image's.
     */
    static Map<String, String> sizes(Stevedore engine, List<ContainerInfo> infos) {
        Map<String, String> sizes = new LinkedHashMap<>();
        Map<String, Long> imageSizes = new LinkedHashMap<>();
        for (ContainerInfo c : infos) {
            long rw = bytesUnder(engine.home().resolve("containers").resolve(c.id()).resolve("fs").resolve("upper"));
            long image = imageSizes.computeIfAbsent(c.imageId(),
                    id -> engine.images().find(id).map(Image::size).orElse(0L));
            sizes.put(c.id(), Human.size(rw) + " (virtual " + Human.size(rw + image) + ")");
        }
        return sizes;
    }

    /** The sizes of the regular files in a tree (links not followed), 0 if it is gone. */
    static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.mapToLong(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    return 0; // removed while walking
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
