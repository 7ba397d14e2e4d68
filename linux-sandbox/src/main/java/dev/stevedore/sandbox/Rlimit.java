package dev.stevedore.sandbox;

/**
 * A resource limit for the sandboxed process, as {@code setrlimit(2)} ({@code --ulimit}).
 *
 * <pre>{@code
 * Rlimit.of(Rlimit.Resource.NOFILE, 1024, 4096)
 * }</pre>
 *
 * @param resource which limit
 * @param soft the soft limit
 * @param hard the hard limit, at least {@code soft}
 */
public record Rlimit(Resource resource, long soft, long hard) {
    /** Linux rlimit resources with their numbers. */
    public enum Resource {
        /** CPU seconds. */ CPU(0),
        /** Largest file. */ FSIZE(1),
        /** Data segment. */ DATA(2),
        /** Stack size. */ STACK(3),
        /** Core file size. */ CORE(4),
        /** Resident set. */ RSS(5),
        /** Processes of the user. */ NPROC(6),
        /** Open files. */ NOFILE(7),
        /** Locked memory. */ MEMLOCK(8),
        /** Address space. */ AS(9),
        /** File locks. */ LOCKS(10),
        /** Pending signals. */ SIGPENDING(11),
        /** POSIX message-queue bytes. */ MSGQUEUE(12),
        /** Nice ceiling. */ NICE(13),
        /** Real-time priority ceiling. */ RTPRIO(14),
        /** Real-time CPU time. */ RTTIME(15);

        private final int number;

        Resource(int number) {
            this.number = number;
        }

        /** The kernel's number for this resource. @return RLIMIT_* */
        public int number() {
            return number;
        }
    }

    /** Unlimited ({@code RLIM_INFINITY}). */
    public static final long UNLIMITED = -1;

    /** Checks {@code soft <= hard}, treating {@link #UNLIMITED} as the largest value. */
    public Rlimit {
        if (soft < UNLIMITED || hard < UNLIMITED || Long.compareUnsigned(soft, hard) > 0) {
            throw new IllegalArgumentException("rlimit " + resource + ": soft limit " + soft
                    + " must not exceed hard limit " + hard);
        }
    }

    /** @param resource which @param soft soft @param hard hard @return the limit */
    public static Rlimit of(Resource resource, long soft, long hard) {
        return new Rlimit(resource, soft, hard);
    }
}
