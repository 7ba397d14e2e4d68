package dev.stevedore.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How to run a registry: which variant (basic auth, TLS), where ports come from, how long to
 * wait for it to answer and how long between SIGTERM and SIGKILL.
 */
record RegistrySpec(Optional<RegistryCredentials> credentials, boolean tls, IntSupplier ports, Duration readyTimeout,
        Duration stopGrace) {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    static RegistrySpec anonymous(Duration stopGrace) {
        return new RegistrySpec(Optional.empty(), false, FreePort::pick, READY_TIMEOUT, stopGrace);
    }

    RegistrySpec withCredentials(RegistryCredentials newCredentials) {
        return new RegistrySpec(Optional.of(newCredentials), tls, ports, readyTimeout, stopGrace);
    }

    RegistrySpec withTls() {
        return new RegistrySpec(credentials, true, ports, readyTimeout, stopGrace);
    }

    RegistrySpec withPorts(IntSupplier newPorts) {
        return new RegistrySpec(credentials, tls, newPorts, readyTimeout, stopGrace);
    }

    RegistrySpec withStopGrace(Duration newStopGrace) {
        return new RegistrySpec(credentials, tls, ports, readyTimeout, newStopGrace);
    }

    String variant() {
        return (tls ? "tls" : "plain") + (credentials.isPresent() ? "+htpasswd" : "");
    }
}
