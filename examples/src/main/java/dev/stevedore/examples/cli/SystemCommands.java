package dev.stevedore.examples.cli;

import dev.stevedore.ContainerInfo;
import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stevedore system df|info}. */
final class SystemCommands {
    static final String TABLE = "table {{.Type}}\\t{{.TotalCount}}\\t{{.Active}}\\t{{.Size}}\\t{{.Reclaimable}}";
    static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("Type", "TYPE");
        HEADERS.put("TotalCount", "TOTAL");
        HEADERS.put("Active", "ACTIVE");
        HEADERS.put("Size", "SIZE");
        HEADERS.put("Reclaimable", "RECLAIMABLE");
    }

    private SystemCommands() {}

    /** {@code system df}. */
    @Command(name = "df", description = "Show disk usage (image sizes are bytes in the content store).")
    static final class Df extends CliCommand {
        @Option(names = "--format", description = "Format output using a Go-template subset (see docs/cli.md).")
        String format;

        @Override
        int execute() {
            Stevedore engine = ctx().engine();
            List<Image> images = engine.images().list();
            List<ContainerInfo> containers = engine.containers().list(true);
            Set<String> used = containers.stream().map(ContainerInfo::imageId).collect(Collectors.toSet());
            long total = distinctBytes(images);
            long unused = total - distinctBytes(images.stream().filter(i -> used.contains(i.id())).toList());
            long active = images.stream().filter(i -> used.contains(i.id())).count();
            long running = containers.stream().filter(c -> c.status() == dev.stevedore.ContainerStatus.RUNNING).count();
            int volumes = engine.containers().volumes().list().size();
            long volumesInUse = engine.containers().volumes().list().stream().filter(v -> !v.usedBy().isEmpty())
                    .count();
            List<Map<String, String>> rows = new ArrayList<>();
            rows.add(row("Images", images.size(), active, Human.size(total),
                    Human.size(unused) + " (" + (total == 0 ? 0 : unused * 100 / total) + "%)"));
            rows.add(row("Containers", containers.size(), running, "N/A", "N/A"));
            rows.add(row("Local Volumes", volumes, volumesInUse, "N/A", "N/A"));
            rows.add(row("Build Cache", 0, 0, "N/A", "N/A"));
            out().print(OutputFormat.parse(format == null ? TABLE : format).render(HEADERS, rows));
            return 0;
        }

        /** Bytes in the store: each layer blob once however many images share it, plus manifests. */
        static long distinctBytes(List<Image> images) {
            Map<String, Long> blobs = new java.util.HashMap<>();
            for (Image i : images) {
                long layers = 0;
                for (var l : i.layers()) {
                    blobs.put(l.blob().digest().toString(), l.blob().size());
                    layers += l.blob().size();
                }
                blobs.put(i.manifestDigest().toString(), i.size() - layers); // manifest and config
            }
            return blobs.values().stream().mapToLong(Long::longValue).sum();
        }

        private static Map<String, String> row(String type, long total, long active, String size, String reclaimable) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("Type", type);
            r.put("TotalCount", String.valueOf(total));
            r.put("Active", String.valueOf(active));
            r.put("Size", size);
            r.put("Reclaimable", reclaimable);
            return r;
        }
    }

    /** {@code stevedore system ...}. */
    @Command(name = "system", description = "Manage Stevedore.", subcommands = {Df.class, InfoCommand.class})
    static final class System extends CliCommand {
        @Override
        int execute() {
            spec.commandLine().usage(out());
            return 0;
        }
    }
}
