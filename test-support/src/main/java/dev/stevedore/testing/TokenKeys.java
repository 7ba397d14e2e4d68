package dev.stevedore.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The key material of one token server, made with {@code openssl} at start: a self-signed
 * root (the registry's {@code rootcertbundle}) and a signing certificate it issued. Tokens
 * are signed either by the signing key with its certificate in {@code x5c}, or by the root
 * key itself, named in {@code kid} by its libtrust fingerprint: the two ways distribution 2.8
 * finds a trusted key ({@code registry/auth/token/token.go}, {@code VerifySigningKey}).
 */
final class TokenKeys {
    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final TokenServer.Algorithm algorithm;
    private final Path rootCertificate;
    private final PrivateKey rootKey;
    private final String rootKeyId;
    private final PrivateKey signingKey;
    private final String signingCertificateDer;

    private TokenKeys(TokenServer.Algorithm algorithm, Path rootCertificate, PrivateKey rootKey, String rootKeyId,
            PrivateKey signingKey, String signingCertificateDer) {
        this.algorithm = algorithm;
        this.rootCertificate = rootCertificate;
        this.rootKey = rootKey;
        this.rootKeyId = rootKeyId;
        this.signingKey = signingKey;
        this.signingCertificateDer = signingCertificateDer;
    }

    /** Writes {@code root.crt}, {@code root.key}, {@code signer.crt} and {@code signer.key} into {@code dir}. */
    static TokenKeys createIn(Path dir, TokenServer.Algorithm algorithm) {
        String openssl = Preconditions.requiresCommand("openssl", "openssl").toString();
        Path rootKey = dir.resolve("root.key");
        Path rootCert = dir.resolve("root.crt");
        Path signerKey = dir.resolve("signer.key");
        Path signerCsr = dir.resolve("signer.csr");
        Path signerCert = dir.resolve("signer.crt");
        Path extensions = dir.resolve("signer.ext");
        try {
            Files.createDirectories(dir);
            Files.writeString(extensions, "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new FixtureException("Tried to prepare " + dir + " for token signing keys but failed because: "
                    + e.getMessage(), e);
        }
        openssl("create the token root key", genpkey(openssl, algorithm, rootKey));
        openssl("create the token root certificate", List.of(openssl, "req", "-x509", "-new", "-key", rootKey.toString(),
                "-out", rootCert.toString(), "-days", "7", "-subj", "/CN=Stevedore test token root",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"));
        openssl("create the token signing key", genpkey(openssl, algorithm, signerKey));
        openssl("request the token signing certificate", List.of(openssl, "req", "-new", "-key", signerKey.toString(),
                "-out", signerCsr.toString(), "-subj", "/CN=Stevedore test token signer"));
        openssl("sign the token signing certificate", List.of(openssl, "x509", "-req", "-in", signerCsr.toString(),
                "-CA", rootCert.toString(), "-CAkey", rootKey.toString(),
                "-set_serial", "0x" + new BigInteger(64, RANDOM).toString(16),
                "-days", "7", "-extfile", extensions.toString(), "-out", signerCert.toString()));
        X509Certificate root = Pem.certificate(rootCert);
        String keyAlgorithm = algorithm == TokenServer.Algorithm.ES256 ? "EC" : "RSA";
        return new TokenKeys(algorithm, rootCert, Pem.privateKey(rootKey, keyAlgorithm), libtrustKeyId(root.getPublicKey()),
                Pem.privateKey(signerKey, keyAlgorithm), derBase64(Pem.certificate(signerCert)));
    }

    private static List<String> genpkey(String openssl, TokenServer.Algorithm algorithm, Path out) {
        List<String> command = new ArrayList<>(List.of(openssl, "genpkey", "-out", out.toString()));
        command.addAll(algorithm == TokenServer.Algorithm.ES256
                ? List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"));
        return command;
    }

    /** The PEM file holding the root certificate, for distribution's {@code auth.token.rootcertbundle}. */
    Path rootCertificate() {
        return rootCertificate;
    }

    /** The libtrust fingerprint of the root key, as {@code kid} headers name it. */
    String rootKeyId() {
        return rootKeyId;
    }

    /** A compact JWS: the header names the key as {@code keyHeader} says, the payload is {@code claimsJson}. */
    String sign(TokenServer.KeyHeader keyHeader, byte[] claimsJson) {
        String header = keyHeader == TokenServer.KeyHeader.X5C
                ? "{\"typ\":\"JWT\",\"alg\":\"" + algorithm + "\",\"x5c\":[\"" + signingCertificateDer + "\"]}"
                : "{\"typ\":\"JWT\",\"alg\":\"" + algorithm + "\",\"kid\":\"" + rootKeyId + "\"}";
        String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claimsJson);
        try {
            Signature signature = Signature.getInstance(algorithm == TokenServer.Algorithm.ES256
                    ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
            signature.initSign(keyHeader == TokenServer.KeyHeader.X5C ? signingKey : rootKey);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new FixtureException("Tried to sign a token with " + algorithm + " but failed because: "
                    + e.getMessage(), e);
        }
    }

    /**
     * libtrust's key id: SHA-256 of the DER SubjectPublicKeyInfo, first 240 bits, base32 in
     * twelve groups of four separated by {@code ':'}.
     */
    static String libtrustKeyId(PublicKey key) {
        byte[] hash;
        try {
            hash = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 30);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        StringBuilder id = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : hash) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (id.length() % 5 == 4) {
                    id.append(':');
                }
                id.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        return id.toString();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String derBase64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new FixtureException("Tried to encode the token signing certificate but failed because: "
                    + e.getMessage(), e);
        }
    }



    private static void openssl(String action, List<String> command) {
        Exec.check(action, command, Map.of(), OPENSSL_TIMEOUT);
    }
}
