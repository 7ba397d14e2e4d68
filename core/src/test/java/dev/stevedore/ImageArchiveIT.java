package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Import and export round trips, read and written by skopeo as a peer. */
@ExtendWith(HermeticHome.class)
class ImageArchiveIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    static BusyboxImage busybox;
    static String ref;

    @TempDir
    Path dir;
    Stevedore engine;
    Stevedore fresh;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        ref = busybox.pushTo(registry, "archive/busybox:1");
    }

    @BeforeEach
    void openEngines() {
        engine = Stevedore.builder().home(dir.resolve("engine")).build();
        fresh = Stevedore.builder().home(dir.resolve("fresh")).build();
        engine.images().pull(ref);
    }

    @AfterEach
    void closeEngines() {
        engine.close();
        fresh.close();
    }

    @Test
    void roundTripsAnOciLayoutThatSkopeoReads() throws Exception {
        // given
        Path layout = dir.resolve("layout");

        // when
        engine.images().exportTo(layout, ImageArchiveFormat.OCI_LAYOUT, ref);
        List<Image> imported = fresh.images().importFrom(layout);

        // then
        assertThat(imported).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(busybox.configDigest().toString());
            assertThat(i.references()).containsExactly(ref);
        });
        assertThat(fresh.images().inspect(ref).manifestDigest()).isEqualTo(busybox.manifestDigest());
        assertThat(skopeo("inspect", "oci:" + layout + ":" + ref)).contains(busybox.manifestDigest().toString());
    }

    @Test
    void roundTripsAnOciArchiveThatSkopeoReads() throws Exception {
        // given
        Path tar = dir.resolve("busybox-oci.tar");

        // when
        engine.images().exportTo(tar, ImageArchiveFormat.OCI_ARCHIVE, "sha256:" + busybox.configDigest().encoded());
        List<Image> imported = fresh.images().importFrom(tar);

        // then
        assertThat(imported).extracting(Image::references).containsExactly(List.of(ref));
        assertThat(skopeo("inspect", "oci-archive:" + tar + ":" + ref)).contains(busybox.manifestDigest().toString());
    }

    @Test
    void roundTripsADockerArchiveThatSkopeoReads() throws Exception {
        // given
        Path tar = dir.resolve("busybox-docker.tar");
        engine.images().tag(ref, "app:2");

        // when
        engine.images().exportTo(tar, ImageArchiveFormat.DOCKER_ARCHIVE, ref, "app:2");
        List<Image> imported = fresh.images().importFrom(tar);

        // then: the same config and layers (the manifest is authored anew from the archive)
        assertThat(imported).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(busybox.configDigest().toString());
            assertThat(i.references()).containsExactlyInAnyOrder(ref, "docker.io/library/app:2");
            assertThat(i.layers()).singleElement().satisfies(l -> assertThat(l.diffId()).isEqualTo(busybox.diffId()));
        });
        assertThat(skopeo("inspect", "--config", "docker-archive:" + tar + ":app:2"))
                .contains(busybox.diffId().toString());
    }

    @Test
    void importsADockerArchiveSkopeoWrote() throws Exception {
        // given
        Path tar = dir.resolve("from-skopeo.tar");
        skopeo("copy", "oci:" + busybox.layoutDir() + ":" + busybox.tag(), "docker-archive:" + tar + ":tools/busybox:7");

        // when
        List<Image> imported = fresh.images().importFrom(tar);

        // then
        assertThat(imported).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(busybox.configDigest().toString());
            assertThat(i.references()).containsExactly("docker.io/tools/busybox:7");
        });
    }

    @Test
    void importsALayoutNamedOnlyByATagAsDanglingOrUnderTheGivenRepository() {
        // when: busybox's layout names its image "latest", which is no reference
        List<Image> dangling = fresh.images().importFrom(busybox.layoutDir());

        // then
        assertThat(dangling).singleElement().satisfies(i -> assertThat(i.references()).isEmpty());
        assertThat(fresh.store().refs().list()).as("no ref named \"latest\" is left").isEmpty();
        assertThat(fresh.images().list()).extracting(Image::id).containsExactly(busybox.configDigest().toString());

        // when: named under a repository
        List<Image> named = fresh.images().importFrom(busybox.layoutDir(), "127.0.0.1:5000/base");

        // then
        assertThat(named).singleElement()
                .satisfies(i -> assertThat(i.references()).containsExactly("127.0.0.1:5000/base:latest"));
        assertThat(fresh.store().refs().list()).containsOnlyKeys("127.0.0.1:5000/base:latest");
        assertThat(fresh.images().prune().deleted()).as("no longer dangling").isEmpty();
    }

    @Test
    void refusesARepositoryWithATag() {
        assertThatThrownBy(() -> fresh.images().importFrom(busybox.layoutDir(), "app:1"))
                .isInstanceOf(ImageReferenceException.class);
    }

    @Test
    void rejectsSomethingThatIsNoArchiveAndNamesNothing() throws Exception {
        // given
        Path junk = Files.writeString(dir.resolve("junk.tar"), "not a tar at all", StandardCharsets.UTF_8);

        // when / then
        assertThatThrownBy(() -> fresh.images().importFrom(junk))
                .isInstanceOfSatisfying(ImageArchiveException.class, e -> assertThat(e.archive()).isEqualTo(junk))
                .hasMessageContaining("Tried to import " + junk);
        assertThatThrownBy(() -> fresh.images().importFrom(dir.resolve("missing.tar")))
                .isInstanceOf(ImageArchiveException.class).hasMessageContaining("no such file");
        assertThat(fresh.store().refs().list()).isEmpty();
    }

    @Test
    void refusesToExportAnImageItDoesNotHave() {
        assertThatThrownBy(() -> engine.images().exportTo(dir.resolve("x.tar"), ImageArchiveFormat.DOCKER_ARCHIVE,
                "nosuch:1")).isInstanceOf(ImageNotFoundException.class).hasMessageContaining("nosuch:1");
        assertThat(dir.resolve("x.tar")).doesNotExist();
    }

    private String skopeo(String... args) throws IOException, InterruptedException {
        String skopeo = Preconditions.requiresCommand("skopeo", "skopeo").toString();
        Path tmp = Files.createDirectories(dir.resolve("skopeo-tmp"));
        List<String> command = new ArrayList<>(List.of(skopeo, "--insecure-policy", "--tmpdir", tmp.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("skopeo.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("skopeo timed out: " + command);
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
        return output;
    }
}
