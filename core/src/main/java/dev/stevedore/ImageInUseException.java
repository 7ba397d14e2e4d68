package dev.stevedore;

import java.util.List;

/**
 * Thrown when removing an image that containers use (or that has several references, when
 * removing it by id) without {@code force}.
 *
 * <pre>{@code
 * engine.images().remove("busybox");        // ImageInUseException: ... used by container/4f2a
 * engine.images().remove("busybox", true);  // untags it; the containers keep their content
 * }</pre>
 */
public final class ImageInUseException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final String image;
    private final List<String> users;

    ImageInUseException(String image, List<String> users, String message) {
        super(message);
        this.image = image;
        this.users = List.copyOf(users);
    }

    /**
     * The image id.
     *
     * @return such as {@code sha256:...}
     */
    public String image() {
        return image;
    }

    /**
     * What keeps it: hold names such as {@code container/4f2a}, or the references that keep an
     * image removed by id.
     *
     * @return the users
     */
    public List<String> users() {
        return users;
    }
}
