package dev.stevedore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A named volume, as {@code docker volume inspect} shows it.
 *
 * <pre>{@code
 * VolumeInfo data = engine.containers().volumes().create("data");
 * Files.writeString(data.mountpoint().resolve("seed.txt"), "hello");
 * }</pre>
 *
 * @param name its name
 * @param mountpoint the host directory containers see, {@code <home>/volumes/<name>/_data}
 * @param created when it was created
 * @param usedBy the ids of the containers (of any status) that mount it
 */
public record VolumeInfo(String name, Path mountpoint, Instant created, List<String> usedBy) {
    /**
     * Freezes the list.
     *
     * @param name its name
     * @param mountpoint the host directory containers see, {@code <home>/volumes/<name>/_data}
     * @param created when it was created
     * @param usedBy the ids of the containers (of any status) that mount it
     */
    public VolumeInfo {
        usedBy = List.copyOf(usedBy);
    }
}
