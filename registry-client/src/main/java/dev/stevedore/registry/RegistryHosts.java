package dev.stevedore.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's naming rules for registries: Docker Hub's names, where requests go, which keys
 * hold its credentials in {@code config.json}, and which hosts may fall back to plain HTTP.
 */
final class RegistryHosts {
    static final String DOCKER_HUB = "docker.io";
    static final String DOCKER_HUB_API = "registry-1.docker.io";
    /** The key {@code docker login} writes for Docker Hub. */
    static final String DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";
    private static final List<String> DOCKER_HUB_ALIASES = List.of("docker.io", "index.docker.io",
            "registry-1.docker.io", "registry.hub.docker.com");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private RegistryHosts() {
    }

    /** The host (and port) requests for {@code registry} go to. */
    static String apiHost(String registry) {
        return isDockerHub(registry) ? DOCKER_HUB_API : registry;
    }

    /** Whether {@code registry} is one of Docker Hub's names. */
    static boolean isDockerHub(String registry) {
        return DOCKER_HUB_ALIASES.contains(registry.toLowerCase(Locale.ROOT));
    }

    /** The registry name credentials are filed under: {@code docker.io} for every Docker Hub alias. */
    static String credentialName(String registry) {
        return isDockerHub(registry) ? DOCKER_HUB : registry;
    }

    /**
     * The host part of a {@code config.json} key, as the docker CLI normalizes it: scheme and
     * path dropped, Docker Hub's names folded to {@code docker.io}.
     */
    static String configKeyHost(String key) {
        String host = key.trim();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        return isDockerHub(host) ? DOCKER_HUB : host;
    }

    /** The server URL handed to a credential helper for {@code registry}. */
    static String helperServerUrl(String registry) {
        return isDockerHub(registry) ? DOCKER_HUB_CONFIG_KEY : registry;
    }

    /** The host without a port: {@code [::1]:5000} gives {@code ::1}, {@code localhost:5000} gives {@code localhost}. */
    static String hostOnly(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(1, end);
        }
        int colon = hostAndPort.indexOf(':');
        return colon >= 0 && colon == hostAndPort.lastIndexOf(':') ? hostAndPort.substring(0, colon) : hostAndPort;
    }

    /** Whether a host (no port; IPv6 with or without brackets) is localhost or a loopback literal, without DNS. */
    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(ipv4.group(1)) == 127;
        }
        if (name.contains(":") && name.matches("[0-9a-f:.]+")) {
            try {
                return InetAddress.getByName(name).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
