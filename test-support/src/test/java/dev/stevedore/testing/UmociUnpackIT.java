package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** umoci, a second reader of OCI layouts, unpacks the busybox image. */
class UmociUnpackIT {
    @TempDir
    Path tmp;

    @Test
    void umociUnpacksTheBusyboxLayout() throws IOException {
        // given
        Preconditions.requiresRoot();
        String umoci = Preconditions.requiresCommand("umoci", "umoci").toString();
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));
        Path bundle = tmp.resolve("bundle");

        // when
        Exec.check("unpack the busybox layout with umoci",
                List.of(umoci, "unpack", "--image", image.layoutDir() + ":" + image.tag(), bundle.toString()), Map.of(),
                Duration.ofMinutes(1));

        // then
        Path rootfs = bundle.resolve("rootfs");
        assertThat(rootfs.resolve("bin/busybox")).isRegularFile().hasSameBinaryContentAs(BusyboxTree.HOST_BUSYBOX);
        assertThat(Files.readSymbolicLink(rootfs.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat((Integer) Files.getAttribute(rootfs.resolve("tmp"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777)
                .isEqualTo(01777);
        assertThat(Files.getAttribute(rootfs.resolve("home/app"), "unix:uid")).isEqualTo(1000);
        assertThat(rootfs.resolve("etc/passwd")).content().contains("app:x:1000:1000:");
        assertThat(bundle.resolve("config.json")).content().contains("\"sh\"");
    }
}
