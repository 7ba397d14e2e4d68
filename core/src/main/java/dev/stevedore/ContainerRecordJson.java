package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** {@link ContainerRecord} to JSON and back, field by field (no reflection), version 1. */
final class ContainerRecordJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private ContainerRecordJson() {}

    static byte[] write(ContainerRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", VERSION);
        o.put("id", r.id());
        o.put("name", r.name());
        o.put("imageId", r.imageId());
        o.put("imageRef", r.imageRef());
        o.put("manifestDigest", r.manifestDigest());
        o.set("run", run(r.run()));
        o.set("lowers", strings(r.lowers().stream().map(Path::toString).toList()));
        ArrayNode mounts = o.putArray("mounts");
        for (ContainerMount m : r.mounts()) {
            ObjectNode mo = mounts.addObject();
            mo.put("target", m.target());
            mo.put("readOnly", m.isReadOnly());
            if (m instanceof ContainerMount.Bind b) {
                mo.put("type", "bind").put("source", b.source().toString());
            } else if (m instanceof ContainerMount.Tmpfs t) {
                mo.put("type", "tmpfs").put("size", t.sizeBytes()).put("mode", t.mode());
            } else if (m instanceof ContainerMount.Volume v) {
                mo.put("type", "volume").put("source", v.name());
            }
        }
        ArrayNode requested = o.putArray("requestedPorts");
        for (PortSpec p : r.requestedPorts()) {
            requested.addObject().put("protocol", p.protocol().label()).put("hostIp", p.hostIp())
                    .put("hostPort", p.hostPort()).put("containerPort", p.containerPort());
        }
        ArrayNode ports = o.putArray("ports");
        for (PortBinding p : r.ports()) {
            ports.addObject().put("protocol", p.protocol().label()).put("hostIp", p.hostIp())
                    .put("hostPort", p.hostPort()).put("containerPort", p.containerPort());
        }
        o.put("network", r.network().text());
        o.set("aliases", strings(r.aliases()));
        ObjectNode limits = o.putObject("limits");
        r.limits().memoryBytes().ifPresent(v -> limits.put("memory", v));
        r.limits().cpus().ifPresent(v -> limits.put("cpus", v));
        r.limits().pids().ifPresent(v -> limits.put("pids", v));
        o.put("autoRemove", r.autoRemove());
        o.put("detached", r.detached());
        o.put("init", r.init());
        o.put("stopTimeoutMillis", r.stopTimeout().toMillis());
        o.put("created", r.created().toString());
        o.put("status", r.status().label());
        r.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
        r.finishedAt().ifPresent(t -> o.put("finishedAt", t.toString()));
        r.exitCode().ifPresent(c -> o.put("exitCode", c));
        o.put("oomKilled", r.oomKilled());
        r.ownerPid().ifPresent(p -> o.put("ownerPid", p));
        r.ownerStart().ifPresent(t -> o.put("ownerStart", t.toString()));
        r.pid().ifPresent(p -> o.put("pid", p));
        r.pidStart().ifPresent(t -> o.put("pidStart", t.toString()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the record of container " + r.id(), e);
        }
    }

    static ContainerRecord read(byte[] bytes) throws IOException {
        JsonNode o = JSON.readTree(bytes);
        if (o == null || !o.isObject()) {
            throw new IOException("not a JSON object");
        }
        int version = req(o, "version").asInt();
        if (version != VERSION) {
            throw new IOException("unsupported container record version " + version);
        }
        List<ContainerMount> mounts = new ArrayList<>();
        for (JsonNode m : req(o, "mounts")) {
            String type = text(m, "type");
            String target = text(m, "target");
            boolean ro = req(m, "readOnly").asBoolean();
            mounts.add(switch (type) {
                case "bind" -> new ContainerMount.Bind(Path.of(text(m, "source")), target, ro);
                case "tmpfs" -> new ContainerMount.Tmpfs(target, req(m, "size").asLong(), req(m, "mode").asInt());
                case "volume" -> new ContainerMount.Volume(text(m, "source"), target, ro);
                default -> throw new IOException("unknown mount type " + type);
            });
        }
        List<PortSpec> requested = new ArrayList<>();
        for (JsonNode p : req(o, "requestedPorts")) {
            requested.add(new PortSpec(PortProtocol.parse(text(p, "protocol")), text(p, "hostIp"),
                    req(p, "hostPort").asInt(), req(p, "containerPort").asInt()));
        }
        List<PortBinding> ports = new ArrayList<>();
        for (JsonNode p : req(o, "ports")) {
            ports.add(new PortBinding(PortProtocol.parse(text(p, "protocol")), text(p, "hostIp"),
                    req(p, "hostPort").asInt(), req(p, "containerPort").asInt()));
        }
        JsonNode l = req(o, "limits");
        ContainerLimits limits = new ContainerLimits(
                l.has("memory") ? OptionalLong.of(l.get("memory").asLong()) : OptionalLong.empty(),
                l.has("cpus") ? OptionalDouble.of(l.get("cpus").asDouble()) : OptionalDouble.empty(),
                l.has("pids") ? OptionalLong.of(l.get("pids").asLong()) : OptionalLong.empty());
        return new ContainerRecord(text(o, "id"), text(o, "name"), text(o, "imageId"), text(o, "imageRef"),
                text(o, "manifestDigest"), run(req(o, "run")),
                strings(req(o, "lowers")).stream().map(Path::of).toList(), mounts, requested, ports,
                NetworkMode.parse(text(o, "network")), strings(req(o, "aliases")), limits,
                req(o, "autoRemove").asBoolean(), req(o, "detached").asBoolean(), req(o, "init").asBoolean(),
                Duration.ofMillis(req(o, "stopTimeoutMillis").asLong()), Instant.parse(text(o, "created")),
                ContainerStatus.valueOf(text(o, "status").toUpperCase(java.util.Locale.ROOT)),
                optional(o, "startedAt", n -> Instant.parse(n.asText())),
                optional(o, "finishedAt", n -> Instant.parse(n.asText())),
                o.has("exitCode") ? OptionalInt.of(o.get("exitCode").asInt()) : OptionalInt.empty(),
                req(o, "oomKilled").asBoolean(),
                o.has("ownerPid") ? OptionalLong.of(o.get("ownerPid").asLong()) : OptionalLong.empty(),
                optional(o, "ownerStart", n -> Instant.parse(n.asText())),
                o.has("pid") ? OptionalLong.of(o.get("pid").asLong()) : OptionalLong.empty(),
                optional(o, "pidStart", n -> Instant.parse(n.asText())));
    }

    private static ObjectNode run(ConfigRun c) {
        ObjectNode o = JSON.createObjectNode();
        o.set("entrypoint", strings(c.entrypoint()));
        o.set("cmd", strings(c.cmd()));
        o.set("args", strings(c.args()));
        o.set("env", strings(c.env()));
        o.set("configEnv", strings(c.configEnv()));
        o.put("workdir", c.workdir());
        c.user().ifPresent(u -> o.put("user", u));
        o.put("hostname", c.hostname());
        o.put("stopSignal", c.stopSignal());
        o.set("exposedPorts", strings(new ArrayList<>(new java.util.TreeSet<>(c.exposedPorts()))));
        ObjectNode labels = o.putObject("labels");
        new java.util.TreeMap<>(c.labels()).forEach(labels::put);
        return o;
    }

    private static ConfigRun run(JsonNode o) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = req(o, "labels");
        for (var names = l.fieldNames(); names.hasNext();) {
            String key = names.next();
            labels.put(key, l.get(key).asText());
        }
        return new ConfigRun(strings(req(o, "entrypoint")), strings(req(o, "cmd")), strings(req(o, "args")),
                strings(req(o, "env")), strings(req(o, "configEnv")), text(o, "workdir"),
                optional(o, "user", JsonNode::asText), text(o, "hostname"), text(o, "stopSignal"),
                new LinkedHashSet<>(strings(req(o, "exposedPorts"))), labels);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonNode array) throws IOException {
        if (!array.isArray()) {
            throw new IOException("expected an array, got " + array);
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode req(JsonNode o, String field) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IOException("missing field \"" + field + "\"");
        }
        return n;
    }

    private static String text(JsonNode o, String field) throws IOException {
        return req(o, field).asText();
    }

    private static <T> Optional<T> optional(JsonNode o, String field, Function<JsonNode, T> f) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(f.apply(n));
    }
}
