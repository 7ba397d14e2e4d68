package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void isNotChangedThroughTheNodesGivenOrReturned() {
        // given
        ObjectNode value = NODES.objectNode().put("inner", 1);
        UnknownFields fields = UnknownFields.of(Map.of("x-ext", value));

        // when
        value.put("inner", 2);
        ((ObjectNode) fields.get("x-ext").orElseThrow()).put("inner", 3);

        // then
        assertThat(fields.get("x-ext").orElseThrow().get("inner").intValue()).isEqualTo(1);
    }

    @Test
    void keepsDocumentOrder() {
        // given
        Map<String, ObjectNode> ordered = new LinkedHashMap<>();
        for (String name : new String[] {"zeta", "alpha", "mid"}) {
            ordered.put(name, NODES.objectNode());
        }

        // when
        UnknownFields fields = UnknownFields.of(ordered);

        // then
        assertThat(fields.names()).containsExactly("zeta", "alpha", "mid");
        assertThat(fields.isEmpty()).isFalse();
        assertThat(UnknownFields.of(Map.of())).isEqualTo(UnknownFields.none());
        assertThat(UnknownFields.none().isEmpty()).isTrue();
    }

    @Test
    void neverOverridesAFieldTheModelWrites() {
        // given: an unknown field that claims a name the config owns
        UnknownFields clash = UnknownFields.of(Map.of("os", NODES.textNode("plan9"),
                "x-extra", NODES.booleanNode(true)));
        ImageConfig base = ImageConfig.of(Platform.parse("linux/amd64"));
        ImageConfig image = new ImageConfig(base.created(), base.author(), base.architecture(), base.os(),
                base.osVersion(), base.osFeatures(), base.variant(), base.config(), base.rootfs(), base.history(), clash);

        // when
        String json = new String(image.toJson(), UTF_8);

        // then
        assertThat(json).contains("\"os\":\"linux\"").contains("\"x-extra\":true").doesNotContain("plan9");
    }

    @Test
    void comparesByContent() {
        // when / then
        assertThat(UnknownFields.of(Map.of("a", NODES.numberNode(1))))
                .isEqualTo(UnknownFields.of(Map.of("a", NODES.numberNode(1))))
                .hasSameHashCodeAs(UnknownFields.of(Map.of("a", NODES.numberNode(1))))
                .isNotEqualTo(UnknownFields.of(Map.of("a", NODES.numberNode(2))));
    }
}
