package dev.stevedore.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Answers challenges: Basic with the site's credential; Bearer with a token for the scopes
 * a request needs, cached per site and scope set until it expires, so pulls with
 * {@code repository:x:pull} and pushes with {@code repository:x:pull,push} get their own
 * tokens. One token request at a time per site and scope set.
 */
final class Authenticator {
    private final Credentials credentials;
    private final TokenFetcher tokens;
    private final Clock clock;
    private final ConcurrentMap<String, Token> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    Authenticator(Credentials credentials, TokenFetcher tokens, Clock clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The Authorization header to send up front, from what the site's ping said. */
    Optional<String> header(Site site, List<String> scopes, Action action) {
        return answer(site, site.challenges(), scopes, action, false);
    }

    /**
     * The Authorization header that answers a 401's challenges, or empty if there is nothing
     * better to send; a Bearer challenge's own scope joins the request's.
     */
    Optional<String> answer(Site site, List<Challenge> challenges, List<String> scopes, Action action) {
        return answer(site, challenges, scopes, action, true);
    }

    private Optional<String> answer(Site site, List<Challenge> challenges, List<String> scopes, Action action,
            boolean refresh) {
        for (Challenge challenge : challenges) {
            if (challenge.isBearer()) {
                List<String> wanted = new ArrayList<>(scopes);
                challenge.param("scope").ifPresent(s -> {
                    for (String one : s.trim().split("\\s+")) {
                        if (!one.isEmpty() && !wanted.contains(one)) {
                            wanted.add(one);
                        }
                    }
                });
                return Optional.of("Bearer " + token(site, challenge, wanted, action, refresh).value());
            }
        }
        for (Challenge challenge : challenges) {
            if (challenge.isBasic()) {
                return credential(site, action).map(TokenFetcher::basic);
            }
        }
        return Optional.empty();
    }

    private Token token(Site site, Challenge challenge, List<String> scopes, Action action, boolean refresh) {
        String key = site.host() + " " + challenge.param("realm").orElse("") + " " + challenge.param("service").orElse("")
                + " " + String.join(" ", new TreeSet<>(scopes));
        Token cached = cache.get(key);
        if (!refresh && cached != null && cached.validAt(clock.instant())) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Token again = cache.get(key);
            if (again != null && again != cached && again.validAt(clock.instant())) {
                return again;
            }
            Token fresh = tokens.fetch(site, challenge, scopes, credential(site, action), action);
            cache.put(key, fresh);
            return fresh;
        }
    }

    private Optional<Credential> credential(Site site, Action action) {
        try {
            return credentials.lookup(site.name());
        } catch (CredentialsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CredentialsException(action.description(), site.name(), "looking up credentials for "
                    + site.name() + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
