package dev.stevedore.sandbox;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Linux capabilities ({@code capabilities(7)}), each with its number from
 * {@code linux/capability.h}, and Docker's way of adjusting a set with {@code --cap-add} and
 * {@code --cap-drop}.
 *
 * <pre>{@code
 * Set<Capability> caps = Capability.adjust(Capability.DOCKER_DEFAULTS, List.of("NET_ADMIN"), List.of("mknod"));
 * long bits = Capability.mask(caps); // what the init keeps in its bounding, permitted and effective sets
 * }</pre>
 */
public enum Capability {
    /** Change file owners and groups. */ CAP_CHOWN(0),
    /** Bypass file read, write and execute permission checks. */ CAP_DAC_OVERRIDE(1),
    /** Bypass file read and directory search permission checks. */ CAP_DAC_READ_SEARCH(2),
    /** Bypass checks that the file's owner is the caller. */ CAP_FOWNER(3),
    /** Keep set-user-id and set-group-id bits when a file is modified. */ CAP_FSETID(4),
    /** Send signals to any process. */ CAP_KILL(5),
    /** Change group ids. */ CAP_SETGID(6),
    /** Change user ids. */ CAP_SETUID(7),
    /** Change capability sets and the bounding set. */ CAP_SETPCAP(8),
    /** Set the immutable and append-only file attributes. */ CAP_LINUX_IMMUTABLE(9),
    /** Bind ports below 1024. */ CAP_NET_BIND_SERVICE(10),
    /** Broadcast and listen to multicast (unused by the kernel). */ CAP_NET_BROADCAST(11),
    /** Configure network interfaces, routes and firewalls. */ CAP_NET_ADMIN(12),
    /** Use raw and packet sockets. */ CAP_NET_RAW(13),
    /** Lock memory. */ CAP_IPC_LOCK(14),
    /** Bypass System V IPC permission checks. */ CAP_IPC_OWNER(15),
    /** Load and unload kernel modules. */ CAP_SYS_MODULE(16),
    /** Raw I/O: {@code iopl}, {@code ioperm}, {@code /dev/mem}. */ CAP_SYS_RAWIO(17),
    /** Call {@code chroot}. */ CAP_SYS_CHROOT(18),
    /** Trace any process. */ CAP_SYS_PTRACE(19),
    /** Configure process accounting. */ CAP_SYS_PACCT(20),
    /** The catch-all: mount, namespaces, quotas, host name and much more. */ CAP_SYS_ADMIN(21),
    /** Reboot and load kernels. */ CAP_SYS_BOOT(22),
    /** Raise priorities and set scheduling policies. */ CAP_SYS_NICE(23),
    /** Override resource limits. */ CAP_SYS_RESOURCE(24),
    /** Set the system clock. */ CAP_SYS_TIME(25),
    /** Call {@code vhangup}. */ CAP_SYS_TTY_CONFIG(26),
    /** Create device nodes. */ CAP_MKNOD(27),
    /** Take file leases. */ CAP_LEASE(28),
    /** Write the kernel audit log. */ CAP_AUDIT_WRITE(29),
    /** Configure kernel auditing. */ CAP_AUDIT_CONTROL(30),
    /** Set file capabilities. */ CAP_SETFCAP(31),
    /** Override mandatory access control. */ CAP_MAC_OVERRIDE(32),
    /** Configure mandatory access control. */ CAP_MAC_ADMIN(33),
    /** Read and configure the kernel log. */ CAP_SYSLOG(34),
    /** Set alarms that wake the system. */ CAP_WAKE_ALARM(35),
    /** Block system suspend. */ CAP_BLOCK_SUSPEND(36),
    /** Read the audit log through multicast netlink. */ CAP_AUDIT_READ(37),
    /** Use performance monitoring. */ CAP_PERFMON(38),
    /** Use BPF. */ CAP_BPF(39),
    /** Checkpoint and restore processes. */ CAP_CHECKPOINT_RESTORE(40);

    /**
     * The 14 capabilities a Docker container gets by default: {@code CHOWN}, {@code DAC_OVERRIDE},
     * {@code FSETID}, {@code FOWNER}, {@code MKNOD}, {@code NET_RAW}, {@code SETGID}, {@code SETUID},
     * {@code SETFCAP}, {@code SETPCAP}, {@code NET_BIND_SERVICE}, {@code SYS_CHROOT}, {@code KILL}
     * and {@code AUDIT_WRITE}. Immutable.
     */
    public static final Set<Capability> DOCKER_DEFAULTS = Collections.unmodifiableSet(EnumSet.of(CAP_CHOWN,
            CAP_DAC_OVERRIDE, CAP_FSETID, CAP_FOWNER, CAP_MKNOD, CAP_NET_RAW, CAP_SETGID, CAP_SETUID, CAP_SETFCAP,
            CAP_SETPCAP, CAP_NET_BIND_SERVICE, CAP_SYS_CHROOT, CAP_KILL, CAP_AUDIT_WRITE));

