package dev.stevedore;

import dev.stevedore.posix.Devices;
import dev.stevedore.posix.ModeBits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a tar stream into a {@link CopySink}: names are made relative ({@code ./} and {@code /}
 * stripped), entries with {@code ..} components are refused, the {@code .} entry is skipped.
 */
final class CopyTarSource {
    private CopyTarSource() {}

    static void read(InputStream in, CopySink sink) {
        InputStream shielded = new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller's stream stays open
            }
        };
        try (TarArchiveInputStream tar = new TarArchiveInputStream(shielded)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = clean(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                CopyMeta meta = new CopyMeta(e.getMode(), (int) e.getLongUserId(), (int) e.getLongGroupId(),
                        e.getLastModifiedTime() == null ? Instant.EPOCH : e.getLastModifiedTime().toInstant());
                if (e.isDirectory()) {
                    sink.directory(name, meta);
                } else if (e.isSymbolicLink()) {
                    sink.symlink(name, meta, e.getLinkName());
                } else if (e.isLink()) {
                    sink.hardlink(name, clean(e.getLinkName()));
                } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    int type = e.isCharacterDevice() ? ModeBits.S_IFCHR : e.isBlockDevice() ? ModeBits.S_IFBLK
                            : ModeBits.S_IFIFO;
                    sink.special(name, meta, type, Devices.makedev(e.getDevMajor(), e.getDevMinor()));
                } else if (e.isFile()) {
                    sink.file(name, meta, e.getSize(), tar);
                }
            }
            sink.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A relative, normalized entry name; {@code ..} components are refused. */
    static String clean(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                throw new IllegalArgumentException("tar entry \"" + name + "\" leaves its directory (..)");
            }
            parts.add(p);
        }
        return String.join("/", parts);
    }
}
