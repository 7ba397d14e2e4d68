package dev.stevedore.sandbox;

import java.util.List;

/**
 * One entry of a sandbox's device access list, as in the devices cgroup ({@code c 1:3 rwm}).
 * Rules are applied in order after denying everything; only allowing rules are needed for
 * Docker's default list.
 *
 * <pre>{@code
 * DeviceRule.allow('c', 1, 3, "rwm")      // /dev/null
 * DeviceRule.allow('c', ANY, ANY, "m")    // mknod of any char device, but not open
 * }</pre>
 *
 * @param type {@code 'c'} (char), {@code 'b'} (block) or {@code 'a'} (all)
 * @param major the major number, or {@link #ANY}
 * @param minor the minor number, or {@link #ANY}
 * @param access any of {@code r}, {@code w}, {@code m} (mknod), in that order
 * @param allow true to allow, false to deny
 */
public record DeviceRule(char type, long major, long minor, String access, boolean allow) {
    /** Matches every major or minor number. */
    public static final long ANY = -1;

    /**
     * Docker's default device list: mknod of any device; read, write and mknod of
     * /dev/null, zero, full, random, urandom, tty, console, ptmx and the pts slaves.
     */
    public static final List<DeviceRule> DOCKER_DEFAULTS = List.of(
            allow('c', ANY, ANY, "m"),
            allow('b', ANY, ANY, "m"),
            allow('c', 1, 3, "rwm"),   // /dev/null
            allow('c', 1, 5, "rwm"),   // /dev/zero
            allow('c', 1, 7, "rwm"),   // /dev/full
            allow('c', 1, 8, "rwm"),   // /dev/random
            allow('c', 1, 9, "rwm"),   // /dev/urandom
            allow('c', 5, 0, "rwm"),   // /dev/tty
            allow('c', 5, 1, "rwm"),   // /dev/console
            allow('c', 5, 2, "rwm"),   // /dev/ptmx
            allow('c', 136, ANY, "rwm"), // /dev/pts/*
            allow('c', 10, 200, "rwm")); // /dev/net/tun

    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException for an unknown type, a negative number other than ANY, or bad access letters
     */
    public DeviceRule {
        if (type != 'c' && type != 'b' && type != 'a') {
            throw new IllegalArgumentException("device type must be c, b or a, got '" + type + "'");
        }
        if (major < ANY || minor < ANY) {
            throw new IllegalArgumentException("device numbers must be -1 (any) or non-negative, got " + major + ":" + minor);
        }
        if (!access.matches("r?w?m?") || access.isEmpty()) {
            throw new IllegalArgumentException("device access must be a non-empty subset of rwm in that order, got \"" + access + "\"");
        }
    }

    /** An allowing rule. @param type c, b or a @param major or ANY @param minor or ANY @param access r, w, m @return the rule */
    public static DeviceRule allow(char type, long major, long minor, String access) {
        return new DeviceRule(type, major, minor, access, true);
    }

    /** The rule in the devices cgroup's syntax, e.g. {@code c 1:3 rwm} or {@code c *:* m}. */
    public String cgroupV1Syntax() {
        return type + " " + (major == ANY ? "*" : Long.toString(major)) + ":" + (minor == ANY ? "*" : Long.toString(minor))
                + " " + access;
    }
}
