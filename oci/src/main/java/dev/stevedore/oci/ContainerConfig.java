package dev.stevedore.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code config} of an image config: how to run a container of the image. Field names in
 * JSON are Docker's ({@code User}, {@code Env}, {@code Cmd}, ...). An empty list, set or map
 * means "not set".
 *
 * <pre>{@code
 * ContainerConfig run = ContainerConfig.empty()
 *         .withEnvVariable("PATH", "/usr/bin:/bin")
 *         .withCmd(List.of("python", "app.py"));
 * }</pre>
 *
 * <p>Sets and maps are kept sorted, so JSON written from them is the same on every run.
 *
 * @param user the user (and group) to run as
 * @param env environment variables as {@code NAME=value}, in order
 * @param entrypoint the entrypoint
 * @param cmd the default command, or arguments to the entrypoint
 * @param workingDir the working directory
 * @param exposedPorts ports such as {@code "80/tcp"}
 * @param volumes paths that are volumes
 * @param labels metadata labels
 * @param stopSignal the signal that stops the container, such as {@code "SIGTERM"}
 * @param healthcheck the health check, if any
 * @param shell the shell for shell-form commands, such as {@code ["/bin/sh", "-c"]}
 * @param onBuild instructions to run when the image is used as a base
 * @param argsEscaped Windows-only: whether the command line is already escaped
 * @param unknownFields fields this module does not model, kept as read
 */
public record ContainerConfig(Optional<String> user, List<String> env, List<String> entrypoint,
        List<String> cmd, Optional<String> workingDir, Set<String> exposedPorts, Set<String> volumes,
        Map<String, String> labels, Optional<String> stopSignal, Optional<HealthCheck> healthcheck,
        List<String> shell, List<String> onBuild, boolean argsEscaped, UnknownFields unknownFields) {

    /**
     * Creates a run configuration, copying the collections.
     *
     * @param user the user (and group) to run as
     * @param env environment variables as {@code NAME=value}, in order
     * @param entrypoint the entrypoint
     * @param cmd the default command, or arguments to the entrypoint
     * @param workingDir the working directory
     * @param exposedPorts ports such as {@code "80/tcp"}
     * @param volumes paths that are volumes
     * @param labels metadata labels
     * @param stopSignal the signal that stops the container, such as {@code "SIGTERM"}
     * @param healthcheck the health check, if any
     * @param shell the shell for shell-form commands, such as {@code ["/bin/sh", "-c"]}
     * @param onBuild instructions to run when the image is used as a base
     * @param argsEscaped Windows-only: whether the command line is already escaped
     * @param unknownFields fields this module does not model, kept as read
     */
    public ContainerConfig {
        Objects.requireNonNull(user, "user");
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        Objects.requireNonNull(workingDir, "workingDir");
        exposedPorts = Immutable.sortedSet(exposedPorts);
        volumes = Immutable.sortedSet(volumes);
        labels = Immutable.sortedMap(labels);
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(healthcheck, "healthcheck");
        shell = List.copyOf(shell);
        onBuild = List.copyOf(onBuild);
        Objects.requireNonNull(unknownFields, "unknownFields");
    }

    /**
     * Returns a configuration with nothing set.
     *
     * @return the empty configuration
     */
    public static ContainerConfig empty() {
        return new ContainerConfig(Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), Set.of(),
                Set.of(), Map.of(), Optional.empty(), Optional.empty(), List.of(), List.of(), false,
                UnknownFields.none());
    }

    /**
     * Returns the value of one environment variable.
     *
     * @param name the variable name
     * @return its value, or empty if it is not set
     */
    public Optional<String> envVariable(String name) {
        String prefix = name + "=";
        return env.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).findFirst();
    }

    /**
     * Returns this configuration with one environment variable set, replacing its old value in
     * place or adding it at the end, as a Dockerfile {@code ENV} does.
     *
     * @param name the variable name, without {@code '='}
     * @param value the value
     * @return the new configuration
     */
    public ContainerConfig withEnvVariable(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: \"" + name + "\"");
        }
        String prefix = name + "=";
        List<String> updated = new ArrayList<>(env);
        int index = 0;
        while (index < updated.size() && !updated.get(index).startsWith(prefix)) {
            index++;
        }
        if (index < updated.size()) {
            updated.set(index, prefix + value);
        } else {
            updated.add(prefix + value);
        }
        return withEnv(updated);
    }

    /**
     * Returns this configuration with another environment.
     *
     * @param value variables as {@code NAME=value}
     * @return the new configuration
     */
    public ContainerConfig withEnv(List<String> value) {
        return new ContainerConfig(user, value, entrypoint, cmd, workingDir, exposedPorts, volumes, labels,
                stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another user.
     *
     * @param value the user, such as {@code "1000:1000"}
     * @return the new configuration
     */
    public ContainerConfig withUser(String value) {
        return new ContainerConfig(Optional.of(value), env, entrypoint, cmd, workingDir, exposedPorts, volumes,
                labels, stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another entrypoint.
     *
     * @param value the entrypoint; empty for none
     * @return the new configuration
     */
    public ContainerConfig withEntrypoint(List<String> value) {
        return new ContainerConfig(user, env, value, cmd, workingDir, exposedPorts, volumes, labels,
                stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another default command.
     *
     * @param value the command; empty for none
     * @return the new configuration
     */
    public ContainerConfig withCmd(List<String> value) {
        return new ContainerConfig(user, env, entrypoint, value, workingDir, exposedPorts, volumes, labels,
                stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another working directory.
     *
     * @param value the absolute path
     * @return the new configuration
     */
    public ContainerConfig withWorkingDir(String value) {
        return new ContainerConfig(user, env, entrypoint, cmd, Optional.of(value), exposedPorts, volumes,
                labels, stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with other exposed ports.
     *
     * @param value ports such as {@code "80/tcp"}
     * @return the new configuration
     */
    public ContainerConfig withExposedPorts(Set<String> value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, value, volumes, labels,
                stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with other volumes.
     *
     * @param value absolute paths
     * @return the new configuration
     */
    public ContainerConfig withVolumes(Set<String> value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, exposedPorts, value, labels,
                stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with other labels.
     *
     * @param value the labels
     * @return the new configuration
     */
    public ContainerConfig withLabels(Map<String, String> value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, exposedPorts, volumes, value,
                stopSignal, healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another stop signal.
     *
     * @param value the signal, such as {@code "SIGQUIT"}
     * @return the new configuration
     */
    public ContainerConfig withStopSignal(String value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, exposedPorts, volumes, labels,
                Optional.of(value), healthcheck, shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another health check.
     *
     * @param value the health check
     * @return the new configuration
     */
    public ContainerConfig withHealthcheck(HealthCheck value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, exposedPorts, volumes, labels,
                stopSignal, Optional.of(value), shell, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with another shell.
     *
     * @param value the shell and its options, such as {@code ["/bin/bash", "-c"]}
     * @return the new configuration
     */
    public ContainerConfig withShell(List<String> value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, exposedPorts, volumes, labels,
                stopSignal, healthcheck, value, onBuild, argsEscaped, unknownFields);
    }

    /**
     * Returns this configuration with other {@code ONBUILD} instructions.
     *
     * @param value the instructions
     * @return the new configuration
     */
    public ContainerConfig withOnBuild(List<String> value) {
        return new ContainerConfig(user, env, entrypoint, cmd, workingDir, exposedPorts, volumes, labels,
                stopSignal, healthcheck, shell, value, argsEscaped, unknownFields);
    }
}
