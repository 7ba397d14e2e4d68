package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import dev.stevedore.oci.History;
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

    @Test
    void aCopyKeyFollowsContentModeAndHeredocsButNotIgnoredFiles() throws IOException {
        // given
        String df = """
                FROM %s
                COPY . /ctx/
                ARG V
                COPY <<EOF /note.txt
                note ${V}
                EOF
                """.formatted(busybox);
        write("a.txt", "one\n");
        write("ignored.log", "noise\n");
        write(".dockerignore", "*.log\n");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(context.resolve("a.txt"), old);
        Image first = build(df).buildArg("V", "1").build();

        // when: an ignored file changes
        write("ignored.log", "other noise\n");
        events.clear();
        build(df).buildArg("V", "1").build();

        // then: nothing the COPY reads changed
        assertThat(events.cached).hasSize(2);

        // when: same size, same mtime, other content
        Files.writeString(context.resolve("a.txt"), "two\n");
        Files.setLastModifiedTime(context.resolve("a.txt"), old);
        events.clear();
        Image edited = build(df).buildArg("V", "1").build();

        // then
        assertThat(events.cached).isEmpty();
        assertThat(run(edited, "cat /ctx/a.txt")).isEqualTo("two\n");

        // when: only the mode changes
        Files.setPosixFilePermissions(context.resolve("a.txt"), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwx------"));
        events.clear();
        Image chmodded = build(df).buildArg("V", "1").build();

        // then
        assertThat(events.cached).isEmpty();
        assertThat(run(chmodded, "stat -c %a /ctx/a.txt")).isEqualTo("700\n");

        // when: the heredoc's expansion changes
        events.clear();
        Image other = build(df).buildArg("V", "2").build();

        // then: only the heredoc COPY is rebuilt
        assertThat(events.cached).containsExactly("[stage-0 2/4] COPY . /ctx/");
        assertThat(run(other, "cat /note.txt")).isEqualTo("note 2\n");
        assertThat(first.layers()).hasSize(other.layers().size());
    }

    @Test
    void aCopyFromAStageIsRebuiltExactlyWhenTheFilesItCopiesChange() throws IOException {
        String df = """
                FROM %1$s AS gen
                COPY a.txt /in.txt
                COPY c.txt /c.txt
                RUN sed s/^/gen-/ /in.txt > /out.txt
                FROM %1$s
                COPY b.txt /b.txt
                COPY --from=gen /out.txt /result.txt
                RUN cat /result.txt /result.txt > /twice.txt
                """.formatted(busybox);
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        write("c.txt", "c\n");
        build(df).build();

        events.clear();
        build(df).build();
        assertThat(events.cached).hasSize(6);

        // when: the source stage changes, but not the file copied from it (BuildKit keys --from by content)
        write("c.txt", "C2\n");
        events.clear();
        build(df).build();

        // then: its RUN runs again; the COPY --from and what follows it come from the cache
        assertThat(events.cached).containsExactly("[gen 2/4] COPY a.txt /in.txt", "[stage-1 2/4] COPY b.txt /b.txt",
                "[stage-1 3/4] COPY --from=gen /out.txt /result.txt",
                "[stage-1 4/4] RUN cat /result.txt /result.txt > /twice.txt");

        // when: the copied file changes
        write("a.txt", "A2\n");
        events.clear();
        Image edited = build(df).build();

        // then
        assertThat(events.cached).containsExactly("[stage-1 2/4] COPY b.txt /b.txt");
        assertThat(run(edited, "cat /twice.txt")).isEqualTo("gen-A2\ngen-A2\n");
    }

    @Test
    void aScratchStageWithConfigStepsBeforeItsFirstLayerRebuildsToTheSameImage() throws Exception {
        // given: config-only steps before any layer have no earlier time to take
        String df = """
                FROM scratch
                ARG NOTE=x
                ENV A=b
                COPY a.txt /a.txt
                LABEL note=$NOTE
                """;
        write("a.txt", "a\n");
        Image first = build(df).build();
        Thread.sleep(1100); // a later build time, which must not show

        // when
        events.clear();
        Image again = build(df).build();

        // then: they take the time of the layer they led to
        assertThat(events.cached).containsExactly("[stage-0 4/5] COPY a.txt /a.txt");
        assertThat(again.id()).isEqualTo(first.id());
        List<History> history = again.history();
        assertThat(history).hasSize(4);
        assertThat(history).allSatisfy(h -> assertThat(h.created()).isEqualTo(history.get(2).created()));
        assertThat(history.get(0).createdBy()).contains("ARG NOTE=x");
        assertThat(history.get(0).emptyLayer()).isTrue();
    }
}
