package dev.stevedore.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what, as a token server decides it: each user's actions apply to every
 * repository; anonymous clients get {@code pull} or nothing. The granted access is the
 * intersection of what was asked and what is allowed; scopes left empty are dropped rather
 * than refused (the token spec says a subset "must not be considered an error").
 */
record TokenPolicy(Map<String, User> users, boolean anonymousPull) {
    /** Every action distribution checks: pull, push, delete on repositories; {@code *} for the catalog. */
    static final Set<String> ALL_ACTIONS = Set.of("pull", "push", "delete", "*");

    /** A configured user and the actions it has on every repository. */
    record User(RegistryCredentials credentials, Set<String> actions) {
        User {
            actions = Set.copyOf(actions);
        }
    }

    TokenPolicy {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users)); // keeps the first user first
    }

    /** The user whose name and password match, if any. */
    Optional<User> authenticate(String username, String password) {
        User user = users.get(username);
        return user != null && user.credentials().password().equals(password) ? Optional.of(user) : Optional.empty();
    }

    /** What a client with the {@code allowed} actions gets of {@code requested}. */
    static List<TokenScope> grant(Set<String> allowed, List<TokenScope> requested) {
        List<TokenScope> granted = new ArrayList<>();
        for (TokenScope scope : requested) {
            if (!scope.type().equals("repository") && !scope.type().equals("registry")) {
                continue;
            }
            Set<String> actions = new HashSet<>(scope.actions());
            actions.retainAll(allowed);
            if (!actions.isEmpty()) {
                granted.add(new TokenScope(scope.type(), scope.name(), actions));
            }
        }
        return List.copyOf(granted);
    }

    /** The actions anonymous clients have. */
    Set<String> anonymousActions() {
        return anonymousPull ? Set.of("pull") : Set.of();
    }
}
