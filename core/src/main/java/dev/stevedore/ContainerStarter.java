package dev.stevedore;

import dev.stevedore.sandbox.Limits;
import dev.stevedore.sandbox.Mount;
import dev.stevedore.sandbox.Network;
import dev.stevedore.sandbox.PortMapping;
import dev.stevedore.sandbox.ProcessSpec;
import dev.stevedore.sandbox.PublishedPort;
import dev.stevedore.sandbox.Rootfs;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import dev.stevedore.sandbox.SandboxRuntime;
import dev.stevedore.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a created container: maps its record to a {@link SandboxSpec} (overlay of the image's
 * snapshots under the container's upper directory, the merged process, mounts, limits, ports,
 * network) and starts the sandbox. On a named network the first member makes the namespace and
 * the others join it, under the networks lock so that two first members cannot race.
 */
final class ContainerStarter {
    private final ContainerManager manager;

    ContainerStarter(ContainerManager manager) {
        this.manager = manager;
    }

    /** A started sandbox, the record written for it and that record's bytes on disk. */
    record Started(Sandbox sandbox, ContainerRecord record, byte[] written) {
    }

    /** Starts the sandbox and records the container as running. */
    Started start(ContainerRecord record) {
        SandboxRuntime runtime = manager.engine().sandboxRuntime();
        if (record.network() instanceof NetworkMode.Named n) {
            return manager.networks().lock().locked(() -> startOnNetwork(runtime, record, n.name()));
        }
        Network network;
        if (record.network() instanceof NetworkMode.Joined j) {
            network = Network.join(joinedNamespace(record, j.container()));
        } else if (record.network() instanceof NetworkMode.Host) {
            network = Network.host();
        } else {
            network = Network.none();
        }
        return launch(runtime, record, network, Map.of());
    }

    private Started startOnNetwork(SandboxRuntime runtime, ContainerRecord record, String network) {
        List<ContainerRecord> members = manager.runningOn(network);
        Network joined = members.stream().filter(m -> ContainerProcs.alive(m.pid(), m.pidStart())).findFirst()
                .map(m -> Network.join(namespace(m)))
                .orElse(Network.none());
        List<ContainerRecord> all = new ArrayList<>(members);
        all.add(record);
        Started started = launch(runtime, record, joined, NetworkHosts.entries(all));
        List<ContainerRecord> after = new ArrayList<>(members);
        after.add(started.record());
        NetworkHosts.rewrite(after, manager.records()::stateDir);
        return started;
    }

    private Path joinedNamespace(ContainerRecord record, String other) {
        ContainerRecord target = manager.records().find(other)
                .orElseThrow(() -> new ContainerStartException(record.name(), "cannot join the network of container "
                        + other + ": no such container", null));
        ContainerRecord current = manager.refresh(target).orElse(target);
        if (current.status() != ContainerStatus.RUNNING || !ContainerProcs.alive(current.pid(), current.pidStart())) {
            throw new ContainerStartException(record.name(), "cannot join the network of container " + other
                    + ": it is not running", null);
        }
        return namespace(current);
    }

    private static Path namespace(ContainerRecord member) {
        return Path.of("/proc", Long.toString(member.pid().getAsLong()), "ns", "net");
    }

    private Started launch(SandboxRuntime runtime, ContainerRecord record, Network network,
            Map<String, String> extraHosts) {
        ContainerRecords records = manager.records();
        ConfigRun run = record.run();
        ProcessSpec process = ProcessSpec.of(run.args()).withEnv(run.env()).withCwd(run.workdir());
        if (run.user().isPresent()) {
            process = process.withUser(run.user().get());
        }
        SandboxSpec.Builder spec = SandboxSpec.builder(records.stateDir(record.id()),
                        Rootfs.overlay(record.lowers(), records.upperDir(record.id()), records.workDir(record.id())),
                        process)
                .id(record.id())
                .hostname(run.hostname())
                .network(network)
                .limits(limits(record.limits()))
                .init(record.init())
                .detached(record.detached());
        for (Mount m : mounts(record)) {
            spec.mount(m);
        }
        for (PortSpec p : record.requestedPorts()) {
            spec.publish(new PortMapping(p.protocol() == PortProtocol.UDP ? PortMapping.Protocol.UDP
                    : PortMapping.Protocol.TCP, p.hostIp(), p.hostPort(), p.containerPort()));
        }
        extraHosts.forEach(spec::extraHost);
        Sandbox sandbox;
        try {
            sandbox = runtime.start(spec.build());
        } catch (SandboxException | IllegalArgumentException e) {
            throw new ContainerStartException(record.name(), "cannot start container " + ContainerId.shortOf(record.id())
                    + " (" + record.name() + ") of " + record.imageRef() + ": " + e.getMessage(), e);
        }
        try {
            List<PortBinding> ports = new ArrayList<>();
            for (PublishedPort p : sandbox.ports()) {
                ports.add(new PortBinding(p.protocol() == PortMapping.Protocol.UDP ? PortProtocol.UDP : PortProtocol.TCP,
                        p.hostIp(), p.hostPort(), p.containerPort()));
            }
            ContainerRecord running = record.running(ports, Instant.now(), ContainerProcs.selfPid(),
                    ContainerProcs.selfStart(), sandbox.pid(), ContainerProcs.startOf(sandbox.pid()));
            byte[] written = records.lock().locked(() -> records.write(running));
            return new Started(sandbox, running, written);
        } catch (RuntimeException e) {
            try {
                sandbox.remove();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private List<Mount> mounts(ContainerRecord record) {
        List<Mount> out = new ArrayList<>();
        for (ContainerMount m : record.mounts()) {
            Mount mount;
            if (m instanceof ContainerMount.Bind b) {
                mount = Mount.bind(b.source(), b.target());
            } else if (m instanceof ContainerMount.Tmpfs t) {
                mount = Mount.tmpfs(t.target(), t.sizeBytes(), t.mode());
            } else {
                ContainerMount.Volume v = (ContainerMount.Volume) m;
                mount = Mount.bind(manager.volumes().dataDir(v.name()), v.target());
            }
            out.add(m.isReadOnly() ? mount.asReadOnly() : mount);
        }
        return out;
    }

    private static Limits limits(ContainerLimits l) {
        Limits.Builder b = Limits.builder();
        l.memoryBytes().ifPresent(b::memoryBytes);
        l.cpus().ifPresent(b::cpus);
        l.pids().ifPresent(b::pids);
        return b.build();
    }
}
