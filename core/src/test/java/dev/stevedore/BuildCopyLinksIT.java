package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A {@code COPY --from} that keeps owner and mode hard-links the source stage's snapshot files
 * instead of copying them: nothing done to the copy, or through a container on top of it, may
 * reach the source.
 */
class BuildCopyLinksIT extends BuildFixture {

    @Test
    void aLinkedCopyIsTheSameFileAndNothingReachesTheSource() {
        // given
        String df = """
                FROM %1$s AS src
                RUN mkdir /data && echo original > /data/f && chmod 0640 /data/f && chown 12:34 /data/f
                FROM %1$s AS linked
                COPY --from=src /data/f /copy
                FROM %1$s AS chmodded
                COPY --from=src --chmod=0600 --chown=5:6 /data/f /copy
                """.formatted(busybox);
        Image src = build(df).target("src").tag("links:src").build();
        Image linked = build(df).target("linked").tag("links:linked").build();
        Image chmodded = build(df).target("chmodded").tag("links:chmodded").build();

        // then: the copy keeps owner, mode and content (BuildKit's rule for --from)
        assertThat(run(linked, "stat -c '%u:%g %a' /copy; cat /copy")).isEqualTo("12:34 640\noriginal\n");
        assertThat(run(chmodded, "stat -c '%u:%g %a' /copy")).isEqualTo("5:6 600\n");

        // when: a container writes to the copy, and to the file it came from
        assertThat(run(linked, "echo changed >> /copy; cat /copy")).isEqualTo("original\nchanged\n");

        // then: neither the source stage nor another container of the copy sees it
        assertThat(run(src, "stat -c '%u:%g %a' /data/f; cat /data/f")).isEqualTo("12:34 640\noriginal\n");
        assertThat(run(linked, "cat /copy")).isEqualTo("original\n");
        assertThat(linked.layers().get(linked.layers().size() - 1).diffId())
                .isNotEqualTo(chmodded.layers().get(chmodded.layers().size() - 1).diffId());
    }
}
