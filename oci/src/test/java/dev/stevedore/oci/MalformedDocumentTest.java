package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each case takes a valid document, breaks one field (a JSON pointer set to a new JSON value,
 * or REMOVE), and expects an error naming the document kind, the field path and the value.
 */
class MalformedDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "[{index}] {2}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            /schemaVersion          | 1                     | schemaVersion          | 1                      | must be 2
            /schemaVersion          | '"2"'                 | schemaVersion          | '"2"'                  | must be an integer
            /schemaVersion          | REMOVE                | schemaVersion          | ''                     | required field is missing
            /config                 | REMOVE                | config                 | ''                     | required field is missing
            /config                 | '[]'                  | config                 | '[]'                   | must be a JSON object
            /config/digest          | REMOVE                | config.digest          | ''                     | required field is missing
            /config/mediaType       | '"not a media type"'  | config.mediaType       | '"not a media type"'   | malformed media type
            /config/size            | '"1469"'              | config.size            | '"1469"'               | must be an integer
            /layers                 | '{}'                  | layers                 | '{}'                   | must be a JSON array
            /layers/0               | 5                     | layers[0]              | 5                      | must be a JSON object
            /layers/1/size          | -1                    | layers[1].size         | -1                     | must not be negative
            /layers/1/size          | 1.5                   | layers[1].size         | 1.5                    | must be an integer
            /layers/1/size          | 99999999999999999999  | layers[1].size         | 99999999999999999999   | must be an integer
            /layers/0/digest        | '"sha256:abc"'        | layers[0].digest       | '"sha256:abc"'         | sha256 needs 64 hex digits, found 3
            /layers/0/digest        | '"sha256:../../x"'    | layers[0].digest       | '"sha256:../../x"'     | not a valid digest: sha256 needs 64 hex digits
            /layers/0/digest        | '"md5:d41d8cd98f00b204e9800998ecf8427e"' | layers[0].digest | '"md5:d41d8cd98f00b204e9800998ecf8427e"' | unsupported algorithm "md5"
            /layers/0/digest        | 7                     | layers[0].digest       | 7                      | must be a string
            /layers/0/mediaType     | true                  | layers[0].mediaType    | true                   | must be a string
            /layers/1/urls/0        | 3                     | layers[1].urls[0]      | 3                      | must be a string
            /layers/1/annotations/org.opencontainers.image.title | 3 | layers[1].annotations.org.opencontainers.image.title | 3 | must be a string
            /annotations            | '["a"]'               | annotations            | '["a"]'                | must be a JSON object of strings
            /subject/size           | -5                    | subject.size           | -5                     | must not be negative
            /artifactType           | '"bad"'               | artifactType           | '"bad"'                | malformed media type
            """)
    void namesTheBadFieldOfAManifest(String pointer, String value, String path, String shown, String problem) {
        expectError(() -> ManifestBytes.parse(mutate("oci-manifest.json", pointer, value)),
                "image manifest", path, shown, problem);
    }

    @ParameterizedTest(name = "[{index}] {2}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            /manifests                           | REMOVE          | manifests                         | ''         | required field is missing
            /manifests                           | 'null'          | manifests                         | ''         | required field is missing
            /manifests/2/size                    | -3              | manifests[2].size                 | -3         | must not be negative
            /manifests/3/platform                | '"linux/arm64"' | manifests[3].platform             | '"linux/arm64"' | must be a JSON object
            /manifests/3/platform/architecture   | REMOVE          | manifests[3].platform.architecture | ''        | required field is missing
            /manifests/3/platform/os             | '""'            | manifests[3].platform.os          | '""'       | must not be empty
            /manifests/4/platform/os.features    | '"x"'           | manifests[4].platform.os.features | '"x"'      | must be a JSON array
            /schemaVersion                       | 3               | schemaVersion                     | 3          | must be 2
            """)
    void namesTheBadFieldOfAnIndex(String pointer, String value, String path, String shown, String problem) {
        expectError(() -> ManifestBytes.parse(mutate("oci-index.json", pointer, value)),
                "image index", path, shown, problem);
    }

    @ParameterizedTest(name = "[{index}] {2}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            /architecture                   | REMOVE         | architecture                  | ''            | required field is missing
            /architecture                   | '""'           | architecture                  | '""'          | must not be empty
            /os                             | 64             | os                            | 64            | must be a string
            /created                        | '"yesterday"'  | created                       | '"yesterday"' | not an RFC 3339 timestamp
            /rootfs                         | REMOVE         | rootfs                        | ''            | required field is missing
            /rootfs/type                    | '"overlay"'    | rootfs.type                   | '"overlay"'   | must be "layers"
            /rootfs/diff_ids/0              | '"sha256:0"'   | rootfs.diff_ids[0]            | '"sha256:0"'  | needs 64 hex digits
            /config/Env/1                   | 5              | config.Env[1]                 | 5             | must be a string
            /config/Cmd                     | '"python3"'    | config.Cmd                    | '"python3"'   | must be a JSON array
            /config/ExposedPorts            | '["80/tcp"]'   | config.ExposedPorts           | '["80/tcp"]'  | must be a JSON object
            /config/ExposedPorts/8080~1tcp  | 1              | config.ExposedPorts.8080/tcp  | 1             | must be an empty JSON object
            /config/Labels/maintainer       | false          | config.Labels.maintainer      | false         | must be a string
            /config/Healthcheck/Interval    | -1             | config.Healthcheck.Interval   | -1            | must not be negative
            /config/Healthcheck/Retries     | '"3"'          | config.Healthcheck.Retries    | '"3"'         | must be an integer
            /config/Healthcheck/Retries     | -2             | config.Healthcheck.Retries    | -2            | must not be negative
            /config/ArgsEscaped             | '"yes"'        | config.ArgsEscaped            | '"yes"'       | must be true or false
            /history/1/empty_layer          | 1              | history[1].empty_layer        | 1             | must be true or false
            /history/0/created              | '"2024-13-01T00:00:00Z"' | history[0].created  | '"2024-13-01T00:00:00Z"' | not an RFC 3339 timestamp
            /history                        | '{}'           | history                       | '{}'          | must be a JSON array
            """)
    void namesTheBadFieldOfAConfig(String pointer, String value, String path, String shown, String problem) {
        expectError(() -> ImageConfig.parse(mutate("docker-config.json", pointer, value)),
                "image config", path, shown, problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            '{"schemaVersion": 2,'                  | not valid JSON at line 1
            '{"a": 1} {"b": 2}'                     | not valid JSON
            '{"os": "linux", "os": "linux"}'        | Duplicate field 'os'
            '[1, 2]'                                | must be a JSON object
            ''                                      | document is empty
            """)
    void rejectsAConfigThatIsNotAJsonObject(String text, String problem) {
        // when
        MalformedDocumentException e = catchThrowableOfType(MalformedDocumentException.class,
                () -> ImageConfig.parse(text.getBytes(UTF_8)));

        // then
        assertThat(e.documentKind()).isEqualTo("image config");
        assertThat(e.fieldPath()).isEmpty();
        assertThat(e).hasMessageStartingWith("invalid image config: document: ").hasMessageContaining(problem);
    }

    @Test
    void rejectsAManifestWithADuplicatedKey() {
        // given: a second mediaType that a lenient parser would let win
        String text = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"manifests\":[]}";

        // when
        MalformedDocumentException e = catchThrowableOfType(MalformedDocumentException.class,
                () -> ManifestBytes.parse(text.getBytes(UTF_8)));

        // then
        assertThat(e).hasMessageContaining("Duplicate field 'mediaType'");
    }

    @Test
    void showsTheWholeMessage() {
        // when
        MalformedDocumentException e = catchThrowableOfType(MalformedDocumentException.class,
                () -> ManifestBytes.parse(mutate("oci-manifest.json", "/layers/1/size", "-1")));

        // then
        assertThat(e).hasMessage("invalid image manifest: layers[1].size: must not be negative, got -1");
    }

    private static void expectError(org.assertj.core.api.ThrowableAssert.ThrowingCallable parse, String kind,
            String path, String shown, String problem) {
        // when
        MalformedDocumentException e = catchThrowableOfType(MalformedDocumentException.class, parse);

        // then
        assertThat(e).as("expected a MalformedDocumentException").isNotNull();
        assertThat(e.documentKind()).isEqualTo(kind);
        assertThat(e.fieldPath()).isEqualTo(path);
        assertThat(e.value()).isEqualTo(Optional.of(shown).filter(s -> !s.isEmpty()));
        assertThat(e).hasMessageStartingWith("invalid " + kind + ": " + path + ": ").hasMessageContaining(problem);
    }

    /** Sets the field at {@code pointer} to the JSON {@code value}, or removes it for REMOVE. */
    private static byte[] mutate(String fixture, String pointer, String value) {
        try {
            JsonNode root = JSON.readTree(Fixtures.read(fixture));
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode parent = root.at(at.head());
            String last = at.last().getMatchingProperty();
            Consumer<JsonNode> put = parent.isArray()
                    ? v -> ((ArrayNode) parent).set(Integer.parseInt(last), v)
                    : v -> ((ObjectNode) parent).set(last, v);
            if (value.equals("REMOVE")) {
                ((ObjectNode) parent).remove(last);
            } else {
                put.accept(JSON.readTree(value));
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
