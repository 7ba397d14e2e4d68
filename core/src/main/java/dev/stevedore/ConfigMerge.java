package dev.stevedore;

import dev.stevedore.oci.ContainerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Docker's config-level defaults, as a pure function of the image's run configuration and the
 * request:
 *
 * <ul>
 *   <li><b>entrypoint and command</b>: without an entrypoint in the request, the image's
 *       entrypoint stays and the request's command (if any) replaces the image's CMD; with one,
 *       the image's CMD is dropped too, and an empty entrypoint ({@code --entrypoint ""})
 *       clears it. The argv is entrypoint + command exactly as stored: a shell-form CMD under an
 *       exec-form ENTRYPOINT is just more arguments. No command at all is an error.</li>
 *   <li><b>environment</b>: the request's entries, then the image's whose names the request does
 *       not set (the container's config); the process gets Docker's default {@code PATH} (unless
 *       set) and {@code HOSTNAME} first, replaced in place by the config's. {@code HOME} is
 *       filled later by the sandbox from the container's {@code /etc/passwd}, as runc does.</li>
 *   <li><b>working directory</b>, <b>user</b>: the request's, else the image's, else {@code /}
 *       and root.</li>
 *   <li><b>host name</b>: the request's, else the short id (the host's own, on the host network).</li>
 *   <li><b>stop signal</b>: the request's, else the image's {@code STOPSIGNAL}, else SIGTERM.</li>
 *   <li><b>exposed ports</b> (image and published) and <b>labels</b> (the image's under the request's).</li>
 * </ul>
 */
final class ConfigMerge {
    /** Docker's PATH for a container whose config sets none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ConfigMerge() {}

    /**
     * Merges.
     *
     * @param image the image's run configuration
     * @param request what the caller asked for
     * @param hostname the container's host name (already defaulted by the caller: the request's,
     *     the short id, or the host's)
     * @return the effective configuration
     * @throws IllegalArgumentException if no command is specified
     */
    static ConfigRun merge(ContainerConfig image, ContainerRequest request, String hostname) {
        List<String> entrypoint;
        List<String> cmd;
        if (request.entrypoint().isPresent()) {
            entrypoint = request.entrypoint().get();
            cmd = request.cmd().orElse(List.of());
        } else {
            entrypoint = image.entrypoint();
            cmd = request.cmd().filter(c -> !c.isEmpty()).orElse(image.cmd());
        }
        if (entrypoint.size() == 1 && entrypoint.get(0).isEmpty()) {
            entrypoint = List.of(); // Docker resets [""]
        }
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw new IllegalArgumentException("no command specified: the image " + request.image()
                    + " has neither ENTRYPOINT nor CMD, and the request gives none");
        }
        List<String> args = new ArrayList<>(entrypoint);
        args.addAll(cmd);
        if (args.get(0).isEmpty()) {
            throw new IllegalArgumentException("the command must not start with an empty string: " + args);
        }

        List<String> configEnv = new ArrayList<>(request.env());
        for (String imageEntry : image.env()) {
            String key = key(imageEntry);
            if (request.env().stream().noneMatch(e -> key(e).equals(key))) {
                configEnv.add(imageEntry);
            }
        }
        List<String> env = replaceOrAppend(List.of("PATH=" + DEFAULT_PATH, "HOSTNAME=" + hostname), configEnv);

        String workdir = request.workdir().or(() -> image.workingDir().filter(w -> !w.isEmpty())).orElse("/");
        if (!workdir.startsWith("/")) {
            workdir = "/" + workdir; // an image's relative WORKDIR is taken from the root
        }
        Optional<String> user = request.user().or(() -> image.user().filter(u -> !u.isEmpty()));
        String stopSignal = request.stopSignal().or(() -> image.stopSignal().filter(s -> !s.isEmpty()))
                .orElse("SIGTERM");

        TreeSet<String> exposed = new TreeSet<>(image.exposedPorts());
        request.ports().forEach(p -> exposed.add(p.containerKey()));
        Map<String, String> labels = new TreeMap<>(image.labels());
        labels.putAll(request.labels());
        return new ConfigRun(entrypoint, cmd, args, env, configEnv, workdir, user, hostname, stopSignal, exposed,
                labels);
    }

    /** Docker's ReplaceOrAppendEnvValues: an override replaces an entry of the same name in place, else is appended. */
    static List<String> replaceOrAppend(List<String> defaults, List<String> overrides) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String e : defaults) {
            byKey.put(key(e), e);
        }
        for (String e : overrides) {
            byKey.put(key(e), e);
        }
        return List.copyOf(byKey.values());
    }

    private static String key(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }
}
