package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's {@code /etc/hostname}, {@code /etc/hosts} and {@code /etc/resolv.conf}, written
 * into its state directory and bind-mounted over the image's, as Docker does.
 */
final class EtcFiles {
    private EtcFiles() {}

    static List<Mount> write(SandboxSpec spec) {
        Path dir = spec.stateDir();
        String hostname = hostname(spec);
        StringBuilder hosts = new StringBuilder()
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append("fe00::0\tip6-localnet\n")
                .append("ff00::0\tip6-mcastprefix\n")
                .append("ff02::1\tip6-allnodes\n")
                .append("ff02::2\tip6-allrouters\n");
        if (!(spec.network() instanceof Network.Host)) {
            hosts.append("127.0.1.1\t").append(hostname).append('\n');
        }
        for (Map.Entry<String, String> e : spec.extraHosts().entrySet()) {
            hosts.append(e.getValue()).append('\t').append(e.getKey()).append('\n');
        }
        try {
            Files.writeString(dir.resolve("hostname"), hostname + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("hosts"), hosts, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("resolv.conf"), resolvConf(spec.network() instanceof Network.Host),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot write /etc files into the state directory " + dir, e);
        }
        List<Mount> mounts = new ArrayList<>();
        if (spec.namespaces().contains(Namespace.UTS)) {
            mounts.add(Mount.bind(dir.resolve("hostname"), "/etc/hostname"));
        }
        mounts.add(Mount.bind(dir.resolve("hosts"), "/etc/hosts"));
        mounts.add(Mount.bind(dir.resolve("resolv.conf"), "/etc/resolv.conf"));
        return List.copyOf(mounts);
    }

    /** The sandbox's host name: the one asked for, else the first 12 characters of its id, as Docker does. */
    static String hostname(SandboxSpec spec) {
        return spec.hostname().orElse(spec.id().substring(0, Math.min(12, spec.id().length())));
    }

    /** The host's resolv.conf; outside the host network, without loopback name servers (unreachable there). */
    static String resolvConf(boolean hostNetwork) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/etc/resolv.conf"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String t = line.trim();
            if (!hostNetwork && t.startsWith("nameserver")) {
                String addr = t.substring("nameserver".length()).trim();
                if (addr.startsWith("127.") || addr.equals("::1")) {
                    continue;
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
