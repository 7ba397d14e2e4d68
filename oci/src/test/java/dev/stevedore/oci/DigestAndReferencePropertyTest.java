package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class DigestAndReferencePropertyTest {

    @Property
    void parsesItsOwnCanonicalAndFamiliarForms(@ForAll("references") ImageReference ref) {
        // when
        ImageReference canonical = ImageReference.parse(ref.toString());
        ImageReference familiar = ImageReference.parse(ref.familiar());

        // then
        assertThat(canonical).isEqualTo(ref);
        assertThat(familiar).isEqualTo(ref);
    }

    @Property
    void printsParsedDigestsBackUnchanged(@ForAll @Size(max = 200) byte[] content) {
        // given
        Digest digest = Digest.of(content);

        // when / then
        assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
        assertThat(digest.blobPath()).matches("sha256/[0-9a-f]{64}");
    }

    @Property
    void rejectsEveryDigestWhoseHexPartIsNotExactlySixtyFourLowercaseHexDigits(
            @ForAll("notSha256Hex") String hex) {
        // when / then
        assertThatThrownBy(() -> Digest.parse("sha256:" + hex)).isInstanceOf(InvalidDigestException.class);
    }

    @Provide
    Arbitrary<String> notSha256Hex() {
        return Arbitraries.strings().ofMaxLength(70).filter(s -> !s.matches("[0-9a-f]{64}"));
    }

    @Provide
    Arbitrary<ImageReference> references() {
        Arbitrary<String> registry = Arbitraries.of("docker.io", "index.docker.io", "localhost", "localhost:5000",
                "ghcr.io", "registry.example.com:443", "[::1]:5000", "127.0.0.1", "Reg");
        Arbitrary<List<String>> path = component().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Optional<String>> tag = Arbitraries.strings().withCharRange('a', 'z').withChars("ABZ09_.-")
                .ofMinLength(1).ofMaxLength(20).filter(t -> t.charAt(0) != '.' && t.charAt(0) != '-')
                .optional();
        Arbitrary<Optional<Digest>> digest = Arbitraries.strings().ofMaxLength(10)
                .map(s -> Digest.of(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))).optional();
        return Combinators.combine(registry, path, tag, digest)
                .as((r, p, t, d) -> new ImageReference(r, String.join("/", p),
                        t.isEmpty() && d.isEmpty() ? Optional.of("latest") : t, d));
    }

    private static Arbitrary<String> component() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--");
        return Arbitraries.oneOf(word, Combinators.combine(word, separator, word).as((a, s, b) -> a + s + b));
    }
}
