package dev.stevedore.examples.cli;

import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerStatus;
import dev.stevedore.Image;
import dev.stevedore.PortBinding;
import dev.stevedore.oci.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rows of {@code ps} and {@code images}, field name to text, as docker/cli's formatter
 * computes them (relative times against an injected clock).
 */
final class Listings {
    static final String PS_TABLE = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
    static final String IMAGES_TABLE = "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}";

    static final Map<String, String> PS_HEADERS = headers(
            "ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "CreatedAt", "CREATED AT",
            "RunningFor", "CREATED", "Ports", "PORTS", "State", "STATE", "Status", "STATUS", "Names", "NAMES",
            "Labels", "LABELS", "Mounts", "MOUNTS", "Networks", "NETWORKS", "Size", "SIZE");
    static final Map<String, String> IMAGES_HEADERS = headers(
            "Containers", "CONTAINERS", "CreatedAt", "CREATED AT", "CreatedSince", "CREATED", "Digest", "DIGEST",
            "ID", "IMAGE ID", "Repository", "REPOSITORY", "Size", "SIZE", "Tag", "TAG");

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Listings() {}

    /** What {@code images} shows of one image. */
    record ImageRow(List<String> references, String id, Optional<Instant> created, long size) {
        static ImageRow of(Image image) {
            return new ImageRow(image.references(), image.id(), image.config().created(), image.size());
        }
    }

    static List<Map<String, String>> containers(List<ContainerInfo> infos, Instant now, boolean truncate) {
        return containers(infos, now, truncate, Map.of());
    }

    /** The rows, with a {@code Size} field for the containers {@code sizes} has (by full id). */
    static List<Map<String, String>> containers(List<ContainerInfo> infos, Instant now, boolean truncate,
            Map<String, String> sizes) {
        List<ContainerInfo> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(ContainerInfo::created).reversed());
        List<Map<String, String>> rows = new ArrayList<>();
        for (ContainerInfo c : sorted) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("ID", truncate ? c.shortId() : c.id());
            row.put("Image", c.image());
            row.put("Command", "\"" + (truncate ? Human.ellipsis(String.join(" ", c.command()), 20) : String.join(" ", c.command())).replace("\"", "\\\"") + "\"");
            row.put("CreatedAt", GO_TIME.format(c.created()));
            row.put("RunningFor", Human.duration(Duration.between(c.created(), now)) + " ago");
            row.put("Ports", c.status() == ContainerStatus.RUNNING ? ports(c) : "");
            row.put("State", c.status().label());
            row.put("Status", status(c, now));
            row.put("Names", c.name());
            row.put("Labels", c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
            row.put("Mounts", c.mounts().stream().map(m -> m.target()).collect(Collectors.joining(",")));
            row.put("Networks", c.network().toString());
            if (sizes.containsKey(c.id())) {
                row.put("Size", sizes.get(c.id()));
            }
            rows.add(row);
        }
        return rows;
    }

    static String status(ContainerInfo c, Instant now) {
        return switch (c.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + Human.duration(Duration.between(c.startedAt().orElse(c.created()), now));
            case EXITED -> "Exited (" + c.exitCode().orElse(-1) + ") "
                    + c.finishedAt().map(t -> Human.duration(Duration.between(t, now)) + " ago").orElse("");
        };
    }

    static String ports(ContainerInfo c) {
        List<String> out = new ArrayList<>();
        for (PortBinding p : c.ports()) {
            out.add(p.toString());
        }
        for (String exposed : c.exposedPorts()) {
            boolean published = c.ports().stream()
                    .anyMatch(p -> exposed.equals(p.containerPort() + "/" + p.protocol().label()));
            if (!published) {
                out.add(exposed);
            }
        }
        return String.join(", ", out);
    }

    static List<Map<String, String>> images(List<ImageRow> images, Instant now) {
        List<ImageRow> sorted = new ArrayList<>(images);
        sorted.sort(Comparator.comparing((ImageRow i) -> i.created().orElse(Instant.EPOCH)).reversed());
        List<Map<String, String>> rows = new ArrayList<>();
        for (ImageRow image : sorted) {
            List<String> refs = image.references().isEmpty() ? List.of("") : image.references();
            for (String ref : refs) {
                Map<String, String> row = new LinkedHashMap<>();
                String repository = "<none>";
                String tag = "<none>";
                String digest = "<none>";
                if (!ref.isEmpty()) {
                    ImageReference r = ImageReference.parse(ref);
                    repository = r.familiarName();
                    tag = r.tag().orElse("<none>");
                    digest = r.digest().map(Object::toString).orElse("<none>");
                }
                row.put("Containers", "N/A");
                row.put("CreatedAt", image.created().map(GO_TIME::format).orElse("N/A"));
                row.put("CreatedSince", image.created()
                        .map(t -> Human.duration(Duration.between(t, now)) + " ago").orElse("N/A"));
                row.put("Digest", digest);
                row.put("ID", shortImageId(image.id()));
                row.put("Repository", repository);
                row.put("Size", Human.size(image.size()));
                row.put("Tag", tag);
                rows.add(row);
            }
        }
        return rows;
    }

    static String shortImageId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
