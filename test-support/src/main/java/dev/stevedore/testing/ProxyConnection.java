package dev.stevedore.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one client connection of a {@link FaultProxy}: reads requests in turn (keep-alive),
 * logs each, and either answers it from a fault or forwards it to the registry over a fresh
 * upstream connection, streaming the response back with the fault applied.
 */
final class ProxyConnection implements Runnable {
    private static final Pattern HOP = Pattern.compile("([?&])stevedore-hop=(\\d+)");
    private static final int BUFFER = 16 * 1024;
    /**
     * How long a dropped response's bytes stay out before the connection closes: long enough
     * for the client to have taken them as body. Closed at once, the JDK client may see the end
     * while still parsing the head and fail the request as a whole, keeping none of the bytes.
     */
    private static final long DROP_LINGER_MILLIS = 200;

    private final FaultProxy proxy;
    private final FaultProxy.Listener listener;
    private final Socket client;

    ProxyConnection(FaultProxy proxy, FaultProxy.Listener listener, Socket client) {
        this.proxy = proxy;
        this.listener = listener;
        this.client = client;
    }

    @Override
    public void run() {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), BUFFER);
            while (true) {
                Optional<HttpHead> next = HttpHead.read(in);
                if (next.isEmpty() || !serve(next.get(), in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client, the registry or close() ended the connection: nothing to report to anyone.
        } catch (IllegalStateException e) {
            if (!proxy.closing()) {
                throw e;
            } // else: the proxy stopped while this request was under way
        } finally {
            proxy.untrack(client);
        }
    }

    /** Answers one request; false when the connection must close afterwards. */
    private boolean serve(HttpHead request, InputStream in, OutputStream out) throws IOException {
        String method = request.word(0);
        String target = request.word(1);
        proxy.log(new ProxiedRequest(listener, method, target, HttpHeaders.of(request.asMap(), (name, value) -> true),
                Instant.now()));
        boolean keepAlive = !request.hasToken("Connection", "close") && request.word(2).equals("HTTP/1.1");
        if (request.hasToken("Expect", "100-continue")) {
            request.remove("Expect");
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        HttpBodies.Framing framing = HttpBodies.requestFraming(request);
        InputStream body = HttpBodies.open(framing, request, in);
        int query = target.indexOf('?');
        FaultAction action = proxy.claim(listener, method, query < 0 ? target : target.substring(0, query))
                .map(InjectedFault::action).orElse(null);
        if (action instanceof FaultAction.Respond) {
            body.transferTo(OutputStream.nullOutputStream());
            writeCanned(((FaultAction.Respond) action).response(), method, keepAlive, out);
            return keepAlive;
        }
        if (action instanceof FaultAction.Redirect) {
            body.transferTo(OutputStream.nullOutputStream());
            String location = location(((FaultAction.Redirect) action).target(), target);
            writeCanned(CannedResponse.status(307).header("Location", location), method, keepAlive, out);
            return keepAlive;
        }
        Socket upstream;
        try {
            upstream = proxy.connectUpstream();
        } catch (IOException e) {
            body.transferTo(OutputStream.nullOutputStream());
            writeCanned(CannedResponse.status(502).body("text/plain",
                    ("fault proxy: cannot reach the registry: " + e.getMessage()).getBytes(StandardCharsets.UTF_8)),
                    method, keepAlive, out);
            return keepAlive;
        }
        try {
            return forward(request, framing, body, upstream, action, keepAlive, in, out);
        } finally {
            upstream.close();
            proxy.untrack(upstream);
        }
    }

    private boolean forward(HttpHead request, HttpBodies.Framing framing, InputStream body, Socket upstream,
            FaultAction action, boolean keepAlive, InputStream clientIn, OutputStream out) throws IOException {
        String method = request.word(0);
        InputStream upstreamIn = new BufferedInputStream(upstream.getInputStream(), BUFFER);
        OutputStream upstreamOut = new BufferedOutputStream(upstream.getOutputStream(), BUFFER);
        HttpHead forwarded = new HttpHead(method + " " + request.word(1) + " HTTP/1.1", List.of());
        request.asMap().forEach((name, values) -> values.forEach(v -> forwarded.add(name, v)));
        forwarded.removeHopByHop();
        if (framing == HttpBodies.Framing.CHUNKED) {
            forwarded.remove("Content-Length"); // chunked framing wins (RFC 9112 section 6.3)
        }
        forwarded.set("Host", proxy.upstreamUri().getRawAuthority());
        forwarded.add("Connection", "close");
        forwarded.writeTo(upstreamOut);
        if (framing == HttpBodies.Framing.CHUNKED) {
            HttpBodies.ChunkedOutput chunked = new HttpBodies.ChunkedOutput(upstreamOut);
            copy(body, chunked, upstreamOut, Long.MAX_VALUE, -1);
            chunked.finish();
        } else {
            copy(body, upstreamOut, upstreamOut, Long.MAX_VALUE, -1);
        }
        upstreamOut.flush();

        HttpHead response = HttpHead.read(upstreamIn).orElseThrow(() -> new IOException("the registry closed the connection"));
        while (response.status() / 100 == 1 && response.status() != 101) {
            response = HttpHead.read(upstreamIn).orElseThrow(() -> new IOException("the registry closed the connection"));
        }
        HttpBodies.Framing responseFraming = HttpBodies.responseFraming(response, method);
        InputStream responseBody = HttpBodies.open(responseFraming, response, upstreamIn);
        response.removeHopByHop();
        rewriteLocation(response);
        if (action instanceof FaultAction.SetHeader) {
            response.set(((FaultAction.SetHeader) action).name(), ((FaultAction.SetHeader) action).value());
        }
        if (responseFraming == HttpBodies.Framing.CHUNKED) {
            response.remove("Content-Length");
        }
        if (responseFraming == HttpBodies.Framing.UNTIL_CLOSE || !keepAlive) {
            response.add("Connection", "close");
        }
        if (action instanceof FaultAction.LengthOffBy) {
            byte[] all = responseBody.readAllBytes();
            response.remove("Transfer-Encoding");
            response.set("Content-Length", Long.toString(Math.max(0, all.length + ((FaultAction.LengthOffBy) action).delta())));
            response.set("Connection", "close");
            response.writeTo(out);
            out.write(all);
            out.flush();
            return false;
        }
        response.writeTo(out);
        long limit = action instanceof FaultAction.DropAfter ? ((FaultAction.DropAfter) action).bytes()
                : action instanceof FaultAction.StallAfter ? ((FaultAction.StallAfter) action).bytes() : Long.MAX_VALUE;
        long flipAt = action instanceof FaultAction.FlipByte ? ((FaultAction.FlipByte) action).offset() : -1;
        HttpBodies.ChunkedOutput chunked = responseFraming == HttpBodies.Framing.CHUNKED
                ? new HttpBodies.ChunkedOutput(out) : null;
        copy(responseBody, chunked != null ? chunked : out, out, limit, flipAt);
        if (action instanceof FaultAction.DropAfter) {
            out.flush();
            try {
                Thread.sleep(DROP_LINGER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        if (action instanceof FaultAction.StallAfter) {
            out.flush();
            upstream.close();
            while (clientIn.read() >= 0) {
                // Stalled: nothing goes out until the client hangs up or the proxy closes.
            }
            return false;
        }
        if (chunked != null) {
            chunked.finish();
        }
        out.flush();
        return keepAlive && responseFraming != HttpBodies.Framing.UNTIL_CLOSE;
    }

    /** Copies at most {@code limit} bytes, inverting the byte at {@code flipAt}, flushing {@code flushed} as it goes. */
    private static long copy(InputStream in, OutputStream out, OutputStream flushed, long limit, long flipAt)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        while (copied < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied));
            if (n < 0) {
                break;
            }
            if (flipAt >= copied && flipAt < copied + n) {
                int index = (int) (flipAt - copied);
                buffer[index] = (byte) ~buffer[index];
            }
            out.write(buffer, 0, n);
            flushed.flush();
            copied += n;
        }
        return copied;
    }

    /** Writes a canned response (no body for HEAD). */
    private static void writeCanned(CannedResponse response, String method, boolean keepAlive, OutputStream out)
            throws IOException {
        HttpHead head = response.head();
        if (!keepAlive) {
            head.add("Connection", "close");
        }
        head.writeTo(out);
        if (!method.equals("HEAD")) {
            out.write(response.bodyBytes());
        }
        out.flush();
    }

    private String location(FaultAction.Redirect.Target where, String target) {
        switch (where) {
            case SECOND_HOST:
                return proxy.origin(FaultProxy.Listener.SECOND_HOST) + target;
            case PLAIN_HTTP:
                return proxy.origin(FaultProxy.Listener.PLAIN_HTTP) + target;
            default:
                Matcher hop = HOP.matcher(target);
                String next = hop.find()
                        ? target.substring(0, hop.start()) + hop.group(1) + "stevedore-hop="
                                + (Long.parseLong(hop.group(2)) + 1) + target.substring(hop.end())
                        : target + (target.contains("?") ? "&" : "?") + "stevedore-hop=1";
                return proxy.origin(listener) + next;
        }
    }

    /** Points absolute Locations at the registry back at the address this request came to. */
    private void rewriteLocation(HttpHead response) {
        Optional<String> location = response.get("Location");
        String upstreamOrigin = proxy.upstreamUri().getScheme() + "://" + proxy.upstreamUri().getRawAuthority();
        if (location.isPresent() && location.get().startsWith(upstreamOrigin)) {
            response.set("Location", proxy.origin(listener) + location.get().substring(upstreamOrigin.length()));
        }
    }

}
