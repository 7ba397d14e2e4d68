package dev.stevedore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Tells an OCI image layout from a {@code docker save} archive by looking at its top-level
 * names: {@code manifest.json} means docker (newer Docker writes both, and its RepoTags carry
 * the names), else {@code oci-layout} means OCI. Reads plain and gzip tars; for anything else
 * (zstd) the kind is unknown and the importer tries both.
 */
enum ImageArchiveKind {
    OCI, DOCKER;

    private static final int BLOCK = 512;

    static Optional<ImageArchiveKind> detect(Path archive) throws IOException {
        if (Files.isDirectory(archive)) {
            return of(Files.isRegularFile(archive.resolve("manifest.json")),
                    Files.isRegularFile(archive.resolve("oci-layout")));
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            raw.mark(4);
            int first = raw.read();
            int second = raw.read();
            raw.reset();
            InputStream tar = first == 0x1f && second == 0x8b ? new GZIPInputStream(raw) : raw;
            return scan(tar);
        }
    }

    private static Optional<ImageArchiveKind> scan(InputStream tar) throws IOException {
        boolean manifest = false;
        boolean layout = false;
        byte[] header = new byte[BLOCK];
        while (tar.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
            String name = field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                    : field(header, 345, 155) + "/" + field(header, 0, 100);
            name = name.startsWith("./") ? name.substring(2) : name;
            manifest |= name.equals("manifest.json");
            layout |= name.equals("oci-layout");
            long size = octal(header);
            if (size < 0) {
                return Optional.empty();
            }
            tar.skipNBytes((size + BLOCK - 1) / BLOCK * BLOCK);
        }
        return of(manifest, layout);
    }

    private static Optional<ImageArchiveKind> of(boolean manifest, boolean layout) {
        return manifest ? Optional.of(DOCKER) : layout ? Optional.of(OCI) : Optional.empty();
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header) {
        if ((header[124] & 0x80) != 0) {
            return -1; // base-256 size: not a small metadata file, and not worth decoding here
        }
        String text = field(header, 124, 12).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
