package dev.stevedore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request to make: method, path relative to the site's base (such as
 * {@code v2/app/manifests/1}) or an absolute URI (an upload location), headers, an optional
 * body that can be opened again for a retry, and the token scopes it needs.
 */
record Call(String method, String path, Map<String, String> headers, Optional<Body> body, List<String> scopes) {
    Call {
        headers = Map.copyOf(headers);
        scopes = List.copyOf(scopes);
    }

    /** A request body of known length (or -1: chunked) that can be opened more than once. */
    interface Body {
        long length();

        InputStream open() throws IOException;
    }

    static Call get(String path, List<String> scopes) {
        return new Call("GET", path, Map.of(), Optional.empty(), scopes);
    }

    static Call of(String method, String path, List<String> scopes) {
        return new Call(method, path, Map.of(), Optional.empty(), scopes);
    }

    Call header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Call(method, path, more, body, scopes);
    }

    Call body(Body newBody) {
        return new Call(method, path, headers, Optional.of(newBody), scopes);
    }

    /** The token scope for pulling from a repository. */
    static List<String> pull(String repository) {
        return List.of("repository:" + repository + ":pull");
    }

    /** The token scope for pushing to a repository. */
    static List<String> push(String repository) {
        return List.of("repository:" + repository + ":pull,push");
    }
}
