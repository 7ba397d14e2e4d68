package dev.stevedore;

import java.util.Optional;

/**
 * {@code --chown} owners: numbers as they are, names looked up in the image's
 * {@code /etc/passwd} and {@code /etc/group}. A user without a group gets the user's id as group
 * id, as Docker documents for {@code COPY --chown}.
 */
final class BuildUsers {
    private BuildUsers() {
    }

    /** The owner ids {uid, gid} of a {@code user[:group]} spec. */
    static int[] resolve(String spec, BuildRootfs rootfs) {
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        Optional<String> group = colon < 0 ? Optional.empty() : Optional.of(spec.substring(colon + 1));
        int uid = number(user).orElseGet(() -> lookup(rootfs, "/etc/passwd", user).orElseThrow(
                () -> new IllegalArgumentException("unable to find user " + user
                        + ": no matching entries in passwd file")));
        int gid = group.isEmpty() ? uid : number(group.get()).orElseGet(() -> lookup(rootfs, "/etc/group",
                group.get()).orElseThrow(() -> new IllegalArgumentException("unable to find group " + group.get()
                        + ": no matching entries in group file")));
        return new int[] {uid, gid};
    }

    /**
     * The owner ids {uid, gid} for files made as {@code USER}: a user's group is its primary
     * group from {@code /etc/passwd} (0 for a uid without an entry) unless given.
     */
    static int[] resolveUser(String spec, BuildRootfs rootfs) {
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        int[] ids = resolve(spec, rootfs);
        if (colon < 0) {
            ids[1] = passwdEntry(rootfs, user).filter(f -> f.length >= 4).flatMap(f -> number(f[3].trim())).orElse(0);
        }
        return ids;
    }

    private static Optional<String[]> passwdEntry(BuildRootfs rootfs, String user) {
        Optional<String> text = rootfs.readText("/etc/passwd");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (String line : text.get().split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && (f[0].equals(user) || f[2].equals(user))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The third field (the id) of the line whose first field is {@code name}. */
    private static Optional<Integer> lookup(BuildRootfs rootfs, String file, String name) {
        Optional<String> text = rootfs.readText(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (String line : text.get().split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                return number(f[2].trim());
            }
        }
        return Optional.empty();
    }
}
