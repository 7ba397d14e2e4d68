package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel version as seccomp profiles compare it: major and minor only, so {@code 6.18.3-amd64}
 * and {@code 6.18} are equal, as Docker's {@code minKernel} treats them.
 *
 * @param major for example 6
 * @param minor for example 18
 */
record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {
    private static final Pattern PROFILE_FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern RELEASE_PREFIX = Pattern.compile("(\\d+)\\.(\\d+).*", Pattern.DOTALL);

    /** Checks the numbers. */
    KernelVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("kernel version must not be negative: " + major + "." + minor);
        }
    }

    /**
     * Parses a profile's {@code minKernel}: exactly {@code <major>.<minor>}, each 0 to 255, not
     * {@code 0.0} (Docker's rules).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    static KernelVersion parse(String text) {
        Matcher m = PROFILE_FORM.matcher(text);
        if (m.matches()) {
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            if (major <= 255 && minor <= 255 && (major | minor) != 0) {
                return new KernelVersion(major, minor);
            }
        }
        throw new IllegalArgumentException("invalid kernel version \"" + text + "\", expected \"<major>.<minor>\"");
    }

    /**
     * Reads the major and minor numbers at the start of a kernel release string such as
     * {@code 6.18.0-1-amd64} or {@code 3.12-1-amd64}.
     *
     * @throws IllegalArgumentException if it does not start with {@code <major>.<minor>}
     */
    static KernelVersion ofRelease(String release) {
        Matcher m = RELEASE_PREFIX.matcher(release.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read a kernel version from \"" + release + "\"");
        }
        try {
            return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read a kernel version from \"" + release + "\"", e);
        }
    }

    /**
     * The running kernel's version, read once from {@code /proc/sys/kernel/osrelease}.
     *
     * @throws SandboxException if that file cannot be read or parsed
     */
    static KernelVersion running() {
        return Running.VERSION;
    }

    boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(KernelVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    private static final class Running {
        static final KernelVersion VERSION = read();

        private static KernelVersion read() {
            Path file = Path.of("/proc/sys/kernel/osrelease");
            try {
                return ofRelease(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException | IllegalArgumentException e) {
                throw new SandboxException("cannot read the kernel version from " + file, e);
            }
        }
    }
}
