package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Platform;
import org.junit.jupiter.api.Test;

class BuildPlatformIT extends BuildFixture {

    @Test
    void fromPlatformNamingTheEnginesPlatformBuildsNormally() {
        Platform host = engine.images().platform();
        String spec = host.os() + "/" + host.architecture() + host.variant().map(v -> "/" + v).orElse("");
        String dockerfile = """
                ARG WANTED=%s
                FROM --platform=$BUILDPLATFORM %s AS one
                RUN echo one > /one.txt
                FROM --platform=${WANTED} %s
                COPY --from=one /one.txt /
                RUN cat /one.txt > /two.txt
                """.formatted(spec, busybox, busybox);

        Image image = build(dockerfile).build();

        assertThat(run(image, "cat /two.txt")).isEqualTo("one\n");
        assertThat(image.config().architecture()).isEqualTo(host.architecture());
    }

    @Test
    void fromPlatformNormalizesVariantsOfTheEnginesPlatform() {
        Platform host = engine.images().platform();
        org.junit.jupiter.api.Assumptions.assumeTrue(host.architecture().equals("amd64"), "amd64 host");

        Image image = build("FROM --platform=linux/x86_64/v1 " + busybox + "\nRUN echo ok > /ok.txt\n").build();

        assertThat(run(image, "cat /ok.txt")).isEqualTo("ok\n");
    }

    @Test
    void fromAnotherPlatformFailsNamingTheStepAndBothPlatforms() {
        Platform host = engine.images().platform();
        String other = host.architecture().equals("arm64") ? "linux/amd64" : "linux/arm64";
        String dockerfile = "FROM " + busybox + " AS ok\nRUN true\nFROM --platform=" + other + " " + busybox
                + " AS foreign\nRUN echo never\n";

        assertThatThrownBy(() -> build(dockerfile).tag("foreign:1").build())
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:3:")
                .hasMessageContaining("[foreign 1/2]")
                .hasMessageContaining("--platform=" + other)
                .hasMessageContaining(host.os() + "/" + host.architecture())
                .hasMessageContaining("not supported in 0.1");
        assertThat(events.started).noneMatch(s -> s.contains("RUN echo never"));
        assertThat(engine.images().find("foreign:1")).isEmpty();
    }
}
