package dev.stevedore.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** HTTP GETs to 127.0.0.1 only, retried until a server answers. */
final class LoopbackHttp {
    private LoopbackHttp() {}

    /**
     * GETs {@code /} from {@code 127.0.0.1:port} until it answers 200, for at most {@code deadline}.
     *
     * @return the body, or empty if no 200 came in time
     */
    static Optional<String> get(int port, Duration deadline) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Optional.of(r.body());
                }
            } catch (IOException e) {
                // nothing listens inside yet
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }
}
