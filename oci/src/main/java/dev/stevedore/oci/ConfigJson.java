package dev.stevedore.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;

/** Reads and writes image configs, keeping unknown fields at every level. */
final class ConfigJson {
    static final String KIND = "image config";

    private static final Set<String> TOP = Set.of("created", "author", "architecture", "os", "os.version",
            "os.features", "variant", "config", "rootfs", "history");
    private static final Set<String> CONTAINER = Set.of("User", "ExposedPorts", "Env", "Entrypoint", "Cmd",
            "Volumes", "WorkingDir", "Labels", "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell");
    private static final Set<String> HEALTH = Set.of("Test", "Interval", "Timeout", "StartPeriod",
            "StartInterval", "Retries");
    private static final Set<String> ROOTFS = Set.of("type", "diff_ids");
    private static final Set<String> HISTORY = Set.of("created", "created_by", "author", "comment", "empty_layer");

    private ConfigJson() {
    }

    static ImageConfig read(byte[] json) {
        JsonFields top = JsonFields.root(KIND, Json.parse(KIND, json));
        String architecture = nonEmpty(top, "architecture");
        String os = nonEmpty(top, "os");
        ContainerConfig config = top.optionalObject("config").map(ConfigJson::readContainer)
                .orElse(ContainerConfig.empty());
        return new ImageConfig(top.optionalConvert("created", Rfc3339::parse), top.optionalString("author"),
                architecture, os, top.optionalNonEmptyString("os.version"), top.stringList("os.features"),
                top.optionalNonEmptyString("variant"), config, readRootFs(top.requiredObject("rootfs")),
                top.objectList("history", false).stream().map(ConfigJson::readHistory).toList(),
                top.unknown(TOP));
    }

    private static String nonEmpty(JsonFields fields, String field) {
        String value = fields.requiredString(field);
        if (value.isEmpty()) {
            throw fields.error(field, "must not be empty");
        }
        return value;
    }

    private static ContainerConfig readContainer(JsonFields c) {
        return new ContainerConfig(c.optionalNonEmptyString("User"), c.stringList("Env"), c.stringList("Entrypoint"),
                c.stringList("Cmd"), c.optionalNonEmptyString("WorkingDir"), c.keySet("ExposedPorts"),
                c.keySet("Volumes"), c.stringMap("Labels"), c.optionalNonEmptyString("StopSignal"),
                c.optionalObject("Healthcheck").map(ConfigJson::readHealth), c.stringList("Shell"),
                c.stringList("OnBuild"), c.optionalBoolean("ArgsEscaped"), c.unknown(CONTAINER));
    }

    private static HealthCheck readHealth(JsonFields h) {
        return new HealthCheck(h.stringList("Test"), nanos(h, "Interval"), nanos(h, "Timeout"),
                nanos(h, "StartPeriod"), nanos(h, "StartInterval"), retries(h), h.unknown(HEALTH));
    }

    private static Duration nanos(JsonFields fields, String field) {
        return Duration.ofNanos(fields.optionalNonNegativeLong(field));
    }

    private static int retries(JsonFields fields) {
        if (!fields.has("Retries")) {
            return 0;
        }
        int retries = fields.requiredInt("Retries");
        if (retries < 0) {
            throw fields.error("Retries", "must not be negative");
        }
        return retries;
    }

    private static RootFs readRootFs(JsonFields r) {
        String type = r.requiredString("type");
        if (!RootFs.LAYERS.equals(type)) {
            throw r.error("type", "must be \"layers\"");
        }
        return new RootFs(type, r.convertList("diff_ids", Digest::parse), r.unknown(ROOTFS));
    }

    private static History readHistory(JsonFields h) {
        return new History(h.optionalConvert("created", Rfc3339::parse), h.optionalString("created_by"),
                h.optionalString("author"), h.optionalString("comment"), h.optionalBoolean("empty_layer"),
                h.unknown(HISTORY));
    }

    static ObjectNode write(ImageConfig config) {
        ObjectNode node = Json.object();
        config.created().ifPresent(t -> node.put("created", Rfc3339.format(t)));
        config.author().ifPresent(a -> node.put("author", a));
        node.put("architecture", config.architecture());
        node.put("os", config.os());
        config.osVersion().ifPresent(v -> node.put("os.version", v));
        DescriptorJson.putList(node, "os.features", config.osFeatures());
        config.variant().ifPresent(v -> node.put("variant", v));
        node.set("config", writeContainer(config.config()));
        ObjectNode rootfs = node.putObject("rootfs");
        rootfs.put("type", config.rootfs().type());
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        config.rootfs().diffIds().forEach(d -> diffIds.add(d.toString()));
        config.rootfs().unknownFields().writeTo(rootfs, ROOTFS);
        if (!config.history().isEmpty()) {
            ArrayNode history = node.putArray("history");
            config.history().forEach(h -> history.add(writeHistory(h)));
        }
        config.unknownFields().writeTo(node, TOP);
        return node;
    }

    private static ObjectNode writeContainer(ContainerConfig c) {
        ObjectNode node = Json.object();
        c.user().ifPresent(u -> node.put("User", u));
        putKeySet(node, "ExposedPorts", c.exposedPorts());
        DescriptorJson.putList(node, "Env", c.env());
        DescriptorJson.putList(node, "Entrypoint", c.entrypoint());
        DescriptorJson.putList(node, "Cmd", c.cmd());
        putKeySet(node, "Volumes", c.volumes());
        c.workingDir().ifPresent(w -> node.put("WorkingDir", w));
        DescriptorJson.putMap(node, "Labels", c.labels());
        c.stopSignal().ifPresent(s -> node.put("StopSignal", s));
        if (c.argsEscaped()) {
            node.put("ArgsEscaped", true);
        }
        c.healthcheck().ifPresent(h -> node.set("Healthcheck", writeHealth(h)));
        DescriptorJson.putList(node, "OnBuild", c.onBuild());
        DescriptorJson.putList(node, "Shell", c.shell());
        c.unknownFields().writeTo(node, CONTAINER);
        return node;
    }

    private static ObjectNode writeHealth(HealthCheck h) {
        ObjectNode node = Json.object();
        DescriptorJson.putList(node, "Test", h.test());
        putNanos(node, "Interval", h.interval());
        putNanos(node, "Timeout", h.timeout());
        putNanos(node, "StartPeriod", h.startPeriod());
        putNanos(node, "StartInterval", h.startInterval());
        if (h.retries() != 0) {
            node.put("Retries", h.retries());
        }
        h.unknownFields().writeTo(node, HEALTH);
        return node;
    }

    private static void putNanos(ObjectNode node, String field, Duration value) {
        if (!value.isZero()) {
            node.put(field, value.toNanos());
        }
    }

    private static void putKeySet(ObjectNode node, String field, Set<String> keys) {
        if (!keys.isEmpty()) {
            ObjectNode object = node.putObject(field);
            keys.forEach(object::putObject);
        }
    }

    private static ObjectNode writeHistory(History h) {
        ObjectNode node = Json.object();
        h.created().ifPresent(t -> node.put("created", Rfc3339.format(t)));
        h.createdBy().ifPresent(c -> node.put("created_by", c));
        h.author().ifPresent(a -> node.put("author", a));
        h.comment().ifPresent(c -> node.put("comment", c));
        if (h.emptyLayer()) {
            node.put("empty_layer", true);
        }
        h.unknownFields().writeTo(node, HISTORY);
        return node;
    }
}
