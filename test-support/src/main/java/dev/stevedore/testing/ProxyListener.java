package dev.stevedore.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** One listening address of a {@link FaultProxy}: accepts connections and hands each to its own thread. */
final class ProxyListener implements AutoCloseable {
    private final FaultProxy proxy;
    private final FaultProxy.Listener listener;
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();

    private ProxyListener(FaultProxy proxy, FaultProxy.Listener listener, ServerSocket server) {
        this.proxy = proxy;
        this.listener = listener;
        this.server = server;
    }

    /** Binds an ephemeral port on {@code address} (TLS if {@code tls} is given) and starts accepting. */
    static ProxyListener open(FaultProxy proxy, FaultProxy.Listener listener, String address, SSLContext tls)
            throws IOException {
        InetAddress bind = InetAddress.getByName(address); // a literal: no lookup
        ServerSocket server = tls == null
                ? new ServerSocket(0, 50, bind)
                : tls.getServerSocketFactory().createServerSocket(0, 50, bind);
        ProxyListener opened = new ProxyListener(proxy, listener, server);
        proxy.spawn("accept-" + listener.name().toLowerCase(Locale.ROOT), opened::acceptLoop);
        return opened;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!proxy.track(client)) {
                continue;
            }
            try {
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                // only a latency hint
            }
            proxy.spawn(listener.name().toLowerCase(Locale.ROOT) + "-" + connections.incrementAndGet(),
                    new ProxyConnection(proxy, listener, client));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
