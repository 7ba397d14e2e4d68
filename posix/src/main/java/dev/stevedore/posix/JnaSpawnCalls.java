package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.util.List;

/** {@link SpawnCalls} through glibc's posix_spawn (a vfork-style clone, then exec). */
final class JnaSpawnCalls implements SpawnCalls {
    /** sizeof(posix_spawn_file_actions_t) on x86-64 glibc: int, int, pointer, int[16]. */
    private static final int FILE_ACTIONS_SIZE = 80;

    private interface C extends Library {
        int pipe2(int[] fds, int flags) throws LastErrorException;

        int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

        // These return an error number rather than setting errno.
        int posix_spawn_file_actions_init(Pointer actions);

        int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

        int posix_spawn_file_actions_destroy(Pointer actions);

        int posix_spawn(IntByReference pid, String path, Pointer actions, Pointer attributes, StringArray argv,
                StringArray envp);
    }

    /** glibc 2.34 and later: closes every descriptor from {@code from} on in the child. */
    private interface CloseFrom extends Library {
        int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);
    }

    private final C c = LibC.load(C.class);
    private final CloseFrom closeFrom = loadCloseFrom();

    private static CloseFrom loadCloseFrom() {
        try {
            CloseFrom f = LibC.load(CloseFrom.class);
            Memory probe = new Memory(FILE_ACTIONS_SIZE);
            LibC.load(C.class).posix_spawn_file_actions_init(probe);
            f.posix_spawn_file_actions_addclosefrom_np(probe, 3);
            LibC.load(C.class).posix_spawn_file_actions_destroy(probe);
            return f;
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    @Override
    public Fd[] pipe(int flags) {
        int[] fds = new int[2];
        try {
            c.pipe2(fds, flags);
        } catch (LastErrorException e) {
            throw Call.failed(e, "pipe2", Call.raw("[?, ?]"), Call.hex(flags));
        }
        return new Fd[] {Fd.adopt(fds[0]), Fd.adopt(fds[1])};
    }

    @Override
    public long spawn(String path, List<String> argv, List<String> env, List<Fd> childFds) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least argv[0]");
        }
        Memory actions = new Memory(FILE_ACTIONS_SIZE);
        int rc = c.posix_spawn_file_actions_init(actions);
        if (rc != 0) {
            throw Call.failed(rc, "posix_spawn_file_actions_init", Call.raw("&actions"));
        }
        try {
            for (int i = 0; i < childFds.size(); i++) {
                rc = c.posix_spawn_file_actions_adddup2(actions, childFds.get(i).number(), i);
                if (rc != 0) {
                    throw Call.failed(rc, "posix_spawn_file_actions_adddup2", Call.raw("&actions"), childFds.get(i), i);
                }
            }
            if (closeFrom != null) {
                rc = closeFrom.posix_spawn_file_actions_addclosefrom_np(actions, childFds.size());
                if (rc != 0) {
                    throw Call.failed(rc, "posix_spawn_file_actions_addclosefrom_np", Call.raw("&actions"),
                            childFds.size());
                }
            }
            IntByReference pid = new IntByReference();
            rc = c.posix_spawn(pid, path, actions, null, new StringArray(argv.toArray(new String[0])),
                    new StringArray(env.toArray(new String[0])));
            if (rc != 0) {
                throw Call.failed(rc, "posix_spawn", Call.raw("&pid"), path, argv, Call.raw("envp"));
            }
            return pid.getValue();
        } finally {
            c.posix_spawn_file_actions_destroy(actions);
        }
    }

    @Override
    public int waitpid(long pid, int options) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pid must be positive, got " + pid);
        }
        IntByReference status = new IntByReference();
        for (;;) {
            try {
                int got = c.waitpid((int) pid, status, options);
                return got == 0 ? -1 : status.getValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR.number()) {
                    throw Call.failed(e, "waitpid", pid, Call.raw("&status"), Call.hex(options));
                }
            }
        }
    }
}
