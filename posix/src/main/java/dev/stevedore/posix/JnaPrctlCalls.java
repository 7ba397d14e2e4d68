package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;

/**
 * {@link PrctlCalls} through glibc's variadic {@code int prctl(int option, ...)}: every
 * argument goes through {@code Object...} as a 64-bit {@code long} (the kernel reads
 * {@code unsigned long}s), and the {@code PR_GET_*} options that write into an {@code int *}
 * get a {@link Memory} of four bytes.
 */
final class JnaPrctlCalls implements PrctlCalls {
    private interface C extends Library {
        int prctl(int option, Object... args) throws LastErrorException;
    }

    private final C c = LibC.load(C.class);

    @Override
    public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        try {
            return c.prctl(option, arg2, arg3, arg4, arg5);
        } catch (LastErrorException e) {
            throw Call.failed(e, "prctl", option, arg2, arg3, arg4, arg5);
        }
    }

    @Override
    public void setParentDeathSignal(int signal) {
        prctl(PrctlOptions.PR_SET_PDEATHSIG, signal, 0, 0, 0);
    }

    @Override
    public int parentDeathSignal() {
        return intResult(PrctlOptions.PR_GET_PDEATHSIG, "PR_GET_PDEATHSIG");
    }

    @Override
    public void setDumpable(boolean dumpable) {
        prctl(PrctlOptions.PR_SET_DUMPABLE, dumpable ? 1 : 0, 0, 0, 0);
    }

    @Override
    public boolean isDumpable() {
        return prctl(PrctlOptions.PR_GET_DUMPABLE, 0, 0, 0, 0) == 1;
    }

    @Override
    public void setNoNewPrivileges() {
        prctl(PrctlOptions.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    }

    @Override
    public boolean hasNoNewPrivileges() {
        return prctl(PrctlOptions.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1;
    }

    @Override
    public void setChildSubreaper(boolean subreaper) {
        prctl(PrctlOptions.PR_SET_CHILD_SUBREAPER, subreaper ? 1 : 0, 0, 0, 0);
    }

    @Override
    public boolean isChildSubreaper() {
        return intResult(PrctlOptions.PR_GET_CHILD_SUBREAPER, "PR_GET_CHILD_SUBREAPER") != 0;
    }

    private int intResult(int option, String name) {
        try (Memory result = new Memory(Integer.BYTES)) {
            result.setInt(0, 0);
            try {
                c.prctl(option, result, 0L, 0L, 0L);
            } catch (LastErrorException e) {
                throw Call.failed(e, "prctl", Call.raw(name), Call.raw("&int"));
            }
            return result.getInt(0);
        }
    }
}
