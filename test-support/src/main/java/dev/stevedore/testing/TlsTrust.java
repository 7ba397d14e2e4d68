package dev.stevedore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client needs to trust a test registry's TLS certificate: the test CA as a PEM
 * file, a directory in the layout skopeo and containers/image expect for {@code --cert-dir}
 * (holding only {@code ca.crt}), and the same CA as a Java trust store and SSL context.
 *
 * <pre>{@code
 * TlsTrust trust = registry.trust().orElseThrow();
 * HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).build();
 * }</pre>
 *
 * @param caCertificate the CA certificate, PEM encoded
 * @param certDirectory a directory holding a copy of the CA certificate as {@code ca.crt}
 * @param trustStore an in-memory PKCS12 key store whose only entry is the CA certificate
 * @param sslContext a TLS context that trusts exactly that CA
 */
public record TlsTrust(Path caCertificate, Path certDirectory, KeyStore trustStore, SSLContext sslContext) {
    /** The alias of the CA certificate in {@link #trustStore()}. */
    public static final String CA_ALIAS = "stevedore-test-ca";

    /**
     * Builds the trust material for a CA certificate in PEM form; writes {@code ca.crt} into
     * {@code certDirectory} (created if needed).
     *
     * <pre>{@code TlsTrust trust = TlsTrust.fromPem(Path.of("ca.crt"), tmp.resolve("certs.d"));}</pre>
     *
     * @param caCertificate a PEM file holding one X.509 certificate
     * @param certDirectory where to put the {@code --cert-dir} copy
     * @return the trust material
     * @throws FixtureException if the file cannot be read or parsed
     */
    public static TlsTrust fromPem(Path caCertificate, Path certDirectory) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(CA_ALIAS, ca);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            SSLContext sslContext = SSLContext.getInstance("TLS");
            sslContext.init(null, trustManagers.getTrustManagers(), null);
            Files.createDirectories(certDirectory);
            Files.copy(caCertificate, certDirectory.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
            return new TlsTrust(caCertificate, certDirectory, trustStore, sslContext);
        } catch (IOException | GeneralSecurityException e) {
            throw new FixtureException("Tried to load the CA certificate " + caCertificate + " but failed because: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The CA certificate, parsed.
     *
     * @return the certificate stored under {@link #CA_ALIAS}
     */
    public X509Certificate caX509Certificate() {
        try {
            return (X509Certificate) trustStore.getCertificate(CA_ALIAS);
        } catch (KeyStoreException e) {
            throw new FixtureException("Tried to read " + CA_ALIAS + " from the trust store but failed because: "
                    + e.getMessage(), e);
        }
    }
}
