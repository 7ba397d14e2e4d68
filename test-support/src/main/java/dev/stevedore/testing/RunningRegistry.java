package dev.stevedore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of one started registry, all under one temp directory: {@code storage/},
 * {@code config.yml}, {@code registry.log}, {@code htpasswd}, {@code tls/} and
 * {@code skopeo/}. Closing stops the process and removes the directory.
 */
final class RunningRegistry implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration HTPASSWD_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final RegistryProcess process;
    private final Optional<TestCertificates> certificates;
    private final Optional<TokenServer> ownedTokenServer;

    private RunningRegistry(Path workDir, RegistryProcess process, Optional<TestCertificates> certificates,
            Optional<TokenServer> ownedTokenServer) {
        this.workDir = workDir;
        this.process = process;
        this.certificates = certificates;
        this.ownedTokenServer = ownedTokenServer;
    }

    /**
     * Prepares a temp directory, starts the token server if there is one and it is stopped
     * (then it is stopped with the registry), starts the process and waits until it answers;
     * cleans up on failure.
     */
    static RunningRegistry start(RegistrySpec spec) {
        Optional<TokenServer> ownedTokenServer = spec.tokenServer().filter(TokenServer::startIfStopped);
        Path workDir;
        try {
            workDir = TempDirs.create("stevedore-registry-");
        } catch (RuntimeException e) {
            ownedTokenServer.ifPresent(TokenServer::close);
            throw e;
        }
        try {
            Path storage = Files.createDirectories(workDir.resolve("storage"));
            Optional<Path> htpasswdFile = spec.credentials().map(c -> writeHtpasswd(c, workDir.resolve("htpasswd")));
            Optional<TestCertificates> certificates = spec.tls()
                    ? Optional.of(TestCertificates.createIn(workDir.resolve("tls")))
                    : Optional.empty();
            byte[] secret = new byte[16];
            RANDOM.nextBytes(secret);
            Optional<RegistryConfig.TokenAuth> tokenAuth = Optional.empty();
            if (spec.tokenServer().isPresent()) {
                TokenServer tokens = spec.tokenServer().get();
                // A copy: distribution reads the bundle once, and the token server may restart.
                Path bundle = Files.copy(tokens.rootCertificate(), workDir.resolve("token-root.crt"));
                tokenAuth = Optional.of(new RegistryConfig.TokenAuth(tokens.realm().toString(), tokens.service(),
                        tokens.issuer(), bundle));
            }
            RegistryConfig config = new RegistryConfig(0, storage, HexFormat.of().formatHex(secret), htpasswdFile,
                    certificates, tokenAuth);
            RegistryProcess process = RegistryProcess.start(workDir, config, spec.ports(), spec.readyTimeout(),
                    spec.stopGrace());
            return new RunningRegistry(workDir, process, certificates, ownedTokenServer);
        } catch (IOException e) {
            TempDirs.deleteRecursively(workDir);
            ownedTokenServer.ifPresent(TokenServer::close);
            throw new FixtureException("Tried to prepare " + workDir + " for docker-registry but failed because: "
                    + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            TempDirs.deleteRecursively(workDir);
            ownedTokenServer.ifPresent(TokenServer::close);
            throw e;
        }
    }

    /** {@code htpasswd -Bbn user password}: one bcrypt line, the only hash distribution accepts. */
    private static Path writeHtpasswd(RegistryCredentials credentials, Path file) {
        String htpasswd = Preconditions.requiresCommand("htpasswd", "apache2-utils").toString();
        String line = Exec.check("hash the registry password with htpasswd",
                List.of(htpasswd, "-Bbn", credentials.username(), credentials.password()), Map.of(), HTPASSWD_TIMEOUT);
        try {
            return Files.writeString(file, line.strip() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FixtureException("Tried to write " + file + " but failed because: " + e.getMessage(), e);
        }
    }

    Path workDir() {
        return workDir;
    }

    RegistryProcess process() {
        return process;
    }

    Optional<TestCertificates> certificates() {
        return certificates;
    }

    /** Stops the process, then removes the temp directory and stops a token server it started, even if stopping failed. */
    @Override
    public void close() {
        try {
            process.close();
        } finally {
            try {
                TempDirs.deleteRecursively(workDir);
            } finally {
                ownedTokenServer.ifPresent(TokenServer::close);
            }
        }
    }
}
