package dev.stevedore.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge from {@code WWW-Authenticate}: a scheme (lowercase) and its
 * parameters (names lowercase, values unquoted).
 */
record Challenge(String scheme, Map<String, String> params) {
    Challenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }
}
