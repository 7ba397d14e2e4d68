package dev.stevedore.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The mounts of this process's namespace, from {@code /proc/self/mountinfo}, for checking and cleaning up. */
final class MountTable {
    /** One line of mountinfo: where, what type, from what source, with which superblock options. */
    record Entry(Path mountPoint, String fsType, String source, String superOptions) {}

    private MountTable() {}

    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                // 36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
                String[] halves = line.split(" - ", 2);
                String[] before = halves[0].split(" ");
                String[] after = halves[1].split(" ");
                entries.add(new Entry(Path.of(unescape(before[4])), after[0], unescape(after[1]),
                        after.length > 2 ? after[2] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The mounts at or below {@code dir}. */
    static List<Entry> under(Path dir) {
        Path real = realPath(dir);
        return entries().stream().filter(e -> e.mountPoint().startsWith(real)).toList();
    }

    /** Lazily unmounts everything at or below {@code dir}, deepest first; for {@code @AfterEach}. */
    static void unmountAllUnder(Path dir) {
        List<Path> points = under(dir).stream().map(Entry::mountPoint)
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path point : points) {
            try {
                Syscalls.linux().umount2(point, UnmountFlags.MNT_DETACH);
            } catch (PosixException e) {
                // already gone with its parent
            }
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
