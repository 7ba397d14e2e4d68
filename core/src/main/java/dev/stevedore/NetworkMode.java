package dev.stevedore;

/**
 * The network a container joins, as {@code docker run --network}.
 *
 * <ul>
 *   <li>{@link #none()}: a network namespace of its own with only loopback (the default: 0.1
 *       has no bridge, so published ports are how the host reaches a container);</li>
 *   <li>{@link #host()}: the host's network;</li>
 *   <li>{@link #container(String)}: another container's network namespace;</li>
 *   <li>{@link #named(String)}: a network made with {@link Networks#create(String)}: every
 *       container on it shares one network namespace, and each reaches the others by name or
 *       alias through {@code /etc/hosts}.</li>
 * </ul>
 *
 * <pre>{@code
 * NetworkMode.parse("container:db")   // NetworkMode.container("db")
 * NetworkMode.named("app")
 * }</pre>
 */
public sealed interface NetworkMode {
    /**
     * @return an own namespace with only loopback
     */
    static NetworkMode none() {
        return None.INSTANCE;
    }

    /**
     * @return the host's network namespace
     */
    static NetworkMode host() {
        return Host.INSTANCE;
    }

    /**
     * Another container's network namespace.
     *
     * @param idOrName the container, which must be running when this one starts
     * @return the mode
     */
    static NetworkMode container(String idOrName) {
        return new Joined(idOrName);
    }

    /**
     * A named network.
     *
     * @param name the network's name
     * @return the mode
     */
    static NetworkMode named(String name) {
        return new Named(name);
    }

    /**
     * Parses {@code none}, {@code host}, {@code container:<id or name>} or a network name.
     *
     * @param text the mode as {@code --network} takes it
     * @return the mode
     * @throws IllegalArgumentException if it is empty or names no container
     */
    static NetworkMode parse(String text) {
        if (text.equals("none")) {
            return none();
        }
        if (text.equals("host")) {
            return host();
        }
        if (text.startsWith("container:")) {
            return container(text.substring("container:".length()));
        }
        if (text.equals("bridge") || text.equals("default")) {
            throw new IllegalArgumentException("network \"" + text + "\": Stevedore 0.1 has no bridge; use none "
                    + "(with published ports), host, container:<id> or a named network");
        }
        return named(text);
    }

    /**
     * The mode as {@code --network} takes it.
     *
     * @return such as {@code "container:db"}
     */
    String text();

    /** An own network namespace. */
    enum None implements NetworkMode {
        /** The only instance. */
        INSTANCE;

        @Override
        public String text() {
            return "none";
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** The host's network. */
    enum Host implements NetworkMode {
        /** The only instance. */
        INSTANCE;

        @Override
        public String text() {
            return "host";
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /**
     * @param container the id or name of the container whose namespace is joined
     */
    record Joined(String container) implements NetworkMode {
        /**
         * Requires a container.
         *
         * @param container the id or name of the container whose namespace is joined
         */
        public Joined {
            if (container == null || container.isBlank()) {
                throw new IllegalArgumentException("network mode container: needs a container id or name");
            }
        }

        @Override
        public String text() {
            return "container:" + container;
        }
    }

    /**
     * @param name the network's name
     */
    record Named(String name) implements NetworkMode {
        /**
         * Checks the name.
         *
         * @param name the network's name
         */
        public Named {
            Networks.checkName(name);
        }

        @Override
        public String text() {
            return name;
        }
    }
}
