package dev.stevedore.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A user name and password for a registry that checks basic auth.
 *
 * <pre>{@code
 * RegistryCredentials creds = registry.credentials().orElseThrow();
 * request.header("Authorization", creds.basicAuthorization());
 * }</pre>
 *
 * @param username the user name, without {@code ':'}
 * @param password the password
 */
public record RegistryCredentials(String username, String password) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the fields.
     *
     * @param username the user name
     * @param password the password
     * @throws IllegalArgumentException if the user name is empty or holds {@code ':'} or a
     *     line break, or the password is empty or holds a line break
     */
    public RegistryCredentials {
        if (username.isEmpty() || username.contains(":") || username.contains("\n")) {
            throw new IllegalArgumentException("user name must be non-empty, without ':' or line breaks: " + username);
        }
        if (password.isEmpty() || password.contains("\n")) {
            throw new IllegalArgumentException("password must be non-empty and a single line");
        }
    }

    /**
     * Credentials for {@code username} with the given password.
     *
     * <pre>{@code RegistryCredentials.of("alice", "s3cret")}</pre>
     *
     * @param username the user name
     * @param password the password
     * @return the credentials
     */
    public static RegistryCredentials of(String username, String password) {
        return new RegistryCredentials(username, password);
    }

    /**
     * Credentials for user {@code stevedore} with a fresh random password, so no test can
     * depend on a password it was not handed.
     *
     * @return new credentials
     */
    public static RegistryCredentials random() {
        byte[] secret = new byte[12];
        RANDOM.nextBytes(secret);
        return new RegistryCredentials("stevedore", HexFormat.of().formatHex(secret));
    }

    /**
     * The value of an HTTP {@code Authorization} header for these credentials.
     *
     * @return {@code "Basic " + base64(username:password)}
     */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Hides the password, so credentials can appear in assertion messages. */
    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
