package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;

/** {@link ProcessCalls} through glibc, with the pidfd calls as raw system calls. */
final class JnaProcessCalls implements ProcessCalls {
    private interface C extends Library {
        int setns(int fd, int nstype) throws LastErrorException;

        int kill(int pid, int signal) throws LastErrorException;

        int getuid();

        int geteuid();

        int getgid();

        int getegid();
    }

    private final C c = LibC.load(C.class);

    @Override
    public void setns(Fd namespace, int nstype) {
        try {
            c.setns(namespace.number(), nstype);
        } catch (LastErrorException e) {
            throw Call.failed(e, "setns", namespace, Call.hex(nstype));
        }
    }

    @Override
    public Fd pidfdOpen(long pid, int flags) {
        checkPid(pid);
        try {
            return Fd.adopt((int) Kernel.syscall(Kernel.SYS_PIDFD_OPEN, pid, (long) flags));
        } catch (LastErrorException e) {
            throw Call.failed(e, "pidfd_open", pid, Call.hex(flags));
        }
    }

    @Override
    public void pidfdSendSignal(Fd pidfd, int signal) {
        try {
            Kernel.syscall(Kernel.SYS_PIDFD_SEND_SIGNAL, (long) pidfd.number(), (long) signal, null, 0L);
        } catch (LastErrorException e) {
            throw Call.failed(e, "pidfd_send_signal", pidfd, signal, null, 0);
        }
    }

    @Override
    public void kill(long pid, int signal) {
        checkPid(pid);
        try {
            c.kill((int) pid, signal);
        } catch (LastErrorException e) {
            throw Call.failed(e, "kill", pid, signal);
        }
    }

    @Override
    public int getuid() {
        return c.getuid();
    }

    @Override
    public int geteuid() {
        return c.geteuid();
    }

    @Override
    public int getgid() {
        return c.getgid();
    }

    @Override
    public int getegid() {
        return c.getegid();
    }

    private static void checkPid(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a single process id: " + pid);
        }
    }
}
