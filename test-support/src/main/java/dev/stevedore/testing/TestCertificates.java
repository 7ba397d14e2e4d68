package dev.stevedore.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A throw-away certificate authority and a server certificate for {@code 127.0.0.1},
 * {@code 127.0.0.2} (the fault proxy's second host) and {@code localhost}, made with
 * {@code openssl} at test time (EC P-256 keys, valid for a few days), so no key material ever
 * lives in the repository.
 *
 * @param serverCertificate the server certificate (PEM), signed by the CA
 * @param serverKey the server's private key (PEM, PKCS#8, unencrypted)
 * @param trust what clients need to trust the CA
 */
record TestCertificates(Path serverCertificate, Path serverKey, TlsTrust trust) {
    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes {@code ca.crt}, {@code ca.key}, {@code server.crt}, {@code server.key} and {@code certs.d/ca.crt} into {@code dir}. */
    static TestCertificates createIn(Path dir) {
        String openssl = Preconditions.requiresCommand("openssl", "openssl").toString();
        Path caKey = dir.resolve("ca.key");
        Path caCert = dir.resolve("ca.crt");
        Path serverKey = dir.resolve("server.key");
        Path serverCsr = dir.resolve("server.csr");
        Path serverCert = dir.resolve("server.crt");
        Path extensions = dir.resolve("server.ext");
        try {
            Files.createDirectories(dir);
            Files.writeString(extensions, String.join("\n",
                    "basicConstraints = critical, CA:FALSE",
                    "keyUsage = critical, digitalSignature",
                    "extendedKeyUsage = serverAuth",
                    "subjectAltName = IP:127.0.0.1, IP:127.0.0.2, DNS:localhost",
                    "subjectKeyIdentifier = hash",
                    "authorityKeyIdentifier = keyid, issuer",
                    ""), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new FixtureException("Tried to prepare " + dir + " for test certificates but failed because: "
                    + e.getMessage(), e);
        }
        openssl("create the test CA", List.of(openssl, "req", "-x509", "-new", "-nodes",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "7",
                "-subj", "/CN=Stevedore test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
        openssl("create the server key", List.of(openssl, "req", "-new", "-nodes",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-keyout", serverKey.toString(), "-out", serverCsr.toString(), "-subj", "/CN=localhost"));
        openssl("sign the server certificate", List.of(openssl, "x509", "-req", "-in", serverCsr.toString(),
                "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "0x" + new BigInteger(64, RANDOM).toString(16),
                "-days", "7", "-extfile", extensions.toString(), "-out", serverCert.toString()));
        return new TestCertificates(serverCert, serverKey, TlsTrust.fromPem(caCert, dir.resolve("certs.d")));
    }

    private static void openssl(String action, List<String> command) {
        Exec.check(action, command, Map.of(), OPENSSL_TIMEOUT);
    }
}
