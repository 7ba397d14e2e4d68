package dev.stevedore.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * How to run a registry: which variant (htpasswd basic auth or token auth, TLS), where ports
 * come from, how long to wait for it to answer and how long between SIGTERM and SIGKILL.
 * {@code credentials} are the htpasswd user; a registry has at most one auth method.
 */
record RegistrySpec(Optional<RegistryCredentials> credentials, Optional<TokenServer> tokenServer, boolean tls,
        IntSupplier ports, Duration readyTimeout, Duration stopGrace) {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    RegistrySpec {
        if (credentials.isPresent() && tokenServer.isPresent()) {
            throw new IllegalArgumentException("a registry has one auth method: htpasswd or token, not both");
        }
    }

    static RegistrySpec anonymous(Duration stopGrace) {
        return new RegistrySpec(Optional.empty(), Optional.empty(), false, FreePort::pick, READY_TIMEOUT, stopGrace);
    }

    RegistrySpec withCredentials(RegistryCredentials newCredentials) {
        return new RegistrySpec(Optional.of(newCredentials), tokenServer, tls, ports, readyTimeout, stopGrace);
    }

    RegistrySpec withTokenServer(TokenServer newTokenServer) {
        return new RegistrySpec(credentials, Optional.of(newTokenServer), tls, ports, readyTimeout, stopGrace);
    }

    RegistrySpec withTls() {
        return new RegistrySpec(credentials, tokenServer, true, ports, readyTimeout, stopGrace);
    }

    RegistrySpec withPorts(IntSupplier newPorts) {
        return new RegistrySpec(credentials, tokenServer, tls, newPorts, readyTimeout, stopGrace);
    }

    RegistrySpec withStopGrace(Duration newStopGrace) {
        return new RegistrySpec(credentials, tokenServer, tls, ports, readyTimeout, newStopGrace);
    }

    /** What a client logs in with: the htpasswd user, or the token server's first user. */
    Optional<RegistryCredentials> clientCredentials() {
        return credentials.isPresent() ? credentials : tokenServer.map(TokenServer::credentials);
    }

    String variant() {
        return (tls ? "tls" : "plain") + (credentials.isPresent() ? "+htpasswd" : "")
                + (tokenServer.isPresent() ? "+token" : "");
    }
}
