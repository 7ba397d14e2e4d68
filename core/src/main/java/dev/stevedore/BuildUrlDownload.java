package dev.stevedore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One HTTP(S) download of {@code ADD <url>}, with the JDK's client (redirects followed): the
 * body is streamed to a file while its digest is computed.
 *
 * @param file where the body was written
 * @param digest the body's digest, {@code <algorithm>:<hex>} in the algorithm asked for
 * @param lastModified the {@code Last-Modified} header, if present and valid
 */
record BuildUrlDownload(Path file, String digest, Optional<Instant> lastModified) {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    /** The failure of a download, with a message naming the URL. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Downloads {@code url} into {@code file}, hashing it with {@code algorithm}
     * ({@code sha256}, {@code sha384} or {@code sha512}).
     */
    static BuildUrlDownload fetch(String url, Path file, String algorithm) throws Failure {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        } catch (IllegalArgumentException e) {
            throw new Failure("invalid URL " + url + ": " + e.getMessage(), e);
        }
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new Failure("cannot download " + url + ": connection failed ("
                    + Optional.ofNullable(e.getMessage()).orElse("connection refused") + ")", e);
        } catch (IOException e) {
            throw new Failure("cannot download " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while downloading " + url, e);
        }
        MessageDigest md = digest(algorithm);
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new Failure("cannot download " + url + ": HTTP status " + response.statusCode(), null);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new Failure("cannot download " + url + ": " + e, e);
        }
        Optional<Instant> modified = response.headers().firstValue("Last-Modified").flatMap(BuildUrlDownload::httpDate);
        return new BuildUrlDownload(file, algorithm + ":" + HexFormat.of().formatHex(md.digest()), modified);
    }

    static MessageDigest digest(String algorithm) {
        String name = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP date (RFC 1123, as servers send {@code Last-Modified}). */
    static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
