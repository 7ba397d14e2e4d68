package dev.stevedore.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@link TreeEntry}s to disk. Modes (including the sticky bit, which
 * {@code PosixFilePermission} cannot express) are set through the JDK's {@code unix:mode}
 * attribute, after all content is in place so a 0700 or 0555 directory can still be filled.
 */
final class TreeWriter {
    private TreeWriter() {}

    static void write(List<TreeEntry> entries, Path root, boolean applyOwnership) {
        try {
            Files.createDirectories(root);
            for (TreeEntry entry : entries) {
                Path target = root.resolve(entry.path());
                switch (entry.kind()) {
                    case DIRECTORY -> Files.createDirectory(target);
                    case FILE -> Files.write(target, entry.content());
                    case SYMLINK -> Files.createSymbolicLink(target, Path.of(entry.linkTarget()));
                }
                if (applyOwnership) {
                    Files.setAttribute(target, "unix:uid", entry.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:gid", entry.gid(), LinkOption.NOFOLLOW_LINKS);
                }
            }
            // Deepest first, so a directory is still writable while its children get their modes.
            for (int i = entries.size() - 1; i >= 0; i--) {
                TreeEntry entry = entries.get(i);
                if (entry.kind() != TreeEntry.Kind.SYMLINK) {
                    Files.setAttribute(root.resolve(entry.path()), "unix:mode", entry.mode(), LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new FixtureException("Tried to write a root file system into " + root + " but failed because: " + e, e);
        }
    }
}
