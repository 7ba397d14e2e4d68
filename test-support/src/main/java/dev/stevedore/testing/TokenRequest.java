package dev.stevedore.testing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a {@link TokenServer} answered, for assertions.
 *
 * <pre>{@code
 * TokenRequest last = tokens.requests().get(tokens.requests().size() - 1);
 * assertThat(last.granted()).containsExactly("repository:busybox:pull");
 * }</pre>
 *
 * @param method {@code GET} or {@code POST}
 * @param grantType the OAuth2 {@code grant_type} of a POST ({@code password}, {@code refresh_token}); empty for GET
 * @param service the {@code service} parameter, empty string when absent
 * @param scopes the scopes asked for, one entry per scope, as sent ({@code repository:busybox:pull,push})
 * @param granted the scopes put in the token's {@code access} claim, actions sorted; empty when refused
 * @param username who was authenticated (basic auth, password grant or refresh token); empty for anonymous
 * @param authorization the request's {@code Authorization} header as sent
 * @param status the HTTP status answered
 * @param time when the request arrived, by the server's clock
 */
public record TokenRequest(String method, Optional<String> grantType, String service, List<String> scopes,
        List<String> granted, Optional<String> username, Optional<String> authorization, int status, Instant time) {
    /**
     * Copies the lists and checks for nulls.
     *
     * @param method the method
     * @param grantType the grant type
     * @param service the service
     * @param scopes the scopes asked for
     * @param granted the scopes granted
     * @param username the authenticated user
     * @param authorization the Authorization header
     * @param status the status
     * @param time the arrival time
     */
    public TokenRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(service, "service");
        scopes = List.copyOf(scopes);
        granted = List.copyOf(granted);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(time, "time");
    }

    /** Hides credentials in the Authorization header, so requests can appear in assertion messages. */
    @Override
    public String toString() {
        return "TokenRequest[" + method + grantType.map(g -> " grant_type=" + g).orElse("") + ", service=" + service
                + ", scopes=" + scopes + ", granted=" + granted + ", username=" + username.orElse("(anonymous)")
                + ", authorization=" + authorization.map(a -> a.split(" ", 2)[0] + " ***").orElse("(none)")
                + ", status=" + status + "]";
    }
}
