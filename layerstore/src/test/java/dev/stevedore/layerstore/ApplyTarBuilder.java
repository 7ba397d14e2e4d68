package dev.stevedore.layerstore;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Crafts layer tars for tests with Commons Compress: ordinary entries, whiteouts, devices,
 * binary PAX records, absolute and {@code ..} names; {@link #raw} appends bytes as they are.
 */
final class ApplyTarBuilder {
    static final Instant MTIME = Instant.parse("2023-05-06T07:08:09Z");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    ApplyTarBuilder() {
        this(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    ApplyTarBuilder(int longFileMode) {
        tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    ApplyTarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, e -> { });
    }

    ApplyTarBuilder file(String name, byte[] content, int mode, Consumer<TarArchiveEntry> custom) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0100000 | mode);
        e.setSize(content.length);
        custom.accept(e);
        return put(e, content);
    }

    ApplyTarBuilder dir(String name) {
        return dir(name, 0755, e -> { });
    }

    ApplyTarBuilder dir(String name, int mode, Consumer<TarArchiveEntry> custom) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, 0040000 | mode);
        custom.accept(e);
        return put(e, new byte[0]);
    }

    ApplyTarBuilder symlink(String name, String target) {
        return symlink(name, target, e -> { });
    }

    ApplyTarBuilder symlink(String name, String target, Consumer<TarArchiveEntry> custom) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0120777);
        e.setLinkName(target);
        custom.accept(e);
        return put(e, new byte[0]);
    }

    ApplyTarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0100644);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    ApplyTarBuilder charDevice(String name, int major, int minor) {
        return device(name, TarConstants.LF_CHR, 0020666, major, minor);
    }

    ApplyTarBuilder blockDevice(String name, int major, int minor) {
        return device(name, TarConstants.LF_BLK, 0060660, major, minor);
    }

    ApplyTarBuilder fifo(String name) {
        return put(entry(name, TarConstants.LF_FIFO, 0010644), new byte[0]);
    }

    /** An OCI whiteout: an empty regular file named {@code .wh.<name>} in the victim's directory. */
    ApplyTarBuilder whiteout(String victimPath) {
        int slash = victimPath.lastIndexOf('/');
        String name = slash < 0 ? ".wh." + victimPath
                : victimPath.substring(0, slash + 1) + ".wh." + victimPath.substring(slash + 1);
        return file(name, "");
    }

    /** An opaque whiteout in {@code dir} ({@code ""} for the root). */
    ApplyTarBuilder opaque(String dir) {
        return file(dir.isEmpty() ? ".wh..wh..opq" : dir + "/.wh..wh..opq", "");
    }

    /** A PAX extended header with these records, binary values as they are, for the next entry. */
    ApplyTarBuilder pax(Map<String, byte[]> records) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
            int body = 1 + key.length + 1 + r.getValue().length + 1;
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length++;
            }
            content.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
            content.writeBytes(key);
            content.write('=');
            content.writeBytes(r.getValue());
            content.write('\n');
        }
        TarArchiveEntry e = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        e.setSize(content.size());
        return put(e, content.toByteArray());
    }

    /** A PAX extended header whose data is {@code content} exactly, well-formed or not. */
    ApplyTarBuilder paxRaw(byte[] content) {
        TarArchiveEntry e = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
        e.setSize(content.length);
        return put(e, content);
    }

    /** Appends bytes as they are (a hand-made header, garbage). */
    ApplyTarBuilder raw(byte[] data) {
        try {
            tar.flush();
            bytes.writeBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    static Map<String, byte[]> records(String... keysAndValues) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** @return the tar with its end-of-archive marker */
    byte[] tar() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return the tar without its end-of-archive marker (what {@link #raw} wrote last stays last) */
    byte[] unfinished() {
        try {
            tar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    byte[] gzip() {
        return gzip(tar());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private TarArchiveEntry entry(String name, byte flag, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setMode(mode);
        e.setModTime(FileTime.from(MTIME));
        e.setUserId(0);
        e.setGroupId(0);
        return e;
    }

    private ApplyTarBuilder device(String name, byte flag, int mode, int major, int minor) {
        TarArchiveEntry e = entry(name, flag, mode);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        return put(e, new byte[0]);
    }

    private ApplyTarBuilder put(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return this;
    }
}
