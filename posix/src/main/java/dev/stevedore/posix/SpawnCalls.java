package dev.stevedore.posix;

import java.util.List;

/**
 * Starting and reaping child processes without the JDK's {@code ProcessBuilder}: when the
 * caller needs the child to be its own (for {@code PR_SET_PDEATHSIG}), to get exactly the
 * descriptors it chooses, and to start fast ({@code posix_spawn} is a vfork and one exec).
 *
 * <pre>{@code
 * Fd[] in = sys.pipe(OpenFlags.O_CLOEXEC);
 * Fd[] out = sys.pipe(OpenFlags.O_CLOEXEC);
 * long pid = sys.spawn("/bin/cat", List.of("cat"), List.of(), List.of(in[0], out[1], out[1]));
 * in[0].close(); out[1].close();
 * ...
 * int status = sys.waitpid(pid, 0);
 * }</pre>
 */
public interface SpawnCalls {
    /**
     * {@code pipe2(2)}.
     *
     * @param flags {@code O_CLOEXEC}, {@code O_NONBLOCK}
     * @return the read end, then the write end
     */
    Fd[] pipe(int flags);

    /**
     * {@code posix_spawn(3)}: runs {@code path} in a new process whose descriptor {@code i} is
     * {@code childFds.get(i)} and which inherits no other descriptor.
     *
     * @param path the executable
     * @param argv its arguments, {@code argv[0]} first
     * @param env its environment, {@code NAME=value} entries
     * @param childFds what becomes descriptors 0, 1, 2, ... in the child
     * @return the child's pid
     */
    long spawn(String path, List<String> argv, List<String> env, List<Fd> childFds);

    /**
     * {@code waitpid(2)}.
     *
     * @param pid a child of this process
     * @param options 0 to block, or {@link #WNOHANG}
     * @return the wait status (see {@link #exitCode(int)}), or -1 with {@code WNOHANG} while it runs
     */
    int waitpid(long pid, int options);

    /** Return at once if the child has not exited. */
    int WNOHANG = 1;

    /**
     * The status as a shell reports it.
     *
     * @param status a {@link #waitpid} status
     * @return the exit code, or 128 plus the signal that killed the process
     */
    static int exitCode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
