package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * The single image of an OCI image layout (or of a {@code dir:} directory as skopeo and buildah
 * write it: {@code manifest.json}, blobs named by hex digest) seen as a container would see it: the selected config
 * fields, and the union of its layers (read from the layer tars, OCI whiteouts and opaque
 * directories applied) as one line per path with type, mode, owner, size, link target and content
 * digest — never times. Written independently of the engine's own layer code, so that the engine's
 * and another tool's layouts are read the same way.
 *
 * <pre>{@code
 * LayoutView view = LayoutView.read(Path.of("app-oci"));
 * view.files().get("etc/passwd");   // "etc/passwd f 0644 0:0 size=... sha256=..."
 * }</pre>
 *
 * @param config the compared config fields, normalized ({@link #CONFIG_FIELDS}), by name
 * @param files one line per path (relative, no leading slash), by path
 */
record LayoutView(Map<String, String> config, Map<String, String> files) {
    /** The config fields compared: what buildah's OCI format writes as BuildKit does. */
    static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User",
            "ExposedPorts", "Volumes", "Labels", "StopSignal", "Healthcheck");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the layout's only (first) manifest, or the {@code dir:} directory's.
     *
     * @param layout the OCI layout directory
     * @return the view
     * @throws IOException if a blob cannot be read
     */
    static LayoutView read(Path layout) throws IOException {
        Path manifestFile = Files.exists(layout.resolve("index.json"))
                ? blob(layout, JSON.readTree(layout.resolve("index.json").toFile())
                        .path("manifests").get(0).path("digest").asText())
                : layout.resolve("manifest.json");
        JsonNode manifest = JSON.readTree(manifestFile.toFile());
        JsonNode config = JSON.readTree(blob(layout, manifest.path("config").path("digest").asText()).toFile());
        Map<String, String> fields = new TreeMap<>();
        for (String name : CONFIG_FIELDS) {
            JsonNode value = config.path("config").path(name);
            Object plain = JSON.convertValue(value, Object.class);
            if (plain instanceof Map<?, ?> map) {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                sorted.remove("io.buildah.version"); // buildah's own label
                plain = sorted.isEmpty() ? null : sorted.toString();
            } else if (plain instanceof List<?> list) {
                plain = list.isEmpty() ? null : JSON.writeValueAsString(list);
            } else if (plain instanceof String s && s.isEmpty()) {
                plain = null;
            }
            if (plain != null) {
                fields.put(name, plain.toString());
            }
        }
        Map<String, Entry> tree = new TreeMap<>();
        for (JsonNode layer : manifest.path("layers")) {
            apply(tree, blob(layout, layer.path("digest").asText()));
        }
        Map<String, String> files = new TreeMap<>();
        tree.forEach((path, e) -> files.put(path, e.line(path)));
        return new LayoutView(fields, files);
    }

    /** A copy without the paths that {@code drop} selects. */
    LayoutView without(Predicate<String> drop) {
        Map<String, String> kept = new TreeMap<>(files);
        kept.keySet().removeIf(drop);
        return new LayoutView(config, kept);
    }

    /** A copy with {@code line} for its path (added or replaced). */
    LayoutView withLine(String line) {
        Map<String, String> changed = new TreeMap<>(files);
        changed.put(line.substring(0, line.indexOf(' ')), line);
        return new LayoutView(config, changed);
    }

    /** A copy where the paths {@code select} picks are owned by {@code uid:gid}. */
    LayoutView withOwner(Predicate<String> select, long uid, long gid) {
        Map<String, String> changed = new TreeMap<>(files);
        changed.replaceAll((path, line) -> select.test(path)
                ? line.replaceFirst(" \\d+:\\d+", " " + uid + ":" + gid) : line);
        return new LayoutView(config, changed);
    }

    /** A copy with config field {@code name} set to {@code value} (as {@link #config()} shows it). */
    LayoutView withConfig(String name, String value) {
        Map<String, String> changed = new TreeMap<>(config);
        changed.put(name, value);
        return new LayoutView(changed, files);
    }

    /** The line of a regular file with this content. */
    static String fileLine(String path, int mode, long uid, long gid, String content) {
        byte[] data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new Entry('f', mode, uid, gid, data.length, "", HexFormat.of().formatHex(sha256().digest(data)))
                .line(path);
    }

    /** The file lines, in path order. */
    List<String> lines() {
        return List.copyOf(files.values());
    }

    private static Path blob(Path layout, String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        Path oci = layout.resolve("blobs").resolve(digest.substring(0, digest.indexOf(':'))).resolve(hex);
        return Files.exists(oci) ? oci : layout.resolve(hex); // else the dir: transport's flat layout
    }

    private static void apply(Map<String, Entry> tree, Path blob) throws IOException {
        List<String> opaque = new ArrayList<>();
        List<String> whiteouts = new ArrayList<>();
        Map<String, Entry> added = new TreeMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(blob));
                InputStream in = decompressed(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = clean(e.getName());
                String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
                String base = path.substring(path.lastIndexOf('/') + 1);
                if (base.equals(".wh..wh..opq")) {
                    opaque.add(parent);
                } else if (base.startsWith(".wh.")) {
                    whiteouts.add((parent.isEmpty() ? "" : parent + "/") + base.substring(4));
                } else if (!path.isEmpty()) {
                    added.put(path, entry(e, tar));
                }
            }
        }
        for (String dir : opaque) {
            tree.keySet().removeIf(p -> p.startsWith(dir.isEmpty() ? "" : dir + "/"));
        }
        for (String gone : whiteouts) {
            removeTree(tree, gone);
        }
        added.forEach((path, e) -> {
            Entry old = tree.get(path);
            if (old != null && old.type() == 'd' && e.type() != 'd') {
                removeTree(tree, path);
            }
            tree.put(path, e);
        });
        // hard links point at a path of this or a lower layer: give them its content
        added.forEach((path, e) -> {
            if (e.type() == 'h') {
                Entry target = tree.get(e.link());
                tree.put(path, new Entry('f', e.mode(), e.uid(), e.gid(), target == null ? -1 : target.size(), "",
                        target == null ? "missing-link-target:" + e.link() : target.sha256()));
            }
        });
    }

    private static void removeTree(Map<String, Entry> tree, String path) {
        tree.remove(path);
        tree.keySet().removeIf(p -> p.startsWith(path + "/"));
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        try {
            return new CompressorStreamFactory().createCompressorInputStream(raw);
        } catch (CompressorException e) {
            return raw; // an uncompressed tar
        }
    }

    private static Entry entry(TarArchiveEntry e, TarArchiveInputStream tar) throws IOException {
        int mode = e.getMode() & 07777;
        long uid = e.getLongUserId();
        long gid = e.getLongGroupId();
        if (e.isDirectory()) {
            return new Entry('d', mode, uid, gid, 0, "", "");
        }
        if (e.isSymbolicLink()) {
            return new Entry('l', mode, uid, gid, 0, e.getLinkName(), "");
        }
        if (e.isLink()) {
            return new Entry('h', mode, uid, gid, 0, clean(e.getLinkName()), "");
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return new Entry(e.isFIFO() ? 'p' : e.isCharacterDevice() ? 'c' : 'b', mode, uid, gid, 0,
                    e.getDevMajor() + "," + e.getDevMinor(), "");
        }
        MessageDigest sha = sha256();
        byte[] buf = new byte[65536];
        long size = 0;
        int n;
        while ((n = tar.read(buf)) > 0) {
            sha.update(buf, 0, n);
            size += n;
        }
        return new Entry('f', mode, uid, gid, size, "", HexFormat.of().formatHex(sha.digest()));
    }

    private static String clean(String name) {
        String p = name;
        while (p.startsWith("./") || p.startsWith("/")) {
            p = p.startsWith("./") ? p.substring(2) : p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One path of the union: type d/f/l/c/b/p, permission bits, owner, and what identifies its content. */
    record Entry(char type, int mode, long uid, long gid, long size, String link, String sha256) {
        String line(String path) {
            StringBuilder b = new StringBuilder(path).append(' ').append(type)
                    .append(String.format(" %04o %d:%d", mode, uid, gid));
            switch (type) {
                case 'f' -> b.append(" size=").append(size).append(" sha256=").append(sha256, 0, Math.min(12,
                        sha256.length()));
                case 'l' -> b.append(" -> ").append(link);
                case 'c', 'b' -> b.append(' ').append(link);
                default -> { }
            }
            return b.toString();
        }
    }
}
