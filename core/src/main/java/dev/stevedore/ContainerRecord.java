package dev.stevedore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the engine keeps on disk about a container, in {@code containers/<id>/container.json}:
 * enough for any JVM to list it, find its sandbox again, copy into it, commit it and remove it.
 *
 * @param id the 64-hex-digit id
 * @param name its unique name
 * @param imageId the image's id ({@code sha256:...}, its config digest)
 * @param imageRef the image as the caller named it
 * @param manifestDigest the image manifest's digest
 * @param run the merged configuration
 * @param lowers the image's snapshot directories, top-most first
 * @param mounts its mounts
 * @param requestedPorts the ports asked for
 * @param ports the ports published while it ran
 * @param network its network mode
 * @param aliases its extra names on a named network
 * @param limits its limits
 * @param autoRemove whether it goes once it has exited
 * @param detached whether it outlives the JVM that started it
 * @param init whether PID 1 is Stevedore's init
 * @param stopTimeout how long a stop waits before SIGKILL
 * @param created when it was created
 * @param status what it is, as last recorded
 * @param startedAt when it was started
 * @param finishedAt when it ended
 * @param exitCode how it ended
 * @param oomKilled whether the OOM killer struck
 * @param ownerPid the JVM that started it, while it runs attached
 * @param ownerStart that JVM's start time, to tell it from a process that reused its pid
 * @param pid the host pid of its process while it runs
 * @param pidStart that process's start time
 */
record ContainerRecord(String id, String name, String imageId, String imageRef, String manifestDigest, ConfigRun run,
        List<Path> lowers, List<ContainerMount> mounts, List<PortSpec> requestedPorts, List<PortBinding> ports,
        NetworkMode network, List<String> aliases, ContainerLimits limits, boolean autoRemove, boolean detached,
        boolean init, Duration stopTimeout, Instant created, ContainerStatus status, Optional<Instant> startedAt,
        Optional<Instant> finishedAt, OptionalInt exitCode, boolean oomKilled, OptionalLong ownerPid,
        Optional<Instant> ownerStart, OptionalLong pid, Optional<Instant> pidStart) {

    static final String FILE = "container.json";

    ContainerRecord {
        lowers = List.copyOf(lowers);
        mounts = List.copyOf(mounts);
        requestedPorts = List.copyOf(requestedPorts);
        ports = List.copyOf(ports);
        aliases = List.copyOf(aliases);
    }

    /** The record of a container just started by this JVM. */
    ContainerRecord running(List<PortBinding> published, Instant now, long jvmPid, Optional<Instant> jvmStart,
            long processPid, Optional<Instant> processStart) {
        return new ContainerRecord(id, name, imageId, imageRef, manifestDigest, run, lowers, mounts, requestedPorts,
                published, network, aliases, limits, autoRemove, detached, init, stopTimeout, created,
                ContainerStatus.RUNNING, Optional.of(now), Optional.empty(), OptionalInt.empty(), false,
                detached ? OptionalLong.empty() : OptionalLong.of(jvmPid), detached ? Optional.empty() : jvmStart,
                OptionalLong.of(processPid), processStart);
    }

    /** The record of a container that has ended. */
    ContainerRecord exited(ContainerExit exit) {
        return new ContainerRecord(id, name, imageId, imageRef, manifestDigest, run, lowers, mounts, requestedPorts,
                ports, network, aliases, limits, autoRemove, detached, init, stopTimeout, created,
                ContainerStatus.EXITED, startedAt, Optional.of(exit.finishedAt().orElse(Instant.now())),
                OptionalInt.of(exit.exitCode()), exit.oomKilled(), OptionalLong.empty(), Optional.empty(),
                OptionalLong.empty(), Optional.empty());
    }

    /** How it ended, once it has. */
    Optional<ContainerExit> exit() {
        return status == ContainerStatus.EXITED && exitCode.isPresent()
                ? Optional.of(new ContainerExit(exitCode.getAsInt(), oomKilled, finishedAt))
                : Optional.empty();
    }

    /** The public view. */
    ContainerInfo info(ContainerStatus currentStatus, Optional<ContainerExit> exit) {
        return new ContainerInfo(id, name, imageId, imageRef, run.args(), created, currentStatus,
                exit.map(e -> OptionalInt.of(e.exitCode())).orElse(OptionalInt.empty()),
                startedAt, exit.flatMap(ContainerExit::finishedAt), currentStatus == ContainerStatus.RUNNING
                        || currentStatus == ContainerStatus.EXITED ? ports : List.of(),
                run.exposedPorts(), Map.copyOf(run.labels()), network, autoRemove, detached, mounts);
    }
}
