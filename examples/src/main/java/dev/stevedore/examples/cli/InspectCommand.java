package dev.stevedore.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerMount;
import dev.stevedore.ContainerStatus;
import dev.stevedore.Image;
import dev.stevedore.PortBinding;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stevedore inspect}: containers and images as JSON, in Docker's field names where they
 * exist. {@code -f} takes {@code {{.Path.To.Field}}} and {@code {{json .Path}}}.
 */
@Command(name = "inspect", description = "Return low-level information on containers or images.")
final class InspectCommand extends CliCommand {
    /** Jackson, loaded only when a command needs it (keeps {@code stevedore version} fast). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(json\\s+)?\\.([A-Za-z0-9_.]*)\\s*}}");

    @Option(names = {"-f", "--format"}, description = "Format output with {{.Path}} or {{json .Path}}.")
    String format;
    @Option(names = "--type", description = "container or image (default: either, containers first).")
    String type;
    @Parameters(paramLabel = "NAME|ID", arity = "1..*")
    List<String> names;

    @Override
    int execute() throws IOException {
        ArrayNode all = Json.MAPPER.createArrayNode();
        int code = 0;
        for (String name : names) {
            Optional<JsonNode> node = lookup(name);
            if (node.isEmpty()) {
                err().println("stevedore: Error: No such object: " + name);
                code = 1;
                continue;
            }
            all.add(node.get());
        }
        if (format == null) {
            out().println(Json.MAPPER.writeValueAsString(all));
        } else {
            for (JsonNode n : all) {
                out().println(render(format, n));
            }
        }
        return code;
    }

    private Optional<JsonNode> lookup(String name) {
        if (type == null || type.equals("container")) {
            var c = ctx().engine().containers().get(name);
            if (c.isPresent()) {
                return Optional.of(container(c.get().info()));
            }
        }
        if (type == null || type.equals("image")) {
            return ctx().engine().images().find(name).map(InspectCommand::image);
        }
        return Optional.empty();
    }

    static String render(String format, JsonNode node) throws IOException {
        String f = format.replace("\\t", "\t").replace("\\n", "\n");
        Matcher m = ACTION.matcher(f);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            b.append(f, last, m.start());
            JsonNode v = node;
            if (!m.group(2).isEmpty()) {
                for (String key : m.group(2).split("\\.")) {
                    v = v.path(key);
                }
            }
            if (v.isMissingNode()) {
                throw new OutputFormat.FormatException("template: no field ." + m.group(2) + " in the inspected object");
            }
            b.append(m.group(1) != null || v.isContainerNode() ? new ObjectMapper().writeValueAsString(v) : v.asText());
            last = m.end();
        }
        String rest = f.substring(last);
        if (rest.contains("{{")) {
            throw new OutputFormat.FormatException("unsupported template in '" + format
                    + "': inspect supports {{.Path.To.Field}} and {{json .Path}}");
        }
        return b.append(rest).toString();
    }

    static ObjectNode container(ContainerInfo c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("Id", c.id());
        n.put("Created", c.created().toString());
        n.put("Path", c.command().isEmpty() ? "" : c.command().get(0));
        ArrayNode args = n.putArray("Args");
        c.command().stream().skip(1).forEach(args::add);
        ObjectNode state = n.putObject("State");
        state.put("Status", c.status().label());
        state.put("Running", c.status() == ContainerStatus.RUNNING);
        state.put("ExitCode", c.exitCode().orElse(0));
        state.put("StartedAt", c.startedAt().map(Object::toString).orElse("0001-01-01T00:00:00Z"));
        state.put("FinishedAt", c.finishedAt().map(Object::toString).orElse("0001-01-01T00:00:00Z"));
        n.put("Image", c.imageId());
        n.put("Name", "/" + c.name());
        ObjectNode config = n.putObject("Config");
        config.put("Image", c.image());
        ObjectNode labels = config.putObject("Labels");
        c.labels().forEach(labels::put);
        ArrayNode exposed = config.putArray("ExposedPorts");
        c.exposedPorts().stream().sorted().forEach(exposed::add);
        ObjectNode host = n.putObject("HostConfig");
        host.put("NetworkMode", c.network().toString());
        host.put("AutoRemove", c.autoRemove());
        ObjectNode ports = n.putObject("NetworkSettings").putObject("Ports");
        for (PortBinding p : c.ports()) {
            ArrayNode list = ports.withArray(p.containerPort() + "/" + p.protocol().label());
            ObjectNode binding = list.addObject();
            binding.put("HostIp", p.hostIp());
            binding.put("HostPort", String.valueOf(p.hostPort()));
        }
        ArrayNode mounts = n.putArray("Mounts");
        for (ContainerMount m : c.mounts()) {
            ObjectNode o = mounts.addObject();
            if (m instanceof ContainerMount.Bind b) {
                o.put("Type", "bind");
                o.put("Source", b.source().toString());
            } else if (m instanceof ContainerMount.Volume v) {
                o.put("Type", "volume");
                o.put("Name", v.name());
            } else {
                o.put("Type", "tmpfs");
            }
            o.put("Destination", m.target());
            o.put("RW", !m.isReadOnly());
        }
        n.put("Detached", c.detached());
        return n;
    }

    static ObjectNode image(Image i) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("Id", i.id());
        ArrayNode tags = n.putArray("RepoTags");
        ArrayNode digests = n.putArray("RepoDigests");
        for (String r : i.references()) {
            (r.contains("@") ? digests : tags).add(r);
        }
        n.put("ManifestDigest", i.manifestDigest().toString());
        n.put("Created", i.config().created().map(Object::toString).orElse(""));
        n.put("Size", i.size());
        try {
            JsonNode config = Json.MAPPER.readTree(i.config().toJson());
            n.set("Config", config.path("config"));
            n.put("Architecture", config.path("architecture").asText());
            n.put("Os", config.path("os").asText());
            n.set("RootFS", config.path("rootfs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the config of " + i.id(), e);
        }
        return n;
    }
}
