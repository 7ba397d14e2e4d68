package dev.stevedore.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Answers {@code /token} for a {@link TokenServer}: the GET form and the OAuth2 POST form. */
final class TokenEndpoint implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenServer server;
    private final TokenPolicy policy;
    private final TokenKeys keys;
    /** Refresh token to user name. */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

    TokenEndpoint(TokenServer server, TokenPolicy policy, TokenKeys keys) {
        this.server = server;
        this.policy = policy;
        this.keys = keys;
    }

    /** Why a request is refused: the status and a JSON body. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;

        Refusal(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant now = server.currentClock().instant();
            String method = exchange.getRequestMethod();
            Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            Map<String, List<String>> params = new LinkedHashMap<>();
            decodeForm(exchange.getRequestURI().getRawQuery(), params);
            if (method.equals("POST")) {
                decodeForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
            }
            Optional<String> grantType = method.equals("POST") ? Optional.of(first(params, "grant_type")) : Optional.empty();
            String service = first(params, "service");
            List<String> scopes = new ArrayList<>();
            params.getOrDefault("scope", List.of()).forEach(s -> scopes.addAll(List.of(s.trim().split("\\s+"))));
            scopes.removeIf(String::isEmpty);
            Optional<String> user = Optional.empty();
            List<TokenScope> granted = List.of();
            int status;
            byte[] body;
            try {
                int failure = server.takeFailure();
                if (failure != 0) {
                    throw new Refusal(failure, "scripted_failure", "failure scripted with TokenServer.failNext");
                }
                if (!exchange.getRequestURI().getPath().equals("/token")) {
                    throw new Refusal(404, "not_found", "the token endpoint is /token");
                }
                if (!service.isEmpty() && !service.equals(server.service())) {
                    throw new Refusal(400, "invalid_request", "unknown service " + service + ", this server issues tokens for "
                            + server.service());
                }
                ObjectNode answer = JSON.createObjectNode();
                if (method.equals("GET")) {
                    user = basicAuth(authorization);
                    if (first(params, "offline_token").equals("true") && user.isPresent()) {
                        answer.put("refresh_token", refreshTokenFor(user.get()));
                    }
                } else if (method.equals("POST") && server.oauth2()) {
                    user = Optional.of(oauth2User(grantType.get(), params));
                    if (grantType.get().equals("refresh_token")) {
                        answer.put("refresh_token", first(params, "refresh_token"));
                    } else if (first(params, "access_type").equals("offline")) {
                        answer.put("refresh_token", refreshTokenFor(user.get()));
                    }
                } else if (method.equals("POST")) {
                    throw new Refusal(404, "not_found", "this token server speaks only the GET form");
                } else {
                    throw new Refusal(405, "method_not_allowed", "use GET or POST");
                }
                List<TokenScope> requested = new ArrayList<>();
                scopes.forEach(s -> requested.addAll(TokenScope.parseAll(s)));
                granted = TokenPolicy.grant(user.map(u -> policy.users().get(u).actions()).orElse(policy.anonymousActions()),
                        requested);
                String token = sign(server, keys, user.orElse(""), server.service(), granted, now);
                if (method.equals("GET")) {
                    answer.put("token", token);
                } else {
                    answer.put("scope", String.join(" ", granted.stream().map(TokenScope::toString).toList()));
                }
                answer.put("access_token", token);
                answer.put("expires_in", server.currentExpiresIn().toSeconds());
                answer.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
                status = 200;
                body = JSON.writeValueAsBytes(answer);
            } catch (Refusal refusal) {
                status = refusal.status;
                if (status == 401) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + server.issuer() + "\"");
                }
                ObjectNode error = JSON.createObjectNode()
                        .put("error", refusal.error)
                        .put("error_description", refusal.getMessage());
                body = JSON.writeValueAsBytes(error);
            }
            server.record(new TokenRequest(method, grantType, service, scopes,
                    granted.stream().map(TokenScope::toString).toList(), user, authorization, status, now));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The user of a GET: anonymous without an Authorization header, else basic auth that must match. */
    private Optional<String> basicAuth(Optional<String> authorization) throws Refusal {
        if (authorization.isEmpty()) {
            if (!policy.anonymousPull()) {
                throw new Refusal(401, "unauthorized", "this token server refuses anonymous requests");
            }
            return Optional.empty();
        }
        String[] parts = authorization.get().trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            throw new Refusal(401, "unauthorized", "expected basic auth, got " + parts[0]);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(401, "unauthorized", "basic auth is not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || policy.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).isEmpty()) {
            throw new Refusal(401, "unauthorized", "wrong user name or password");
        }
        return Optional.of(decoded.substring(0, colon));
    }

    /** The user of an OAuth2 POST, by password or refresh token. */
    private String oauth2User(String grantType, Map<String, List<String>> params) throws Refusal {
        if (first(params, "client_id").isEmpty()) {
            throw new Refusal(400, "invalid_request", "client_id is required");
        }
        switch (grantType) {
            case "password": {
                String username = first(params, "username");
                if (policy.authenticate(username, first(params, "password")).isEmpty()) {
                    throw new Refusal(400, "invalid_grant", "wrong user name or password");
                }
                return username;
            }
            case "refresh_token": {
                String username = refreshTokens.get(first(params, "refresh_token"));
                if (username == null) {
                    throw new Refusal(400, "invalid_grant", "unknown refresh token");
                }
                return username;
            }
            default:
                throw new Refusal(400, "unsupported_grant_type", "grant_type must be password or refresh_token, got \""
                        + grantType + "\"");
        }
    }

    private String refreshTokenFor(String user) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        refreshTokens.put(token, user);
        return token;
    }

    /** A signed JWT with the claims distribution 2.8 checks. */
    static String sign(TokenServer server, TokenKeys keys, String subject, String audience, List<TokenScope> access,
            Instant now) {
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", server.issuer())
                .put("sub", subject)
                .put("aud", audience)
                .put("exp", issuedAt + server.currentExpiresIn().toSeconds())
                .put("nbf", issuedAt)
                .put("iat", issuedAt)
                .put("jti", Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong()));
        ArrayNode entries = claims.putArray("access");
        for (TokenScope scope : access) {
            ObjectNode entry = entries.addObject().put("type", scope.type()).put("name", scope.name());
            scope.actions().stream().sorted().forEach(entry.putArray("actions")::add);
        }
        try {
            return keys.sign(server.keyHeader(), JSON.writeValueAsBytes(claims));
        } catch (JsonProcessingException e) {
            throw new FixtureException("Tried to write token claims but failed because: " + e.getMessage(), e);
        }
    }

    private static void decodeForm(String form, Map<String, List<String>> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
