package dev.stevedore.posix;

/**
 * Anonymous in-memory files that can be sealed against change ({@code memfd_create(2)},
 * {@code fcntl(F_ADD_SEALS)}): the native helper is copied into one, sealed, and executed
 * through {@link Fd#procPath()}, so nothing on disk can swap it and a container cannot
 * overwrite it through {@code /proc/self/exe}.
 *
 * <pre>{@code
 * Fd exe = sys.memfdCreate("stevedore-init", MemfdFlags.MFD_CLOEXEC | MemfdFlags.MFD_ALLOW_SEALING);
 * sys.writeFully(exe, binary);
 * sys.addSeals(exe, Seals.F_SEAL_SEAL | Seals.F_SEAL_SHRINK | Seals.F_SEAL_GROW | Seals.F_SEAL_WRITE);
 * new ProcessBuilder(exe.procPath().toString()).start();
 * }</pre>
 */
public interface MemfdCalls {
    /**
     * Creates an anonymous file in memory, open for reading and writing.
     *
     * @param name a name for debugging, shown as {@code /memfd:<name>} in {@code /proc/<pid>/fd}
     * @param flags {@link MemfdFlags}
     * @return the file
     * @throws PosixException {@code EINVAL} for flags the kernel lacks, ...
     */
    Fd memfdCreate(String name, int flags);

    /**
     * Adds seals ({@code fcntl(F_ADD_SEALS)}); seals can never be removed.
     *
     * @param fd a memfd created with {@link MemfdFlags#MFD_ALLOW_SEALING}
     * @param seals {@link Seals}
     * @throws PosixException {@code EPERM} once {@code F_SEAL_SEAL} is set or without sealing allowed,
     *     {@code EBUSY} for {@code F_SEAL_WRITE} while a shared writable mapping exists, ...
     */
    void addSeals(Fd fd, int seals);

    /**
     * The seals of a file ({@code fcntl(F_GET_SEALS)}).
     *
     * @param fd a memfd
     * @return the {@link Seals} bits
     * @throws PosixException {@code EINVAL} if the file cannot be sealed
     */
    int seals(Fd fd);
}
