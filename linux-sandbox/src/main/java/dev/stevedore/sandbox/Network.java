package dev.stevedore.sandbox;

import java.nio.file.Path;

/**
 * The network a sandbox sees.
 *
 * <pre>{@code
 * Network.none()                 // own namespace, loopback only (the default)
 * Network.host()                 // the host's network
 * Network.join(other.netnsPath())  // share another sandbox's network namespace
 * }</pre>
 */
public sealed interface Network {
    /** @return an own network namespace with only the loopback interface, brought up */
    static Network none() {
        return None.INSTANCE;
    }

    /** @return the host's network namespace */
    static Network host() {
        return Host.INSTANCE;
    }

    /**
     * Joins an existing network namespace, such as another sandbox's.
     *
     * @param namespace a path like {@code /proc/<pid>/ns/net} or a bind-mounted namespace file
     * @return the network
     */
    static Network join(Path namespace) {
        return new Join(namespace);
    }

    /** An own network namespace. */
    enum None implements Network {
        /** The only instance. */
        INSTANCE
    }

    /** The host's network namespace. */
    enum Host implements Network {
        /** The only instance. */
        INSTANCE
    }

    /** @param namespace the namespace file to join */
    record Join(Path namespace) implements Network {
        /** Requires an absolute path. */
        public Join {
            if (!namespace.isAbsolute()) {
                throw new IllegalArgumentException("network namespace path must be absolute: " + namespace);
            }
        }
    }
}
