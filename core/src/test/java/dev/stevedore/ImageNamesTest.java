package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.layerstore.Refs;
import dev.stevedore.oci.ImageReference;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageNamesTest {
    private static final String HEX = "3f57d9401f8d42f986df300f0c69192fc41da28ccc8d797829467780db3dd741";

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "busybox:1.36", "127.0.0.1:5000/app:1", "localhost/a/b/c:v1.0_rc-2",
            "ghcr.io/org/app@sha256:" + HEX, "registry.lan:5000/x/y:1@sha256:" + HEX})
    void namesRefsByTheFullyNormalizedReference(String text) {
        // given
        ImageReference reference = ImageReference.parse(text);

        // when
        String name = ImageNames.refName(reference);

        // then
        assertThat(name).isEqualTo(reference.toString());
        assertThat(Refs.isValidName(name)).isTrue();
        assertThat(ImageNames.reference(name)).contains(reference.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a__b", "a---b:1", "app:v1-", "app:v1.", "app:_x", "[::1]:5000/app:1"})
    void encodesReferencesTheRefGrammarRejects(String text) {
        // given
        ImageReference reference = ImageReference.parse(text);

        // when
        String name = ImageNames.refName(reference);

        // then
        assertThat(name).startsWith("encoded+");
        assertThat(Refs.isValidName(name)).isTrue();
        assertThat(ImageNames.reference(name)).contains(reference.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "busybox:1", "docker.io/library/busybox", "encoded+zz", "encoded+6c6174657374"})
    void readsNamesOtherToolsWroteAsNoReference(String name) {
        assertThat(ImageNames.reference(name)).isEmpty();
    }

    @Test
    void tellsFullAndShortImageIds() {
        assertThat(ImageNames.fullId("sha256:" + HEX)).contains(HEX);
        assertThat(ImageNames.fullId(HEX)).contains(HEX);
        assertThat(ImageNames.fullId("3f57d9")).isEmpty();
        assertThat(ImageNames.shortId("3f57d9")).contains("3f57d9");
        assertThat(ImageNames.shortId("sha256:3f57")).contains("3f57");
        assertThat(ImageNames.shortId("busybox")).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Busybox", "busybox:", "a b", "busybox@sha256:12", "-x", "busybox::1"})
    void rejectsBadReferencesNamingThem(String text) {
        assertThatThrownBy(() -> ImageNames.parse(text))
                .isInstanceOf(ImageReferenceException.class)
                .hasMessageContaining("not a valid image reference: \"" + text + "\"");
    }
}
