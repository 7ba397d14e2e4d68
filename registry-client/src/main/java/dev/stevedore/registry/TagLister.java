package dev.stevedore.registry;

import dev.stevedore.oci.ImageReference;
import java.util.List;

/** {@code GET /v2/<name>/tags/list?n=<page>}, following {@code Link} pages. */
final class TagLister {
    private TagLister() {
    }

    static List<String> list(Caller caller, Site site, ImageReference repository, int pageSize, Action action) {
        String path = "v2/" + repository.repository() + "/tags/list" + (pageSize > 0 ? "?n=" + pageSize : "");
        return PagedLister.list(caller, site, path, "tags", Call.pull(repository.repository()), action);
    }
}
