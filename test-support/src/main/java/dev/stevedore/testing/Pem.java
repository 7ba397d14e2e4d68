package dev.stevedore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads the PEM files {@code openssl} writes for the fixtures. */
final class Pem {
    private Pem() {}

    /** The first certificate in a PEM file. */
    static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new FixtureException("Tried to read the certificate " + pem + " but failed because: " + e.getMessage(), e);
        }
    }

    /** An unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}); {@code keyAlgorithm} is {@code EC} or {@code RSA}. */
    static PrivateKey privateKey(Path pem, String keyAlgorithm) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
                throw new FixtureException("Tried to read the private key " + pem
                        + " but failed because it is not an unencrypted PKCS#8 PEM key");
            }
            String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance(keyAlgorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new FixtureException("Tried to read the private key " + pem + " but failed because: " + e.getMessage(), e);
        }
    }
}