    private static final String ALL = "ALL";
    private static final String PREFIX = "CAP_";

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    /**
     * The capability's number, its bit in the kernel's capability sets.
     *
     * @return 0 for {@link #CAP_CHOWN} up to 40 for {@link #CAP_CHECKPOINT_RESTORE}
     */
    public int number() {
        return number;
    }

    /**
     * Every capability this enum knows: what {@code --cap-add ALL} and {@code --privileged} give.
     *
     * @return an immutable set of all constants
     */
    public static Set<Capability> all() {
        return Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
    }

    /**
     * Parses a capability name the way Docker does: case-insensitive, with or without the
     * {@code CAP_} prefix.
     *
     * <pre>{@code
     * Capability.parse("net_admin") == Capability.CAP_NET_ADMIN
     * }</pre>
     *
     * @param name for example {@code CAP_NET_ADMIN}, {@code NET_ADMIN} or {@code net_admin}
     * @return the capability
     * @throws IllegalArgumentException for an unknown name, and for {@code ALL}, which names no
     *     single capability (see {@link #adjust})
     */
    public static Capability parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals(ALL)) {
            throw new IllegalArgumentException("\"" + name + "\" names every capability, not one; use adjust()");
        }
        String full = upper.startsWith(PREFIX) ? upper : PREFIX + upper;
        for (Capability c : values()) {
            if (c.name().equals(full)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown capability: \"" + name + "\"");
    }

    /**
     * Applies {@code --cap-add} and {@code --cap-drop} lists to a base set as Docker does. Names
     * are parsed with {@link #parse}; {@code ALL} (any case) is allowed in either list:
     * <ul>
     *   <li>{@code ALL} in {@code add}: every capability except those in {@code drop};</li>
     *   <li>otherwise {@code ALL} in {@code drop}: exactly the capabilities in {@code add};</li>
     *   <li>otherwise: {@code base} without {@code drop}, plus {@code add}.</li>
     * </ul>
     *
     * <pre>{@code
     * Capability.adjust(Capability.DOCKER_DEFAULTS, List.of(), List.of("ALL"))          // []
     * Capability.adjust(Capability.DOCKER_DEFAULTS, List.of("ALL"), List.of("SYS_ADMIN")) // all but CAP_SYS_ADMIN
     * }</pre>
     *
     * @param base the starting set, usually {@link #DOCKER_DEFAULTS}
     * @param add names to add
     * @param drop names to remove
     * @return the resulting immutable set
     * @throws IllegalArgumentException if a name is not a capability
     */
    public static Set<Capability> adjust(Set<Capability> base, Collection<String> add, Collection<String> drop) {
        boolean addAll = containsAll(add);
        boolean dropAll = containsAll(drop);
        Set<Capability> adds = parseAll(add);
        Set<Capability> drops = parseAll(drop);
        EnumSet<Capability> result = EnumSet.noneOf(Capability.class);
        if (addAll) {
            result.addAll(EnumSet.allOf(Capability.class));
            result.removeAll(drops);
        } else if (dropAll) {
            result.addAll(adds);
        } else {
            result.addAll(base);
            result.removeAll(drops);
            result.addAll(adds);
        }
        return Collections.unmodifiableSet(result);
    }

    /**
     * The 64-bit mask with bit {@link #number()} set for each capability: the form the init
     * passes to {@code capset} (split into two 32-bit words) and to {@code PR_CAPBSET_DROP}.
     *
     * <pre>{@code
     * Capability.mask(Set.of(Capability.CAP_CHOWN, Capability.CAP_KILL)) == 0b100001L
     * }</pre>
     *
     * @param capabilities the set
     * @return the mask; 0 for the empty set
     */
    public static long mask(Set<Capability> capabilities) {
        long mask = 0;
        for (Capability c : capabilities) {
            mask |= 1L << c.number;
        }
        return mask;
    }

    private static boolean containsAll(Collection<String> names) {
        return names.stream().anyMatch(n -> n.trim().equalsIgnoreCase(ALL));
    }

    private static Set<Capability> parseAll(Collection<String> names) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (String n : names) {
            if (!n.trim().equalsIgnoreCase(ALL)) {
                set.add(parse(n));
            }
        }
        return set;
    }
}
