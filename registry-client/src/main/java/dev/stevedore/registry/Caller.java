package dev.stevedore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes requests for the action classes: pings a site once (HTTPS first), adds credentials
 * for the site's own host only, answers one 401 challenge, follows redirects itself (at most
 * {@value #MAX_REDIRECTS}, never from https to http, credentials dropped on another host),
 * and retries 5xx, 429 and connection failures per the {@link RetryPolicy}, waiting through
 * the injected {@link Sleeper}.
 */
final class Caller {
    static final int MAX_REDIRECTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Caller.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Transport transport;
    private final Authenticator authenticator;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Events events;

    Caller(Transport transport, Authenticator authenticator, RetryPolicy retry, Sleeper sleeper, Clock clock,
            Events events) {
        this.transport = transport;
        this.authenticator = authenticator;
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
        this.events = events;
    }

    Clock clock() {
        return clock;
    }

    Events events() {
        return events;
    }

    RetryPolicy retry() {
        return retry;
    }

    /**
     * Makes the call, retrying as needed, and returns the response if its status is one of
     * {@code ok}; throws the typed exception otherwise.
     */
    Response expect(Site site, Call call, Action action, Set<Integer> ok) {
        ping(site, action);
        for (int attempt = 1;; attempt++) {
            Response response;
            try {
                response = exchange(site, call, action);
            } catch (IOException | TokenUnavailable e) {
                String reason = e instanceof IOException io ? describe(io) : e.getMessage();
                if (attempt >= retry.maxAttempts()) {
                    throw new RegistryUnavailableException(action.description(), action.target(), reason
                            + " (after " + attempt + " attempts)", e);
                }
                pause(action, attempt, retry.backoff(attempt), reason);
                continue;
            }
            if (ok.contains(response.status())) {
                return response;
            }
            if (RetryPolicy.retryableStatus(response.status()) && attempt < retry.maxAttempts()) {
                Optional<Duration> asked = RetryPolicy.retryAfter(response.headers(), clock);
                if (asked.isEmpty() || asked.get().compareTo(retry.maxWait()) <= 0) {
                    response.close();
                    pause(action, attempt, asked.orElse(retry.backoff(attempt)), "HTTP " + response.status());
                    continue;
                }
            }
            throw ErrorMapper.map(response, action, call.scopes(), clock);
        }
    }

    /** One attempt without retries, for requests whose retry needs thought (chunked uploads). */
    Response once(Site site, Call call, Action action) throws IOException {
        ping(site, action);
        return exchange(site, call, action);
    }

    /** Waits before the next attempt, telling the listener. */
    void pause(Action action, int attempt, Duration wait, String reason) {
        LOG.debug("{}: attempt {} failed ({}), retrying in {} ms", action.description(), attempt, reason, wait.toMillis());
        action.image().ifPresent(image -> events.emit(new RegistryEvent.Retrying(image, action.description(), attempt,
                wait, reason)));
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(action.description(), action.target(), "interrupted while waiting"
                    + " to retry", e);
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One attempt: authorization, at most one challenge answered, redirects followed. */
    private Response exchange(Site site, Call call, Action action) throws IOException {
        URI uri = resolve(site, call.path());
        Optional<String> authorization = authenticator.header(site, call.scopes(), action);
        String method = call.method();
        Optional<Call.Body> body = call.body();
        boolean challenged = false;
        for (int hops = 0;; ) {
            boolean own = site.owns(uri);
            AtomicLong sent = new AtomicLong();
            HttpRequest request = request(method, uri, call, body, own ? authorization : Optional.empty(), sent);
            HttpResponse<InputStream> raw = transport.send(request, own && site.insecure(), sent::get);
            Response response = new Response(raw.statusCode(), raw.headers(), uri, raw.body());
            if (response.status() == 401 && own && !challenged) {
                List<Challenge> challenges = challenges(response, site, action);
                Optional<String> answer = challenges.isEmpty() ? Optional.empty()
                        : authenticator.answer(site, challenges, call.scopes(), action);
                if (answer.isPresent()) {
                    response.close();
                    authorization = answer;
                    challenged = true;
                    continue;
                }
                return response;
            }
            if (!REDIRECTS.contains(response.status())) {
                return response;
            }
            response.close();
            String from = uri.getHost();
            String location = response.header("Location").orElseThrow(() -> new RegistryProtocolException(
                    action.description(), action.target(), "a " + response.status() + " redirect from " + from
                    + " has no Location", null));
            if (++hops > MAX_REDIRECTS) {
                throw new RegistryProtocolException(action.description(), action.target(), "more than "
                        + MAX_REDIRECTS + " redirects (last to " + hostOf(location) + ")", null);
            }
            URI next = redirectTarget(uri, location, action);
            if (response.status() == 303) {
                method = "GET";
                body = Optional.empty();
            }
            uri = next;
        }
    }

    private static URI redirectTarget(URI from, String location, Action action) {
        URI next;
        try {
            next = from.resolve(new URI(location.trim()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new RegistryProtocolException(action.description(), action.target(), "a redirect Location is not a"
                    + " URI", e);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RegistryProtocolException(action.description(), action.target(), "refused a redirect to a "
                    + scheme + " URL", null);
        }
        if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
            throw new RegistryProtocolException(action.description(), action.target(), "refused a redirect from https"
                    + " to plain http (" + from.getHost() + " to " + next.getHost() + ")", null);
        }
        return next;
    }

    private static String hostOf(String location) {
        try {
            String host = URI.create(location.trim()).getHost();
            return host == null ? "a relative location" : host;
        } catch (IllegalArgumentException e) {
            return "an invalid location";
        }
    }

    private List<Challenge> challenges(Response response, Site site, Action action) {
        List<String> values = response.headers().allValues("WWW-Authenticate");
        if (values.isEmpty()) {
            return List.of();
        }
        try {
            return ChallengeParser.parseAll(values);
        } catch (IllegalArgumentException e) {
            response.close();
            throw new RegistryProtocolException(action.description(), action.target(), site.host() + " sent a "
                    + e.getMessage(), e);
        }
    }

    private HttpRequest request(String method, URI uri, Call call, Optional<Call.Body> body,
            Optional<String> authorization, AtomicLong sent) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        call.headers().forEach(builder::header);
        authorization.ifPresent(a -> builder.header("Authorization", a));
        builder.method(method, body.map(b -> UploadBody.publisher(b, sent)).orElse(HttpRequest.BodyPublishers.noBody()));
        return builder.build();
    }

    /** The URI of a path relative to the site, or of an absolute location. */
    static URI resolve(Site site, String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return URI.create(path);
        }
        return site.base().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** Pings the site once: HTTPS first, plain HTTP only where Docker allows it; remembers the challenges. */
    void ping(Site site, Action action) {
        if (site.pinged()) {
            return;
        }
        synchronized (site) {
            if (site.pinged()) {
                return;
            }
            IOException firstFailure = null;
            String refusal = null;
            for (URI base : site.candidates()) {
                boolean plain = "http".equals(base.getScheme());
                try {
                    int status = pingOnce(site, base, action);
                    if (status == -1) {
                        return;
                    }
                    if (plain && refusal == null) {
                        refusal = "it answered " + status + " to GET /v2/ over plain HTTP";
                    }
                } catch (IOException e) {
                    LOG.debug("ping of {} failed: {}", base, describe(e));
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                }
            }
            String reason = "cannot reach " + site.host() + (firstFailure == null ? "" : ": " + describe(firstFailure))
                    + (refusal == null ? "" : "; " + refusal);
            throw new RegistryUnavailableException(action.description(), action.target(), reason, firstFailure);
        }
    }

    /** -1 when the site answered as a registry (and is now pinged), else the status it answered. */
    private int pingOnce(Site site, URI base, Action action) throws IOException {
        boolean plain = "http".equals(base.getScheme());
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("v2/")).timeout(transport.idleTimeout());
            if (plain) {
                builder.version(HttpClient.Version.HTTP_1_1);
            }
            HttpResponse<InputStream> raw = transport.send(builder.GET().build(), site.insecure(), () -> 0);
            int status = raw.statusCode();
            Response response = new Response(status, raw.headers(), base, raw.body());
            try (response) {
                if (RetryPolicy.retryableStatus(status) && attempt < retry.maxAttempts()) {
                    pause(action, attempt, RetryPolicy.retryAfter(raw.headers(), clock)
                            .filter(d -> d.compareTo(retry.maxWait()) <= 0).orElse(retry.backoff(attempt)),
                            "HTTP " + status + " from /v2/");
                    continue;
                }
                boolean registry = status == 200 || status == 401 || (!plain && status < 500);
                if (!registry) {
                    return status;
                }
                List<Challenge> challenges = status == 401 ? challenges(response, site, action) : List.of();
                site.pinged(base, challenges);
                LOG.debug("{} answers at {} with challenges {}", site.host(), base, challenges.stream()
                        .map(Challenge::scheme).toList());
                return -1;
            }
        }
    }
}
