package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a later JVM needs to find a sandbox again, in {@code <state>/state.json}: written as
 * "starting" before the shim is spawned (so a crash mid-start can be swept) and as
 * "running" once it is ready.
 *
 * @param id the sandbox's id
 * @param phase {@code starting} or {@code running}
 * @param detached whether it outlives its JVM
 * @param pid the host pid of its PID 1 (0 while starting)
 * @param shimPid the shim's pid (0 while starting)
 * @param shimStartTicks the shim's start time in clock ticks since boot (field 22 of /proc/pid/stat), to detect pid reuse
 * @param cgroups the cgroup directories made for it
 * @param ports its published ports
 * @param created when it was created
 * @param logMaxFiles how many log files the shim keeps
 */
record SandboxState(String id, String phase, boolean detached, long pid, long shimPid, long shimStartTicks,
        List<Path> cgroups, List<PublishedPort> ports, Instant created, int logMaxFiles) {
    static final String FILE = "state.json";

    SandboxState {
        cgroups = List.copyOf(cgroups);
        ports = List.copyOf(ports);
    }

    SandboxState running(long newPid, long newShimPid, long ticks, List<PublishedPort> newPorts) {
        return new SandboxState(id, "running", detached, newPid, newShimPid, ticks, cgroups, newPorts, created, logMaxFiles);
    }

    void write(Path dir) {
        StringBuilder j = new StringBuilder("{");
        j.append("\"id\":").append(quote(id));
        j.append(",\"phase\":").append(quote(phase));
        j.append(",\"detached\":").append(detached);
        j.append(",\"pid\":").append(pid);
        j.append(",\"shimPid\":").append(shimPid);
        j.append(",\"shimStartTicks\":").append(shimStartTicks);
        j.append(",\"cgroups\":[");
        for (int i = 0; i < cgroups.size(); i++) {
            j.append(i > 0 ? "," : "").append(quote(cgroups.get(i).toString()));
        }
        j.append("],\"ports\":[");
        for (int i = 0; i < ports.size(); i++) {
            PublishedPort p = ports.get(i);
            j.append(i > 0 ? "," : "").append("{\"protocol\":").append(quote(p.protocol().name()))
                    .append(",\"hostIp\":").append(quote(p.hostIp()))
                    .append(",\"hostPort\":").append(p.hostPort())
                    .append(",\"containerPort\":").append(p.containerPort()).append('}');
        }
        j.append("],\"created\":").append(quote(created.toString()));
        j.append(",\"logMaxFiles\":").append(logMaxFiles).append("}\n");
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.writeString(tmp, j, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot write " + dir.resolve(FILE), e);
        }
    }

    static Optional<SandboxState> read(Path dir) {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file, e);
        }
        try {
            Json.Obj o = Json.parse(text).asObject();
            List<Path> cgroups = new ArrayList<>();
            for (Json c : field(o, "cgroups").asArray().items()) {
                cgroups.add(Path.of(c.asString()));
            }
            List<PublishedPort> ports = new ArrayList<>();
            for (Json p : field(o, "ports").asArray().items()) {
                Json.Obj po = p.asObject();
                ports.add(new PublishedPort(PortMapping.Protocol.valueOf(field(po, "protocol").asString()),
                        field(po, "hostIp").asString(), (int) field(po, "hostPort").asNumber().longValueExact(),
                        (int) field(po, "containerPort").asNumber().longValueExact()));
            }
            return Optional.of(new SandboxState(field(o, "id").asString(), field(o, "phase").asString(),
                    field(o, "detached").asBoolean(), field(o, "pid").asNumber().longValueExact(),
                    field(o, "shimPid").asNumber().longValueExact(),
                    field(o, "shimStartTicks").asNumber().longValueExact(), cgroups, ports,
                    Instant.parse(field(o, "created").asString()),
                    (int) field(o, "logMaxFiles").asNumber().longValueExact()));
        } catch (RuntimeException e) {
            throw new SandboxException("malformed sandbox state " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code exit.json}, written by the shim when the workload ended. */
    static Optional<ExitStatus> readExit(Path dir) {
        Path file = dir.resolve("exit.json");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SandboxException("cannot read " + file, e);
        }
        try {
            Json.Obj o = Json.parse(text).asObject();
            int signal = (int) field(o, "signal").asNumber().longValueExact();
            return Optional.of(new ExitStatus((int) field(o, "exitCode").asNumber().longValueExact(),
                    signal == 0 ? OptionalInt.empty() : OptionalInt.of(signal), field(o, "oomKilled").asBoolean(),
                    o.get("finishedAt").map(f -> Instant.parse(f.asString()))));
        } catch (RuntimeException e) {
            throw new SandboxException("malformed exit status " + file + ": " + e.getMessage(), e);
        }
    }

    private static Json field(Json.Obj o, String name) {
        return o.get(name).orElseThrow(() -> new SandboxException("missing field \"" + name + "\""));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
