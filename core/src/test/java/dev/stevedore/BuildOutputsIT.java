package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildOutputsIT extends BuildFixture {
    @TempDir
    Path out;

    @TempDir
    Path otherHome;

    @Test
    void pushesTheTagsAndExportsTheImageOnceBuilt() throws IOException {
        // given
        write("hello.txt", "hello\n");
        String registryHost = busybox.substring(0, busybox.indexOf('/'));
        String tag = registryHost + "/built/app:1";

        // when
        Image image = build("FROM " + busybox + "\nCOPY hello.txt /\n").tag(tag).push(true)
                .outputTo(out.resolve("app.tar"), ImageArchiveFormat.DOCKER_ARCHIVE)
                .outputTo(out.resolve("layout"), ImageArchiveFormat.OCI_LAYOUT)
                .build();

        // then
        try (Stevedore other = Stevedore.builder().home(otherHome).build()) {
            List<Image> loaded = other.images().importFrom(out.resolve("app.tar"));
            assertThat(loaded).extracting(Image::id).containsExactly(image.id());
            assertThat(other.images().importFrom(out.resolve("layout"))).extracting(Image::id).contains(image.id());
            other.images().remove(tag, true);
            assertThat(other.images().pull(tag).id()).isEqualTo(image.id());
        }
    }
}
