package dev.stevedore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a bearer token from a token server (the Docker token spec): the OAuth2 form
 * ({@code POST}, {@code grant_type=refresh_token} for an identity token or {@code password})
 * when there is a credential, falling back to {@code GET} with basic auth when the POST is
 * refused (404, 405, 401); an anonymous {@code GET} otherwise. The realm must be HTTPS, or
 * plain HTTP on a loopback host or for a registry marked insecure. Token bodies over 64 KiB
 * are refused; a token lives {@code expires_in} seconds (60 when absent) by the client's clock.
 */
final class TokenFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenFetcher.class);
    private static final String CLIENT_ID = "stevedore";
    private static final int MIN_EXPIRES_SECONDS = 60;

    private final Transport transport;
    private final Clock clock;

    TokenFetcher(Transport transport, Clock clock) {
        this.transport = transport;
        this.clock = clock;
    }

    Token fetch(Site site, Challenge bearer, List<String> scopes, Optional<Credential> credential, Action action) {
        URI realm = realm(site, bearer, action);
        String service = bearer.param("service").orElse("");
        try {
            if (credential.isPresent()) {
                HttpResponse<InputStream> posted = post(site, realm, service, scopes, credential.get());
                int status = posted.statusCode();
                if (status == 404 || status == 405 || status == 401) {
                    posted.body().close();
                    LOG.debug("token server {} refused the OAuth2 POST ({}); using GET", realm.getAuthority(), status);
                } else {
                    return answer(posted, site, scopes, action);
                }
            }
            return answer(get(site, realm, service, scopes, credential), site, scopes, action);
        } catch (IOException e) {
            throw new TokenUnavailable("cannot get a token from " + realm.getScheme() + "://" + realm.getAuthority()
                    + ": " + Caller.describe(e), e);
        }
    }

    private URI realm(Site site, Challenge bearer, Action action) {
        String text = bearer.param("realm").orElseThrow(() -> new RegistryProtocolException(action.description(),
                action.target(), "the Bearer challenge from " + site.host() + " has no realm", null));
        URI realm;
        try {
            realm = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new RegistryProtocolException(action.description(), action.target(), "the Bearer realm \"" + text
                    + "\" is not a URI", e);
        }
        String scheme = realm.getScheme() == null ? "" : realm.getScheme().toLowerCase(Locale.ROOT);
        if (realm.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new RegistryProtocolException(action.description(), action.target(), "the Bearer realm \"" + text
                    + "\" is not an absolute http(s) URL", null);
        }
        if (scheme.equals("http") && !site.insecure() && !RegistryHosts.isLoopback(realm.getHost())) {
            throw new RegistryProtocolException(action.description(), action.target(), "refusing the plain-HTTP token"
                    + " realm " + text + " (only HTTPS, loopback hosts or registries marked insecure)", null);
        }
        return realm;
    }

    private HttpResponse<InputStream> post(Site site, URI realm, String service, List<String> scopes,
            Credential credential) throws IOException {
        List<String> form = new ArrayList<>();
        if (credential.identityToken()) {
            form.add("grant_type=refresh_token");
            form.add("refresh_token=" + encode(credential.secret()));
        } else {
            form.add("grant_type=password");
            form.add("username=" + encode(credential.username()));
            form.add("password=" + encode(credential.secret()));
        }
        form.add("client_id=" + CLIENT_ID);
        if (!service.isEmpty()) {
            form.add("service=" + encode(service));
        }
        if (!scopes.isEmpty()) {
            form.add("scope=" + encode(String.join(" ", scopes)));
        }
        HttpRequest request = builder(realm).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build();
        return transport.send(request, site.insecure(), () -> 0);
    }

    private HttpResponse<InputStream> get(Site site, URI realm, String service, List<String> scopes,
            Optional<Credential> credential) throws IOException {
        StringBuilder query = new StringBuilder(realm.getRawQuery() == null ? "" : realm.getRawQuery());
        if (!service.isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append("service=").append(encode(service));
        }
        for (String scope : scopes) {
            query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
        }
        String base = realm.toString();
        int q = base.indexOf('?');
        URI uri = URI.create((q < 0 ? base : base.substring(0, q)) + (query.length() == 0 ? "" : "?" + query));
        HttpRequest.Builder builder = builder(uri).GET();
        credential.ifPresent(c -> builder.header("Authorization", basic(c)));
        return transport.send(builder.build(), site.insecure(), () -> 0);
    }

    private HttpRequest.Builder builder(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(transport.idleTimeout());
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(java.net.http.HttpClient.Version.HTTP_1_1);
        }
        return builder;
    }

    private Token answer(HttpResponse<InputStream> response, Site site, List<String> scopes, Action action)
            throws IOException {
        try (InputStream body = response.body()) {
            Optional<byte[]> bytes = Bodies.readAtMost(body, Bodies.SMALL_LIMIT);
            int status = response.statusCode();
            if (status != 200) {
                String oauthError = bytes.map(TokenFetcher::oauthError).orElse("");
                List<RegistryError> errors = bytes.map(Bodies::errors).orElse(List.of());
                String why = " from the token server of " + site.host() + oauthError;
                if (status == 401 || status == 400 || status == 403) {
                    throw new UnauthorizedException(action.description(), action.target(), status, errors,
                            String.join(" ", scopes), why);
                }
                if (RetryPolicy.retryableStatus(status)) {
                    throw new TokenUnavailable("the token server of " + site.host() + " answered " + status + oauthError,
                            null);
                }
                throw new RegistryProtocolException(action.description(), action.target(), "the token server of "
                        + site.host() + " answered " + status + oauthError, null);
            }
            if (bytes.isEmpty()) {
                throw new RegistryProtocolException(action.description(), action.target(), "the token answer from "
                        + site.host() + " is larger than " + Bodies.SMALL_LIMIT + " bytes", null);
            }
            JsonNode json = Bodies.json(bytes.get());
            String token = json.path("token").asText("");
            if (token.isEmpty()) {
                token = json.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new RegistryProtocolException(action.description(), action.target(), "the token answer from "
                        + site.host() + " holds no token", null);
            }
            long expiresIn = Math.max(MIN_EXPIRES_SECONDS, json.path("expires_in").asLong(MIN_EXPIRES_SECONDS));
            Duration life = Duration.ofSeconds(expiresIn);
            Duration margin = life.dividedBy(10).compareTo(Duration.ofSeconds(10)) > 0
                    ? Duration.ofSeconds(10) : life.dividedBy(10);
            return new Token(token, clock.instant().plus(life).minus(margin));
        }
    }

    /** The OAuth2 {@code error} member, which never holds a secret. */
    private static String oauthError(byte[] body) {
        try {
            String error = Bodies.json(body).path("error").asText("");
            return error.matches("[a-z_]{1,64}") ? " (" + error + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String basic(Credential credential) {
        return "Basic " + Base64.getEncoder().encodeToString((credential.username() + ":" + credential.secret())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
