package dev.stevedore.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/<pid>/mountinfo}: where a filesystem is mounted, its type and
 * its superblock options.
 *
 * @param mountPoint where it is mounted, with the kernel's octal escapes decoded
 * @param root the path inside the filesystem that forms the root of this mount
 * @param fsType the filesystem type, e.g. {@code cgroup2}
 * @param source the mount source, e.g. {@code cgroup}
 * @param superOptions the per-superblock options, e.g. {@code [rw, cpu, cpuacct]}
 */
record MountInfo(String mountPoint, String root, String fsType, String source, List<String> superOptions) {
    MountInfo {
        superOptions = List.copyOf(superOptions);
    }

    /**
     * Parses the whole text of a mountinfo file, skipping lines that do not have its shape.
     *
     * @param text the file's content
     * @return the mounts in file order
     */
    static List<MountInfo> parseAll(String text) {
        List<MountInfo> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            MountInfo m = parse(line);
            if (m != null) {
                mounts.add(m);
            }
        }
        return List.copyOf(mounts);
    }

    private static MountInfo parse(String line) {
        // id parent major:minor root mount-point mount-options [optional...] - fstype source super-options
        String[] f = line.trim().split(" ");
        int dash = Arrays.asList(f).indexOf("-");
        if (dash < 6 || f.length < dash + 3) {
            return null;
        }
        String superOptions = f.length > dash + 3 ? f[dash + 3] : "";
        return new MountInfo(unescape(f[4]), unescape(f[3]), f[dash + 1], unescape(f[dash + 2]),
                List.of(superOptions.split(",")));
    }

    /** Whether the superblock options include {@code option}. */
    boolean hasSuperOption(String option) {
        return Set.copyOf(superOptions).contains(option);
    }

    /** Decodes the kernel's {@code \ooo} octal escapes for space, tab, newline and backslash. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
