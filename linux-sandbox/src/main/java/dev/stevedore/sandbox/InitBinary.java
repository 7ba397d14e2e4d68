package dev.stevedore.sandbox;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.MemfdFlags;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Seals;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * stevedore-init, loaded once per JVM from the jar into a sealed memfd. Every shim is
 * executed from it through {@code /proc/<jvm pid>/fd/<n>}, so no file on disk is ever the
 * binary a container could try to overwrite (cf. CVE-2019-5736), and the seals forbid any
 * write through the descriptor.
 */
final class InitBinary {
    static final String RESOURCE = "stevedore-init";
    private static final int SEALS = Seals.F_SEAL_SEAL | Seals.F_SEAL_SHRINK | Seals.F_SEAL_GROW | Seals.F_SEAL_WRITE;
    private static volatile InitBinary instance;

    private final Fd memfd;
    private final Path execPath;

    private InitBinary(Fd memfd) {
        this.memfd = memfd;
        this.execPath = memfd.procPath();
    }

    static InitBinary get() {
        InitBinary b = instance;
        if (b == null) {
            synchronized (InitBinary.class) {
                b = instance;
                if (b == null) {
                    b = load();
                    instance = b;
                }
            }
        }
        return b;
    }

    /** @return the path that executes the sealed binary, {@code /proc/<jvm pid>/fd/<n>} */
    Path execPath() {
        return execPath;
    }

    /** @return the seals on the memfd */
    int seals() {
        return Syscalls.linux().seals(memfd);
    }

    private static InitBinary load() {
        byte[] binary;
        try (InputStream in = InitBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new SandboxException("stevedore-init is missing from the jar (dev/stevedore/sandbox/" + RESOURCE
                        + "); the build compiles it with the system C compiler");
            }
            binary = in.readAllBytes();
        } catch (IOException e) {
            throw new SandboxException("cannot read stevedore-init from the jar", e);
        }
        Syscalls sys = Syscalls.linux();
        Fd fd;
        try {
            fd = sys.memfdCreate("stevedore-init", MemfdFlags.MFD_CLOEXEC | MemfdFlags.MFD_ALLOW_SEALING | MemfdFlags.MFD_EXEC);
        } catch (PosixException e) {
            // kernels before 6.3 know no MFD_EXEC; their memfds are executable anyway
            fd = sys.memfdCreate("stevedore-init", MemfdFlags.MFD_CLOEXEC | MemfdFlags.MFD_ALLOW_SEALING);
        }
        try {
            sys.writeFully(fd, binary);
            sys.addSeals(fd, SEALS);
        } catch (PosixException e) {
            fd.close();
            throw new SandboxException("cannot prepare the sealed memfd for stevedore-init", e);
        }
        return new InitBinary(fd);
    }
}
