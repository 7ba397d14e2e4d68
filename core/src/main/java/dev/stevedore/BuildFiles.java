package dev.stevedore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** File helpers of the builder: owners and modes, tree digests for the cache, removal. */
final class BuildFiles {
    private BuildFiles() {
    }

    static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    static void chmod(Path p, int mode) throws IOException {
        Files.setAttribute(p, "unix:mode", mode & 07777);
    }

    static void chown(Path p, int uid, int gid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int gid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }

    static void mtime(Path p, FileTime t) throws IOException {
        Files.getFileAttributeView(p, java.nio.file.attribute.BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setTimes(t, null, null);
    }

    /**
     * The SHA-256 of a tree's names, types, modes, owners, link targets and contents (not its
     * times), in sorted order: what a COPY's cache key depends on.
     */
    static String treeDigest(Path root) throws IOException {
        MessageDigest md = sha256();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        all.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
        byte[] buf = new byte[65536];
        for (Path p : all) {
            String rel = root.relativize(p).toString();
            String type = Files.isSymbolicLink(p) ? "l" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "d" : "f";
            md.update((rel + "\0" + type + "\0" + Integer.toOctalString(mode(p)) + "\0" + uid(p) + ":" + gid(p) + "\0")
                    .getBytes(StandardCharsets.UTF_8));
            if (type.equals("l")) {
                md.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
            } else if (type.equals("f") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                }
            }
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes a tree, not following links; quiet about what is already gone. */
    static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try {
            ContainerFiles.deleteTree(root);
        } catch (IOException e) {
            // left for the next build's sweep of <home>/builds
        }
    }
}
