package dev.stevedore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a container runs once the image's config and the request are merged the way Docker
 * merges them ({@link ConfigMerge}).
 *
 * @param entrypoint the effective entrypoint (as Docker stores it in the container's config)
 * @param cmd the effective command
 * @param args the process's argv: entrypoint then command
 * @param env the process's environment: PATH and HOSTNAME defaults, then the container's env
 * @param configEnv the container's env as Docker stores it in its config (without the daemon's
 *     PATH and HOSTNAME defaults); what a commit writes into the new image
 * @param workdir the working directory
 * @param user the user, empty for root
 * @param hostname the host name
 * @param stopSignal the stop signal's name as configured, such as {@code SIGTERM}
 * @param exposedPorts the image's exposed ports and the published ones, such as {@code 80/tcp}
 * @param labels the image's labels under the request's
 */
record ConfigRun(List<String> entrypoint, List<String> cmd, List<String> args, List<String> env,
        List<String> configEnv, String workdir, Optional<String> user, String hostname, String stopSignal,
        Set<String> exposedPorts, Map<String, String> labels) {
    ConfigRun {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        args = List.copyOf(args);
        env = List.copyOf(env);
        configEnv = List.copyOf(configEnv);
        exposedPorts = Set.copyOf(exposedPorts);
        labels = Map.copyOf(labels);
    }

    /**
     * @return the stop signal's number
     */
    int stopSignalNumber() {
        return ContainerSignal.parse(stopSignal);
    }
}
