package dev.stevedore.registry;

import java.util.List;

/** {@code GET /v2/_catalog?n=<page>} with scope {@code registry:catalog:*}, following {@code Link} pages. */
final class CatalogLister {
    private CatalogLister() {
    }

    static List<String> list(Caller caller, Site site, int pageSize, Action action) {
        String path = "v2/_catalog" + (pageSize > 0 ? "?n=" + pageSize : "");
        return PagedLister.list(caller, site, path, "repositories", List.of("registry:catalog:*"), action);
    }
}
