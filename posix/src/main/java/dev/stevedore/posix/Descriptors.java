package dev.stevedore.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;

/** {@code close(2)}, for {@link Fd#close()}. */
final class Descriptors {
    private static final int EINTR = 4;

    private interface C extends Library {
        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final C C = LibC.load(C.class);
    }

    private Descriptors() {}

    static void close(int fd) {
        try {
            Holder.C.close(fd);
        } catch (LastErrorException e) {
            // Linux releases the descriptor even when close fails; EINTR is not worth reporting.
            if (e.getErrorCode() != EINTR) {
                throw Call.failed(e, "close", fd);
            }
        }
    }
}
