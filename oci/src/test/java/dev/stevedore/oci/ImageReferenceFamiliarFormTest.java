package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The short form Docker shows, and that it parses back to the same reference. */
class ImageReferenceFamiliarFormTest {
    private static final String SHA256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            docker.io/library/busybox:latest      | busybox
            docker.io/library/busybox:1.36        | busybox:1.36
            docker.io/foo/bar                     | foo/bar
            docker.io/foo/bar:1                   | foo/bar:1
            docker.io/library/foo/bar             | library/foo/bar
            docker.io/store/foo/bar               | store/foo/bar
            localhost:5000/foo:latest             | localhost:5000/foo
            ghcr.io/a/b:1                         | ghcr.io/a/b:1
            Foo/bar                               | Foo/bar
            docker.io/foo.bar/baz                 | docker.io/foo.bar/baz
            docker.io/localhost/baz               | docker.io/localhost/baz
            busybox:latest@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | busybox:latest@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            busybox@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855        | busybox@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            docker.io/library/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855     | library/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
    void showsFamiliarForm(String input, String familiar) {
        // given
        ImageReference ref = ImageReference.parse(input);

        // when
        String shown = ref.familiar();

        // then
        assertThat(shown).isEqualTo(familiar);
        assertThat(ImageReference.parse(shown)).isEqualTo(ref);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            docker.io/library/busybox:latest | busybox
            docker.io/foo/bar:1              | foo/bar
            quay.io/a/b@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | quay.io/a/b
            """)
    void showsFamiliarNameWithoutTagOrDigest(String input, String familiarName) {
        // when / then
        assertThat(ImageReference.parse(input).familiarName()).isEqualTo(familiarName);
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of("busybox", "foo/bar:1", "localhost:5000/a/b@" + SHA256, "Foo/bar:x",
                "busybox:latest@" + SHA256, "[::1]:5000/repo:tag", "docker.io/foo.bar/baz:2",
                "index.docker.io/library/debian:12").map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void parsesItsOwnCanonicalAndFamiliarForms(String input) {
        // given
        ImageReference ref = ImageReference.parse(input);

        // when
        ImageReference fromCanonical = ImageReference.parse(ref.toString());
        ImageReference fromFamiliar = ImageReference.parse(ref.familiar());

        // then
        assertThat(fromCanonical).isEqualTo(ref);
        assertThat(fromFamiliar).isEqualTo(ref);
    }
}
