package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {
    @TempDir
    Path tmp;

    @Test
    void serverCertificateIsTrustedThroughTheExposedTrustStore() throws Exception {
        // given
        TestCertificates certificates = TestCertificates.createIn(tmp.resolve("tls"));
        X509Certificate server = read(certificates.serverCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(certificates.trust().trustStore());
        X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];

        // when / then: throws if the chain does not verify
        trustManager.checkServerTrusted(new X509Certificate[] {server}, "ECDHE_ECDSA");
        assertThat(server.getIssuerX500Principal()).isEqualTo(certificates.trust().caX509Certificate().getSubjectX500Principal());
    }

    @Test
    void serverCertificateNamesBothLoopbackIpsAndLocalhost() throws Exception {
        // given
        TestCertificates certificates = TestCertificates.createIn(tmp.resolve("tls"));

        // when
        X509Certificate server = read(certificates.serverCertificate());

        // then
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(7, "127.0.0.1"),
                List.of(7, "127.0.0.2"), List.of(2, "localhost"));
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void certDirHoldsOnlyTheCaCertificate() throws Exception {
        // when
        TestCertificates certificates = TestCertificates.createIn(tmp.resolve("tls"));

        // then
        Path certDir = certificates.trust().certDirectory();
        try (var files = Files.list(certDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ca.crt");
        }
        assertThat(certDir.resolve("ca.crt")).hasSameBinaryContentAs(certificates.trust().caCertificate());
        assertThat(read(certificates.trust().caCertificate()).getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void everyCallMakesANewCa() {
        // when
        TestCertificates first = TestCertificates.createIn(tmp.resolve("one"));
        TestCertificates second = TestCertificates.createIn(tmp.resolve("two"));

        // then
        assertThat(first.trust().caX509Certificate().getPublicKey())
                .isNotEqualTo(second.trust().caX509Certificate().getPublicKey());
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
