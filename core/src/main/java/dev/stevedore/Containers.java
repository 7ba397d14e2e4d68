package dev.stevedore;

import java.util.List;
import java.util.Optional;

/**
 * Containers on the default engine ({@link Stevedore#local()}): the static entry point, as
 * {@link Images} is for images. Each method delegates to {@code Stevedore.local().containers()};
 * use {@link ContainerManager} through an engine of your own for another home.
 *
 * <pre>{@code
 * try (Container web = Containers.create("busybox")
 *         .cmd("httpd", "-f", "-p", "80")
 *         .publish(8080, 80)
 *         .start()) {
 *     web.waitUntil(Wait.forHttp(80, "/"));
 * }
 * Containers.list(true).forEach(c -> System.out.println(c.name() + " " + c.status().label()));
 * }</pre>
 */
public final class Containers {
    private Containers() {}

    /**
     * Starts building a container of an image by reference or id.
     *
     * @param image such as {@code "busybox"}
     * @return a builder bound to the default engine
     * @see ContainerManager#create(String)
     */
    public static ContainerBuilder create(String image) {
        return Stevedore.local().containers().create(image);
    }

    /**
     * Starts building a container of an image of the default engine's store.
     *
     * @param image the image
     * @return a builder bound to the default engine
     */
    public static ContainerBuilder create(Image image) {
        return Stevedore.local().containers().create(image);
    }

    /**
     * Creates and starts a container.
     *
     * @param request what to run
     * @return the running container
     * @see ContainerManager#start(ContainerRequest)
     */
    public static Container start(ContainerRequest request) {
        return Stevedore.local().containers().start(request);
    }

    /**
     * Finds a container by id, name or unique id prefix.
     *
     * @param idOrName what to look for
     * @return the container, or empty
     * @see ContainerManager#get(String)
     */
    public static Optional<Container> get(String idOrName) {
        return Stevedore.local().containers().get(idOrName);
    }

    /**
     * Lists containers, newest first.
     *
     * @param all whether to include those that do not run
     * @return their state
     * @see ContainerManager#list(boolean)
     */
    public static List<ContainerInfo> list(boolean all) {
        return Stevedore.local().containers().list(all);
    }

    /**
     * Removes a container.
     *
     * @param idOrName its id, name or unique id prefix
     * @param force whether to kill it first if it runs
     * @see ContainerManager#remove(String, boolean)
     */
    public static void remove(String idOrName, boolean force) {
        Stevedore.local().containers().remove(idOrName, force);
    }

    /**
     * Removes every container that does not run.
     *
     * @return what was removed
     * @see ContainerManager#prune()
     */
    public static ContainerPruneReport prune() {
        return Stevedore.local().containers().prune();
    }

    /**
     * @return the default engine's named networks
     */
    public static Networks networks() {
        return Stevedore.local().containers().networks();
    }

    /**
     * @return the default engine's named volumes
     */
    public static Volumes volumes() {
        return Stevedore.local().containers().volumes();
    }
}
