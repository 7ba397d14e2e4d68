package dev.stevedore.sandbox;

import java.util.Optional;

/**
 * What a seccomp filter does with a system call: the kernel's {@code SECCOMP_RET_*} action with
 * its 16 data bits (the errno of {@link Kind#ERRNO}, the message of {@link Kind#TRACE}).
 * libseccomp's {@code SCMP_ACT_*} values are the same numbers.
 *
 * @param kind the action
 * @param data the data bits, 0 to 65535; 0 unless {@code kind} is {@link Kind#ERRNO} or {@link Kind#TRACE}
 */
record SeccompAction(Kind kind, int data) {
    /** {@code EPERM}: the errno of {@code SCMP_ACT_ERRNO} and {@code SCMP_ACT_TRACE} without {@code errnoRet}. */
    static final int EPERM = 1;
    /** {@code ENOSYS}: "no such system call". */
    static final int ENOSYS = 38;

    /** The actions, with the action bits of the filter's return value. */
    enum Kind {
        /** Kill the thread ({@code SCMP_ACT_KILL}, {@code SCMP_ACT_KILL_THREAD}). */
        KILL_THREAD(0x00000000),
        /** Kill the whole process. */
        KILL_PROCESS(0x80000000),
        /** Send {@code SIGSYS}. */
        TRAP(0x00030000),
        /** Fail with the errno in the data bits. */
        ERRNO(0x00050000),
        /** Notify a ptrace tracer, with the data bits as message. */
        TRACE(0x7ff00000),
        /** Allow and log. */
        LOG(0x7ffc0000),
        /** Allow. */
        ALLOW(0x7fff0000);

        private final int bits;

        Kind(int bits) {
            this.bits = bits;
        }
    }

    /** Checks that only errno and trace carry data, and that it fits 16 bits. */
    SeccompAction {
        if (data < 0 || data > 0xffff) {
            throw new IllegalArgumentException("action data must be 0 to 65535, not " + data);
        }
        if (data != 0 && kind != Kind.ERRNO && kind != Kind.TRACE) {
            throw new IllegalArgumentException(kind + " carries no data, got " + data);
        }
    }

    static SeccompAction of(Kind kind) {
        return new SeccompAction(kind, 0);
    }

    static SeccompAction errno(int errno) {
        return new SeccompAction(Kind.ERRNO, errno);
    }

    /**
     * Parses a profile's action name with its optional {@code errnoRet}, as runc does:
     * {@code SCMP_ACT_KILL} kills the thread, errno and trace default to {@code EPERM}. Unlike runc,
     * which ignores it, an {@code errnoRet} on any other action is an error (crun's rule).
     *
     * @throws IllegalArgumentException for an unknown action, {@code SCMP_ACT_NOTIFY}, or a misplaced errnoRet
     */
    static SeccompAction parse(String name, Optional<Integer> errnoRet) {
        Kind kind = switch (name) {
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> Kind.KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> Kind.KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> Kind.TRAP;
            case "SCMP_ACT_ERRNO" -> Kind.ERRNO;
            case "SCMP_ACT_TRACE" -> Kind.TRACE;
            case "SCMP_ACT_LOG" -> Kind.LOG;
            case "SCMP_ACT_ALLOW" -> Kind.ALLOW;
            case "SCMP_ACT_NOTIFY" -> throw new IllegalArgumentException(
                    "SCMP_ACT_NOTIFY needs a seccomp listener, which Stevedore does not provide yet");
            default -> throw new IllegalArgumentException("unknown action \"" + name + "\"");
        };
        if (kind == Kind.ERRNO || kind == Kind.TRACE) {
            return new SeccompAction(kind, errnoRet.orElse(EPERM));
        }
        if (errnoRet.isPresent()) {
            throw new IllegalArgumentException("errnoRet is only used by SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not " + name);
        }
        return of(kind);
    }

    /** The filter's 32-bit return value, also libseccomp's action token. */
    int value() {
        return kind.bits | data;
    }

    /** Whether a call with this action goes ahead (runc's test for skipping the {@code ENOSYS} stub). */
    boolean permits() {
        return kind == Kind.ALLOW || kind == Kind.LOG || kind == Kind.TRACE;
    }

    @Override
    public String toString() {
        return kind == Kind.ERRNO || kind == Kind.TRACE ? kind + "(" + data + ")" : kind.toString();
    }
}
