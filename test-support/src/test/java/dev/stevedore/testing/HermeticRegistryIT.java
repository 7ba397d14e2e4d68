package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The network guard lets a client that honours the default proxy selector reach a local registry. */
@ExtendWith(HermeticHome.class)
class HermeticRegistryIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    @Test
    void clientUsingTheDefaultProxySelectorReachesTheLocalRegistry() throws Exception {
        // given: what the library's HTTP client does
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.getDefault()).build();

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(registry.baseUri().resolve("/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).as(registry.logs()).isEqualTo(200);
        assertThat(response.headers().firstValue("Docker-Distribution-Api-Version")).contains("registry/2.0");
    }

    @Test
    void localhostNameResolvesToTheRegistryThroughTheTestHostsFile() throws Exception {
        // given
        HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.getDefault()).build();

        // when
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + registry.port() + "/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void childProcessesWriteIntoTheHermeticHome(HermeticEnvironment env) throws Exception {
        // given: a tool that writes under $HOME and $DOCKER_CONFIG
        ProcessBuilder builder = env.applyTo(new ProcessBuilder("sh", "-c",
                "touch \"$HOME/.touched\" \"$DOCKER_CONFIG/config.json\""));

        // when
        Exec.Result result = Exec.run(builder.command(), environment -> environment.putAll(builder.environment()),
                Duration.ofSeconds(30));

        // then
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(List.of(env.home().resolve(".touched"), env.dockerConfig().resolve("config.json")))
                .allMatch(Files::exists);
    }
}
