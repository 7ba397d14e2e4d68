package dev.stevedore.testing;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The YAML configuration of one {@code docker-registry} run: loopback address, filesystem
 * storage with deletes enabled, no health checks, no upload purging, and optionally TLS and
 * either htpasswd basic auth or token auth. distribution has no log-file setting: the
 * process's output is redirected to a file instead.
 */
record RegistryConfig(int port, Path storageDir, String httpSecret, Optional<Path> htpasswdFile,
        Optional<TestCertificates> tls, Optional<TokenAuth> tokenAuth) {
    static final String REALM = "stevedore-test-registry";

    /** distribution's {@code auth.token} settings. */
    record TokenAuth(String realm, String service, String issuer, Path rootCertBundle) {}

    RegistryConfig withPort(int newPort) {
        return new RegistryConfig(newPort, storageDir, httpSecret, htpasswdFile, tls, tokenAuth);
    }

    String yaml() {
        StringBuilder yaml = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n")
                .append("  level: info\n")
                .append("  formatter: text\n")
                .append("storage:\n")
                .append("  filesystem:\n")
                .append("    rootdirectory: ").append(quoted(storageDir.toString())).append('\n')
                .append("  delete:\n")
                .append("    enabled: true\n")
                .append("  maintenance:\n")
                .append("    uploadpurging:\n")
                .append("      enabled: false\n")
                .append("http:\n")
                .append("  addr: ").append(quoted("127.0.0.1:" + port)).append('\n')
                .append("  secret: ").append(quoted(httpSecret)).append('\n');
        tls.ifPresent(t -> yaml
                .append("  tls:\n")
                .append("    certificate: ").append(quoted(t.serverCertificate().toString())).append('\n')
                .append("    key: ").append(quoted(t.serverKey().toString())).append('\n'));
        htpasswdFile.ifPresent(file -> yaml
                .append("auth:\n")
                .append("  htpasswd:\n")
                .append("    realm: ").append(quoted(REALM)).append('\n')
                .append("    path: ").append(quoted(file.toString())).append('\n'));
        tokenAuth.ifPresent(token -> yaml
                .append("auth:\n")
                .append("  token:\n")
                .append("    realm: ").append(quoted(token.realm())).append('\n')
                .append("    service: ").append(quoted(token.service())).append('\n')
                .append("    issuer: ").append(quoted(token.issuer())).append('\n')
                .append("    rootcertbundle: ").append(quoted(token.rootCertBundle().toString())).append('\n'));
        yaml.append("health:\n")
                .append("  storagedriver:\n")
                .append("    enabled: false\n");
        return yaml.toString();
    }

    /** A YAML double-quoted scalar. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
