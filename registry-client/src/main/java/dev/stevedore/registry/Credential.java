package dev.stevedore.registry;

import java.util.Objects;

/**
 * A secret for one registry: a user name and password, or an identity (refresh) token as
 * {@code docker login} stores it. {@link #toString()} never shows the secret.
 *
 * <pre>{@code
 * Credential alice = Credential.basic("alice", "s3cret");
 * Credential token = Credential.identityToken("eyJ...");
 * }</pre>
 *
 * @param username the user name; {@code "<token>"} for an identity token
 * @param secret the password or the identity token
 * @param identityToken whether {@code secret} is an OAuth2 refresh token
 */
public record Credential(String username, String secret, boolean identityToken) {
    /** The user name docker's config and credential helpers use for identity tokens. */
    public static final String TOKEN_USER = "<token>";

    /**
     * Checks the fields.
     *
     * @param username the user name
     * @param secret the secret
     * @param identityToken whether the secret is an identity token
     * @throws IllegalArgumentException if the secret is empty, or a user name is missing or holds {@code ':'}
     */
    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a credential needs a non-empty secret");
        }
        if (!identityToken && (username.isEmpty() || username.contains(":"))) {
            throw new IllegalArgumentException("a user name must be non-empty and without ':'");
        }
    }

    /**
     * A user name and password.
     *
     * @param username the user name
     * @param password the password
     * @return the credential
     */
    public static Credential basic(String username, String password) {
        return new Credential(username, password, false);
    }

    /**
     * An identity token (OAuth2 refresh token) as {@code docker login} stores it.
     *
     * @param token the token
     * @return the credential
     */
    public static Credential identityToken(String token) {
        return new Credential(TOKEN_USER, token, true);
    }

    /** Shows the user name and kind, never the secret. */
    @Override
    public String toString() {
        return "Credential[" + (identityToken ? "identity token" : "username=" + username) + ", secret=***]";
    }
}
