package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;

/**
 * {@link MemfdCalls} through glibc's {@code memfd_create} and variadic {@code fcntl} (its
 * argument passed as a {@code long}: glibc reads it as a pointer-sized word).
 */
final class JnaMemfdCalls implements MemfdCalls {
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;

    private interface C extends Library {
        int memfd_create(String name, int flags) throws LastErrorException;

        int fcntl(int fd, int command, Object... argument) throws LastErrorException;
    }

    private final C c = LibC.load(C.class);

    @Override
    public Fd memfdCreate(String name, int flags) {
        try {
            return Fd.adopt(c.memfd_create(name, flags));
        } catch (LastErrorException e) {
            throw Call.failed(e, "memfd_create", name, Call.hex(flags));
        }
    }

    @Override
    public void addSeals(Fd fd, int seals) {
        try {
            c.fcntl(fd.number(), F_ADD_SEALS, (long) seals);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fcntl", fd, Call.raw("F_ADD_SEALS"), Call.hex(seals));
        }
    }

    @Override
    public int seals(Fd fd) {
        try {
            return c.fcntl(fd.number(), F_GET_SEALS);
        } catch (LastErrorException e) {
            throw Call.failed(e, "fcntl", fd, Call.raw("F_GET_SEALS"));
        }
    }
}
