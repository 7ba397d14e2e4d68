package dev.stevedore.sandbox;

import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Signals;
import dev.stevedore.posix.SpawnCalls;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stevedore-init process started with {@code posix_spawn} rather than the JDK's
 * ProcessBuilder: one vfork and one exec (the JDK adds an exec of its helper), and the child
 * inherits exactly its three pipes. It is this JVM's child, so a reaper task on the given
 * executor waits for it.
 */
final class ShimProcess {
    private final long pid;
    private final Fd stdin;
    private final Fd stdout;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ShimProcess(long pid, Fd stdin, Fd stdout) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /**
     * Starts {@code executable}; must run on the thread the shim's PR_SET_PDEATHSIG should follow.
     *
     * @param executable the sealed memfd path
     * @param stderr where the shim's own diagnostics go (appended), if anywhere
     * @param reaper runs the blocking wait for the process
     */
    static ShimProcess spawn(Path executable, Optional<Path> stderr, Executor reaper) {
        Syscalls sys = Syscalls.linux();
        Fd[] in = sys.pipe(OpenFlags.O_CLOEXEC);
        Fd[] out = sys.pipe(OpenFlags.O_CLOEXEC);
        Fd err = null;
        try {
            err = sys.openat(Fd.cwd(), stderr.orElse(Path.of("/dev/null")),
                    OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_APPEND | OpenFlags.O_CLOEXEC, 0600);
            long pid = sys.spawn(executable.toString(), List.of("stevedore-init"), List.of(), List.of(in[0], out[1], err));
            ShimProcess p = new ShimProcess(pid, in[1], out[0]);
            reaper.execute(p::reap);
            return p;
        } catch (RuntimeException e) {
            in[1].close();
            out[0].close();
            throw e;
        } finally {
            in[0].close();
            out[1].close();
            if (err != null) {
                err.close();
            }
        }
    }

    private void reap() {
        try {
            exit.complete(SpawnCalls.exitCode(Syscalls.linux().waitpid(pid, 0)));
        } catch (RuntimeException e) {
            exit.completeExceptionally(e);
        }
    }

    long pid() {
        return pid;
    }

    /** The shim's stdout: its event frames. */
    InputStream getInputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                try {
                    int n = Syscalls.linux().read(stdout, b, off, len);
                    return n == 0 ? -1 : n;
                } catch (PosixException | IllegalStateException e) {
                    throw new IOException("cannot read from stevedore-init", e);
                }
            }

            @Override
            public void close() {
                stdout.close();
            }
        };
    }

    /** The shim's stdin: the configuration, then commands. */
    OutputStream getOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    int done = 0;
                    while (done < len) {
                        done += Syscalls.linux().write(stdin, b, off + done, len - done);
                    }
                } catch (PosixException | IllegalStateException e) {
                    throw new IOException("cannot write to stevedore-init", e);
                }
            }

            @Override
            public void close() {
                stdin.close();
            }
        };
    }

    /** Kills the shim (SIGKILL) if it still runs. */
    void destroyForcibly() {
        if (!exit.isDone()) {
            try {
                Syscalls.linux().kill(pid, Signals.SIGKILL);
            } catch (PosixException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw new SandboxException("cannot kill stevedore-init " + pid, e);
                }
            }
        }
    }

    /** Waits at most {@code timeout} for the shim to exit. @return whether it did */
    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
