package dev.stevedore.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a loopback TCP port that was free a moment ago. Another process may take it before
 * the caller binds it, so callers retry on "address already in use".
 */
final class FreePort {
    private FreePort() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new FixtureException("Tried to pick a free loopback port but failed because: " + e.getMessage(), e);
        }
    }
}
