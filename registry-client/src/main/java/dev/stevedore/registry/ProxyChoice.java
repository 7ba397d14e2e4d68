package dev.stevedore.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses a proxy per request: the standard system properties ({@code https.proxyHost},
 * {@code http.proxyHost}, {@code http.nonProxyHosts}) and whatever else
 * {@link ProxySelector#getDefault()} decides, looked up on every request; otherwise the
 * environment's {@code HTTPS_PROXY}/{@code HTTP_PROXY} with {@code NO_PROXY} (either case),
 * never for loopback hosts.
 */
final class ProxyChoice extends ProxySelector {
    private final Map<String, String> environment;

    private ProxyChoice(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    static ProxyChoice fromEnvironment(Map<String, String> environment) {
        return new ProxyChoice(environment);
    }

    @Override
    public List<Proxy> select(URI uri) {
        boolean propertiesSet = System.getProperty("https.proxyHost") != null
                || System.getProperty("http.proxyHost") != null;
        ProxySelector fallback = ProxySelector.getDefault();
        if (!propertiesSet) {
            Optional<Proxy> fromEnv = environmentProxy(uri);
            if (fromEnv.isPresent()) {
                return List.of(fromEnv.get());
            }
        }
        return fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri);
    }

    /** The proxy the environment variables ask for, if any. */
    Optional<Proxy> environmentProxy(URI uri) {
        String host = uri.getHost();
        if (host == null || RegistryHosts.isLoopback(host)) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
        Optional<String> setting = "https".equals(scheme) ? variable("HTTPS_PROXY") : variable("HTTP_PROXY");
        if (setting.isEmpty() || bypassed(host, uri.getPort())) {
            return Optional.empty();
        }
        String value = setting.get().contains("://") ? setting.get() : "http://" + setting.get();
        URI proxy = URI.create(value);
        if (proxy.getHost() == null) {
            return Optional.empty();
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
        return Optional.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    private boolean bypassed(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String raw : variable("NO_PROXY").orElse("").split("[,\\s]+")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && !entry.startsWith("[")) {
                if (port > 0 && !entry.substring(colon + 1).equals(Integer.toString(port))) {
                    continue;
                }
                entry = entry.substring(0, colon);
            }
            String domain = entry.startsWith("*.") ? entry.substring(1) : entry;
            if (name.equals(domain.startsWith(".") ? domain.substring(1) : domain)
                    || (domain.startsWith(".") ? name.endsWith(domain) : name.endsWith("." + domain))) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> variable(String name) {
        String upper = environment.get(name);
        if (upper != null && !upper.isBlank()) {
            return Optional.of(upper.trim());
        }
        String lower = environment.get(name.toLowerCase(Locale.ROOT));
        return lower == null || lower.isBlank() ? Optional.empty() : Optional.of(lower.trim());
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        ProxySelector fallback = ProxySelector.getDefault();
        if (fallback != null) {
            fallback.connectFailed(uri, address, failure);
        }
    }
}
