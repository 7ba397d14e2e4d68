package dev.stevedore.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists that come in pages: {@code ?n=<page size>}, then the {@code Link: <...>; rel="next"}
 * header until there is none. Used by {@link TagLister} and {@link CatalogLister}.
 */
final class PagedLister {
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_PAGES = 100_000;

    private PagedLister() {
    }

    static List<String> list(Caller caller, Site site, String firstPath, String member, List<String> scopes,
            Action action) {
        List<String> all = new ArrayList<>();
        String path = firstPath;
        for (int page = 0; page < MAX_PAGES; page++) {
            Optional<String> next;
            try (Response response = caller.expect(site, Call.get(path, scopes), action, Set.of(200))) {
                Optional<byte[]> body = Bodies.readAtMost(response.body(), 16 * 1024 * 1024);
                if (body.isEmpty()) {
                    throw new RegistryProtocolException(action.description(), action.target(), "a page of the list"
                            + " is larger than 16 MiB", null);
                }
                JsonNode items = Bodies.json(body.get()).path(member);
                items.forEach(item -> all.add(item.asText()));
                next = next(response);
                if (next.isPresent()) {
                    URI target = response.uri().resolve(next.get());
                    if (!site.owns(target)) {
                        throw new RegistryProtocolException(action.description(), action.target(), "the next page"
                                + " link points to another host", null);
                    }
                    path = target.toString();
                }
            } catch (IOException e) {
                throw new RegistryUnavailableException(action.description(), action.target(), "reading a page of"
                        + " the list failed: " + Caller.describe(e), e);
            }
            if (next.isEmpty()) {
                return List.copyOf(all);
            }
        }
        throw new RegistryProtocolException(action.description(), action.target(), "more than " + MAX_PAGES
                + " pages", null);
    }

    static Optional<String> next(Response response) {
        for (String link : response.headers().allValues("Link")) {
            Matcher matcher = NEXT.matcher(link);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
