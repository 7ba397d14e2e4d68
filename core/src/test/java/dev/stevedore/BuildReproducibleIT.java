package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildReproducibleIT extends BuildFixture {
    @TempDir
    Path otherHome;

    @Test
    void twoColdBuildsWithSourceDateEpochMakeTheSameImage() throws IOException {
        // given
        write("app/main.txt", "main\n");
        write("app/lib/util.txt", "util\n");
        String dockerfile = """
                FROM %s
                ENV MODE=prod
                WORKDIR /srv/app
                COPY app/ ./
                COPY --chmod=0640 app/main.txt /etc/main.txt
                LABEL version=1
                CMD ["cat", "main.txt"]
                """.formatted(busybox);
        Instant epoch = Instant.parse("2024-01-02T03:04:05Z");

        // when
        Image first = build(dockerfile).sourceDateEpoch(epoch).build();
        Image second;
        try (Stevedore other = Stevedore.builder().home(otherHome).build()) {
            second = other.images().build(context).dockerfileText(dockerfile).sourceDateEpoch(epoch).build();
        }

        // then
        assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
        assertThat(first.config().created()).contains(epoch);
        assertThat(first.history().get(first.history().size() - 1).created()).contains(epoch);
    }
}
