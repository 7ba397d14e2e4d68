package dev.stevedore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a container is, as {@code docker ps} and {@code docker inspect} show it: a snapshot taken
 * when asked for.
 *
 * <pre>{@code
 * for (ContainerInfo c : Containers.list(true)) {
 *     System.out.println(c.shortId() + " " + c.name() + " " + c.status().label() + " " + c.ports());
 * }
 * }</pre>
 *
 * @param id the 64-hex-digit id
 * @param name its name
 * @param imageId the image's id, {@code sha256:...}
 * @param image the image as it was named when the container was created
 * @param command the process's argv (entrypoint then command)
 * @param created when it was created
 * @param status created, running or exited
 * @param exitCode its exit code, once exited
 * @param startedAt when it was started
 * @param finishedAt when it ended, if known
 * @param ports the ports published while it runs (and the last ones, once exited)
 * @param exposedPorts the image's exposed ports and the published ones, such as {@code 80/tcp}
 * @param labels the image's labels under the container's own
 * @param network its network mode
 * @param autoRemove whether it is removed once it has exited
 * @param detached whether it outlives the JVM that started it
 * @param mounts its bind mounts, tmpfs and volumes
 */
public record ContainerInfo(String id, String name, String imageId, String image, List<String> command,
        Instant created, ContainerStatus status, OptionalInt exitCode, Optional<Instant> startedAt,
        Optional<Instant> finishedAt, List<PortBinding> ports, Set<String> exposedPorts, Map<String, String> labels,
        NetworkMode network, boolean autoRemove, boolean detached, List<ContainerMount> mounts) {

    /**

     * Freezes the collections.

     *

     * @param id the 64-hex-digit id

     * @param name its name

     * @param imageId the image's id, {@code sha256:...}

     * @param image the image as it was named when the container was created

     * @param command the process's argv (entrypoint then command)

     * @param created when it was created

     * @param status created, running or exited

     * @param exitCode its exit code, once exited

     * @param startedAt when it was started

     * @param finishedAt when it ended, if known

     * @param ports the ports published while it runs (and the last ones, once exited)

     * @param exposedPorts the image's exposed ports and the published ones, such as {@code 80/tcp}

     * @param labels the image's labels under the container's own

     * @param network its network mode

     * @param autoRemove whether it is removed once it has exited

     * @param detached whether it outlives the JVM that started it

     * @param mounts its bind mounts, tmpfs and volumes

     */

    public ContainerInfo {
        command = List.copyOf(command);
        ports = List.copyOf(ports);
        exposedPorts = Set.copyOf(exposedPorts);
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
    }

    /**
     * @return the first 12 digits of the id
     */
    public String shortId() {
        return ContainerId.shortOf(id);
    }
}
