package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stevedore.oci.JsonTrees;
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

/** {@link ContainerRecord} to JSON and back, field by field (no reflection, no tree to write), version 1. */
final class ContainerRecordJson {
    private static final int VERSION = 1;

    private ContainerRecordJson() {}

    /** The record as JSON, written field by field (it is written at every create and start). */
    static byte[] write(ContainerRecord r) {
        JsonText o = new JsonText().beginObject();
        o.field("version").value(VERSION);
        o.field("id").value(r.id());
        o.field("name").value(r.name());
        o.field("imageId").value(r.imageId());
        o.field("imageRef").value(r.imageRef());
        o.field("manifestDigest").value(r.manifestDigest());
        run(o.field("run"), r.run());
        o.field("lowers").beginArray();
        for (Path lower : r.lowers()) {
            o.value(lower.toString());
        }
        o.endArray();
        o.field("mounts").beginArray();
        for (ContainerMount m : r.mounts()) {
            o.beginObject();
            o.field("target").value(m.target());
            o.field("readOnly").value(m.isReadOnly());
            if (m instanceof ContainerMount.Bind b) {
                o.field("type").value("bind").field("source").value(b.source().toString());
            } else if (m instanceof ContainerMount.Tmpfs t) {
                o.field("type").value("tmpfs").field("size").value(t.sizeBytes()).field("mode").value(t.mode());
            } else if (m instanceof ContainerMount.Volume v) {
                o.field("type").value("volume").field("source").value(v.name());
            }
            o.endObject();
        }
        o.endArray();
        o.field("requestedPorts").beginArray();
        for (PortSpec p : r.requestedPorts()) {
            o.beginObject().field("protocol").value(p.protocol().label()).field("hostIp").value(p.hostIp())
                    .field("hostPort").value(p.hostPort()).field("containerPort").value(p.containerPort()).endObject();
        }
        o.endArray();
        o.field("ports").beginArray();
        for (PortBinding p : r.ports()) {
            o.beginObject().field("protocol").value(p.protocol().label()).field("hostIp").value(p.hostIp())
                    .field("hostPort").value(p.hostPort()).field("containerPort").value(p.containerPort()).endObject();
        }
        o.endArray();
        o.field("network").value(r.network().text());
        o.field("aliases").strings(r.aliases());
        o.field("limits").beginObject();
        r.limits().memoryBytes().ifPresent(v -> o.field("memory").value(v));
        r.limits().cpus().ifPresent(v -> o.field("cpus").value(v));
        r.limits().pids().ifPresent(v -> o.field("pids").value(v));
        o.endObject();
        o.field("autoRemove").value(r.autoRemove());
        o.field("detached").value(r.detached());
        o.field("init").value(r.init());
        o.field("stopTimeoutMillis").value(r.stopTimeout().toMillis());
        o.field("created").value(r.created().toString());
        o.field("status").value(r.status().label());
        r.startedAt().ifPresent(t -> o.field("startedAt").value(t.toString()));
        r.finishedAt().ifPresent(t -> o.field("finishedAt").value(t.toString()));
        r.exitCode().ifPresent(c -> o.field("exitCode").value(c));
        o.field("oomKilled").value(r.oomKilled());
        r.ownerPid().ifPresent(p -> o.field("ownerPid").value(p));
        r.ownerStart().ifPresent(t -> o.field("ownerStart").value(t.toString()));
        r.pid().ifPresent(p -> o.field("pid").value(p));
        r.pidStart().ifPresent(t -> o.field("pidStart").value(t.toString()));
        return o.endObject().bytes();
    }

    static ContainerRecord read(byte[] bytes) throws IOException {
        JsonNode o = JsonTrees.read(bytes, JsonTrees.Reading.LENIENT);
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

    private static void run(JsonText o, ConfigRun c) {
        o.beginObject();
        o.field("entrypoint").strings(c.entrypoint());
        o.field("cmd").strings(c.cmd());
        o.field("args").strings(c.args());
        o.field("env").strings(c.env());
        o.field("configEnv").strings(c.configEnv());
        o.field("workdir").value(c.workdir());
        c.user().ifPresent(u -> o.field("user").value(u));
        o.field("hostname").value(c.hostname());
        o.field("stopSignal").value(c.stopSignal());
        o.field("exposedPorts").strings(new java.util.TreeSet<>(c.exposedPorts()));
        o.field("labels").beginObject();
        new java.util.TreeMap<>(c.labels()).forEach((k, v) -> o.field(k).value(v));
        o.endObject();
        o.endObject();
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
