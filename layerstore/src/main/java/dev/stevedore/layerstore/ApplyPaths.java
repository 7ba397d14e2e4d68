package dev.stevedore.layerstore;

/**
 * Tar entry names as paths in the target tree: relative, {@code /}-separated, with no empty,
 * {@code .} or {@code ..} component; {@code ""} is the tree's root. An absolute name is taken
 * relative to the root (as GNU tar does); a {@code ..} component anywhere is refused, even one
 * that would stay inside ({@code a/../b}): no benign layer has one.
 */
final class ApplyPaths {
    private ApplyPaths() {}

    /**
     * Normalizes a tar name or hard link target.
     *
     * @param name as the tar has it
     * @return the normalized path, {@code ""} for the root, or {@code null} if a component is {@code ..}
     */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        int n = name.length();
        while (i < n) {
            int slash = name.indexOf('/', i);
            int end = slash < 0 ? n : slash;
            int length = end - i;
            if (length == 0 || length == 1 && name.charAt(i) == '.') {
                i = end + 1;
                continue;
            }
            if (length == 2 && name.charAt(i) == '.' && name.charAt(i + 1) == '.') {
                return null;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(name, i, end);
            i = end + 1;
        }
        return out.toString();
    }

    /** @param path a normalized path, not the root @return its parent, {@code ""} for a top-level entry */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** @param path a normalized path, not the root @return its last component */
    static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** @param parent a normalized path or {@code ""} @param base one component @return the child's path */
    static String child(String parent, String base) {
        return parent.isEmpty() ? base : parent + "/" + base;
    }
}
