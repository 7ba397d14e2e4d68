package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildCacheIT extends BuildFixture {

    private String dockerfile() {
        return """
                FROM %s
                WORKDIR /app
                COPY a.txt .
                RUN cat a.txt > copy-a.txt
                COPY b.txt .
                RUN cat a.txt b.txt > both.txt
                """.formatted(busybox);
    }

    @Test
    void reusesUnchangedStepsIgnoresTouchAndRebuildsFromTheFirstStepThatReadsAnEditedFile() throws IOException {
        // given
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        Image first = build(dockerfile()).tag("cached:1").build();
        assertThat(events.cached).isEmpty();

        // when: the same build again
        events.clear();
        Image second = build(dockerfile()).tag("cached:1").build();

        // then
        assertThat(events.cached).containsExactly("[stage-0 2/6] WORKDIR /app", "[stage-0 3/6] COPY a.txt .",
                "[stage-0 4/6] RUN cat a.txt > copy-a.txt", "[stage-0 5/6] COPY b.txt .",
                "[stage-0 6/6] RUN cat a.txt b.txt > both.txt");
        assertThat(events.output).isEmpty();
        assertThat(second.layers()).isEqualTo(first.layers());

        // when: only the mtime changes
        Files.setLastModifiedTime(context.resolve("b.txt"), FileTime.from(Instant.now().plusSeconds(3600)));
        events.clear();
        Image touched = build(dockerfile()).build();

        // then
        assertThat(events.cached).hasSize(5);
        assertThat(touched.layers()).isEqualTo(first.layers());

        // when: b.txt changes
        write("b.txt", "B2\n");
        events.clear();
        Image edited = build(dockerfile()).tag("cached:2").build();

        // then
        assertThat(events.cached).containsExactly("[stage-0 2/6] WORKDIR /app", "[stage-0 3/6] COPY a.txt .",
                "[stage-0 4/6] RUN cat a.txt > copy-a.txt");
        assertThat(edited.layers().subList(0, 4)).isEqualTo(first.layers().subList(0, 4));
        assertThat(edited.layers().get(4)).isNotEqualTo(first.layers().get(4));
        assertThat(run(edited, "cat /app/both.txt")).isEqualTo("a\nB2\n");

        // when: no cache
        events.clear();
        build(dockerfile()).noCache(true).build();

        // then
        assertThat(events.cached).isEmpty();
    }

    @Test
    void keepsTheCacheAcrossEngines() throws IOException {
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        Image first = build(dockerfile()).build();
        engine.close();
        engine = Stevedore.builder().home(home).build();
        containers = engine.containers();
        events.clear();

        Image again = build(dockerfile()).build();

        assertThat(events.cached).hasSize(5);
        assertThat(again.id()).isEqualTo(first.id());
    }
}
