package dev.stevedore.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A default {@link ProxySelector} that lets loopback URIs through without a proxy and refuses
 * every other one, remembering it. {@code java.net.http.HttpClient} and
 * {@code HttpURLConnection} consult the default selector before resolving a name, and sockets
 * ask it about {@code socket://host:port}, so a test that reaches for a real registry is
 * caught even when the library swallows the error. Host names are never resolved here.
 */
final class LoopbackGuard extends ProxySelector {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final ConcurrentLinkedQueue<URI> refused = new ConcurrentLinkedQueue<>();

    @Override
    public List<Proxy> select(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (isLoopback(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        refused.add(uri);
        throw new IllegalArgumentException("hermetic test refused to connect to " + uri
                + ": tests may only reach loopback addresses (localhost, 127.0.0.0/8, ::1)");
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // NO_PROXY is never a proxy that can fail.
    }

    /** The URIs refused since the last call, oldest first. */
    List<URI> drainRefused() {
        List<URI> drained = new ArrayList<>();
        for (URI uri = refused.poll(); uri != null; uri = refused.poll()) {
            drained.add(uri);
        }
        return drained;
    }

    /** Whether {@code host} (as in a URI: IPv6 in brackets) is localhost or a loopback literal; null is not. */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        Matcher ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                String octet = ipv4.group(group);
                if (Integer.parseInt(octet) > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                    return false; // out of range, or a leading zero some parsers read as octal
                }
            }
            return ipv4.group(1).equals("127");
        }
        if (name.contains(":") && name.matches("[0-9a-f:.]+")) {
            try {
                // A literal: getByName parses it without any lookup.
                return InetAddress.getByName(name).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
