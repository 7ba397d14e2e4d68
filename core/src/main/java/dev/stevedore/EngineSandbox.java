package dev.stevedore;

import dev.stevedore.sandbox.SandboxRuntime;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The engine's sandbox runtime: the caller's, or one created on first use (as root only) and closed with the engine. */
final class EngineSandbox implements AutoCloseable {
    private final Optional<SandboxRuntime> given;
    private final IntSupplier euid;
    private SandboxRuntime created;
    private boolean closed;

    EngineSandbox(Optional<SandboxRuntime> given, IntSupplier euid) {
        this.given = given;
        this.euid = euid;
    }

    synchronized SandboxRuntime runtime() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (given.isPresent()) {
            return given.get();
        }
        if (created == null) {
            int uid = euid.getAsInt();
            if (uid != 0) {
                throw new RootRequiredException(uid);
            }
            created = SandboxRuntime.create();
        }
        return created;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (created != null) {
            created.close();
        }
    }
}
