package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
    private static final String HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String SHA256 = "sha256:" + HEX;
    private static final String SHA512 = "sha512:" + "f".repeat(128);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox                                   | docker.io/library/busybox:latest
            busybox:1.36                              | docker.io/library/busybox:1.36
            library/busybox                           | docker.io/library/busybox:latest
            docker.io/busybox                         | docker.io/library/busybox:latest
            docker.io/library/busybox:latest          | docker.io/library/busybox:latest
            index.docker.io/busybox                   | docker.io/library/busybox:latest
            index.docker.io/library/debian:12         | docker.io/library/debian:12
            index.docker.io/docker/docker             | docker.io/docker/docker:latest
            docker.io/library/foo/bar                 | docker.io/library/foo/bar:latest
            foo/bar                                   | docker.io/foo/bar:latest
            test_com/foo                              | docker.io/test_com/foo:latest
            localhost                                 | docker.io/library/localhost:latest
            localhost:5000                            | docker.io/library/localhost:5000
            localhost/foo                             | localhost/foo:latest
            localhost:5000/foo/bar:v1                 | localhost:5000/foo/bar:v1
            test.com:8080/foo                         | test.com:8080/foo:latest
            test-com:8080/foo                         | test-com:8080/foo:latest
            xn--n3h.com/myimage:xn--n3h.com           | xn--n3h.com/myimage:xn--n3h.com
            127.0.0.1:5000/debian                     | 127.0.0.1:5000/debian:latest
            192.168.1.1                               | docker.io/library/192.168.1.1:latest
            192.168.1.1:5000/repo:5050                | 192.168.1.1:5000/repo:5050
            [2001:db8::1]/repo                        | [2001:db8::1]/repo:latest
            [2001:db8::1]:5000/repo:tag               | [2001:db8::1]:5000/repo:tag
            [::1]:5000/repo                           | [::1]:5000/repo:latest
            Foo/bar                                   | Foo/bar:latest
            DOCKER/docker                             | DOCKER/docker:latest
            dock__er/docker                           | docker.io/dock__er/docker:latest
            docker---rules/docker                     | docker.io/docker---rules/docker:latest
            d/docker                                  | docker.io/d/docker:latest
            lowercase:Uppercase                       | docker.io/library/lowercase:Uppercase
            b.gcr.io/test.example.com/my-app:test.ex  | b.gcr.io/test.example.com/my-app:test.ex
            sub-dom1.foo.com/bar/baz/quux:some-tag    | sub-dom1.foo.com/bar/baz/quux:some-tag
            """)
    void normalizesLikeDocker(String input, String canonical) {
        // when
        ImageReference ref = ImageReference.parse(input);

        // then
        assertThat(ref.toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox                          | docker.io      | library/busybox  | latest
            ghcr.io/a/b/c:1.0                | ghcr.io        | a/b/c            | 1.0
            localhost:5000/app               | localhost:5000 | app              | latest
            Foo/bar                          | Foo            | bar              | latest
            [fc00::1]:5000/docker/docker     | [fc00::1]:5000 | docker/docker    | latest
            """)
    void splitsRegistryRepositoryAndTag(String input, String registry, String repository, String tag) {
        // when
        ImageReference ref = ImageReference.parse(input);

        // then
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).contains(tag);
        assertThat(ref.digest()).isEmpty();
    }

    @Test
    void keepsDigestWithoutAddingTheDefaultTag() {
        // when
        ImageReference ref = ImageReference.parse("busybox@" + SHA256);

        // then
        assertThat(ref.tag()).isEmpty();
        assertThat(ref.digest()).contains(Digest.parse(SHA256));
        assertThat(ref.toString()).isEqualTo("docker.io/library/busybox@" + SHA256);
    }

    @Test
    void keepsBothTagAndDigest() {
        // when
        ImageReference ref = ImageReference.parse("xn--7o8h.com/myimage:xn--7o8h.com@" + SHA512);

        // then
        assertThat(ref.registry()).isEqualTo("xn--7o8h.com");
        assertThat(ref.tag()).contains("xn--7o8h.com");
        assertThat(ref.digest().map(Digest::algorithm)).contains(DigestAlgorithm.SHA512);
        assertThat(ref.toString()).isEqualTo("xn--7o8h.com/myimage:xn--7o8h.com@" + SHA512);
    }

    @Test
    void acceptsHexadecimalRepositoryWhenARegistryIsGiven() {
        // when
        ImageReference ref = ImageReference.parse("docker.io/" + HEX);

        // then
        assertThat(ref.repository()).isEqualTo("library/" + HEX);
    }

    @Test
    void acceptsRepositoryOfExactly255Characters() {
        // given
        String repository = "a/".repeat(127) + "a";

        // when
        ImageReference ref = ImageReference.parse(repository + ":tag");

        // then
        assertThat(ref.repository()).hasSize(255);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | repository name must have at least one component
            :justtag                            | repository name must have at least one component
            @sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | repository name must have at least one component
            docker.io/                          | repository name must have at least one component
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | cannot specify 64-byte hexadecimal strings
            foo/Bar                             | invalid reference "foo/Bar": repository name must be lowercase
            Uppercase:tag                       | repository name must be lowercase
            test:5000/Uppercase/lowercase:tag   | repository name must be lowercase
            docker.io/docker/Docker             | repository name must be lowercase
            busybox:-x                          | invalid tag "-x" in reference "busybox:-x"
            busybox:.x                          | invalid tag ".x"
            busybox:                            | invalid tag ""
            busybox:a:b                         | invalid tag "a:b"
            busybox:a$b                         | invalid tag "a$b"
            -docker                             | invalid repository path component "-docker"
            docker-/docker                      | invalid repository path component "docker-"
            -docker-/docker                     | invalid repository path component "-docker-"
            docker///docker                     | invalid repository path component ""
            docker/                             | invalid repository path component ""
            ____/____                           | invalid repository path component "____"
            _docker/_docker                     | invalid repository path component "_docker"
            aa/asdf$$^/aa                       | invalid repository path component "asdf$$^"
            dock_.er/docker                     | invalid registry "dock_.er"
            dock..er/docker                     | invalid registry "dock..er"
            -docker.io/docker/docker            | invalid registry "-docker.io"
            https://github.com/docker/docker    | invalid registry "https:"
            fc00::1:5000/debian                 | invalid registry "fc00::1:5000"
            [fe80::1%eth0]:5000/debian          | invalid registry "[fe80::1%eth0]:5000"
            [2001:db8:3:4::192.0.2.33]:5000/debian | invalid registry "[2001:db8:3:4::192.0.2.33]:5000"
            busybox@sha256:abc                  | invalid digest "sha256:abc" in reference "busybox@sha256:abc"
            busybox@sha256:../../../etc/passwd  | invalid digest "sha256:../../../etc/passwd"
            busybox@md5:d41d8cd98f00b204e9800998ecf8427e | unsupported algorithm "md5"
            busybox:latest@                     | invalid digest ""
            """)
    void rejectsInvalidReferenceNamingTheBadPart(String input, String message) {
        // when / then
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InvalidReferenceException) e).reference()).isEqualTo(input));
    }

    @Test
    void explainsABadDigestOnce() {
        // when / then
        assertThatThrownBy(() -> ImageReference.parse("busybox@sha256:abc"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("invalid digest \"sha256:abc\" in reference \"busybox@sha256:abc\": sha256 needs 64 hex"
                        + " digits, found 3 characters")
                .hasCauseInstanceOf(InvalidDigestException.class);
    }

    @Test
    void rejectsRepositoryLongerThan255Characters() {
        // given
        String input = "a/".repeat(128) + "a:tag";

        // when / then
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("must not be more than 255 characters");
    }

    @Test
    void rejectsTagLongerThan128Characters() {
        // given
        String input = "busybox:" + "t".repeat(129);

        // when / then
        assertThatThrownBy(() -> ImageReference.parse(input))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageContaining("invalid tag");
        assertThat(ImageReference.parse("busybox:" + "t".repeat(128)).tag()).contains("t".repeat(128));
    }

    @Test
    void replacesTagAndKeepsDigest() {
        // given
        ImageReference ref = ImageReference.parse("ghcr.io/a/b:1@" + SHA256);

        // when
        ImageReference retagged = ref.withTag("2");

        // then
        assertThat(retagged.toString()).isEqualTo("ghcr.io/a/b:2@" + SHA256);
    }

    @Test
    void rejectsInvalidTagGivenToWithTag() {
        // given
        ImageReference ref = ImageReference.parse("busybox");

        // when / then
        assertThatThrownBy(() -> ref.withTag("-x"))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessageStartingWith("invalid tag \"-x\" in reference \"docker.io/library/busybox:-x\"");
    }

    @Test
    void pinsDigestAndKeepsTag() {
        // given
        ImageReference ref = ImageReference.parse("busybox:1.36");

        // when
        ImageReference pinned = ref.withDigest(Digest.parse(SHA256));

        // then
        assertThat(pinned.toString()).isEqualTo("docker.io/library/busybox:1.36@" + SHA256);
        assertThat(pinned.withoutTagOrDigest().toString()).isEqualTo("docker.io/library/busybox");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox             | true  | registry-1.docker.io
            index.docker.io/a/b | true  | registry-1.docker.io
            localhost:5000/app  | false | localhost:5000
            ghcr.io/a/b         | false | ghcr.io
            """)
    void knowsWhichHostServesTheRegistry(String input, boolean dockerHub, String host) {
        // given
        ImageReference ref = ImageReference.parse(input);

        // when / then
        assertThat(ref.isDockerHub()).isEqualTo(dockerHub);
        assertThat(ref.registryHost()).isEqualTo(host);
    }

    @Test
    void normalizesWhenConstructedDirectly() {
        // when
        ImageReference ref = new ImageReference("index.docker.io", "ubuntu", Optional.of("22.04"), Optional.empty());

        // then
        assertThat(ref).isEqualTo(ImageReference.parse("ubuntu:22.04"));
        assertThat(ref.name()).isEqualTo("docker.io/library/ubuntu");
    }

    @Test
    void rejectsInvalidPartsWhenConstructedDirectly() {
        // when / then
        assertThatThrownBy(() -> new ImageReference("ghcr.io", "a/B", Optional.empty(), Optional.empty()))
                .isInstanceOf(InvalidReferenceException.class)
                .hasMessage("invalid reference \"ghcr.io/a/B\": repository name must be lowercase");
    }
}
