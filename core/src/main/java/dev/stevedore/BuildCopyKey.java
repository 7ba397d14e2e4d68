package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a COPY or ADD from the build context reads, as one digest computed without copying:
 * for each source, its name and then every entry below it that the copy would take (the same
 * {@code .dockerignore} and {@code --exclude} rules) with its relative name, type, mode, link
 * target and content digest, and owners when the copy keeps them (from a stage or an image).
 * Times are left out: {@code touch}ing a file must not invalidate the cache (BuildKit's rule). Content digests come
 * from {@link BuildContextHashes}, so an unchanged context costs a walk and a status call per
 * file.
 */
final class BuildCopyKey {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private final BuildCopySource source;
    private final BuildContextHashes hashes;
    private final MessageDigest md = BuildFiles.sha256();

    private BuildCopyKey(BuildCopySource source, BuildContextHashes hashes) {
        this.source = source;
        this.hashes = hashes;
    }

    /** The digest of the sources {@code matches} (cleaned relative paths, all present). */
    static String of(BuildCopySource source, BuildContextHashes hashes, List<String> matches) throws IOException {
        BuildCopyKey key = new BuildCopyKey(source, hashes);
        for (String rel : matches) {
            Path host = source.find(rel).orElseThrow();
            key.text("source", rel);
            if (Files.isDirectory(host)) {
                key.contents(rel, host);
            } else {
                key.entry(rel, host);
            }
        }
        return HexFormat.of().formatHex(key.md.digest());
    }

    private void contents(String rel, Path host) throws IOException {
        Map<String, Path> children = source.children(rel, host);
        for (Map.Entry<String, Path> e : children.entrySet()) {
            String childRel = BuildCopySource.join(rel, e.getKey());
            if (source.excluded(childRel) && (!Files.isDirectory(e.getValue(), LinkOption.NOFOLLOW_LINKS)
                    || source.skipExcludedDirectory(childRel))) {
                continue;
            }
            entry(childRel, e.getValue());
        }
    }

    private void entry(String rel, Path host) throws IOException {
        Map<String, Object> a = Files.readAttributes(host, BuildContextHashes.ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        String perms = Integer.toOctalString(mode & 07777);
        if (source.keepsOwners()) {
            perms += " " + a.get("uid") + ":" + a.get("gid"); // a copy from a stage or image keeps them
        }
        switch (mode & S_IFMT) {
            case S_IFLNK -> text("l", rel, perms, Files.readSymbolicLink(host).toString());
            case S_IFDIR -> {
                text("d", rel, perms);
                contents(rel, host);
                text("end", rel);
            }
            case S_IFREG -> text("f", rel, perms, hashes.digest(host, a));
            default -> {
                // sockets, FIFOs and devices are not copied
            }
        }
    }

    private void text(String... parts) {
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        md.update((byte) '\n');
    }
}
