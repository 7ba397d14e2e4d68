package dev.stevedore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A {@link WaitTarget} whose logs, ports and exec answers a test scripts. */
final class FakeWaitTarget implements WaitTarget {
    final List<LogLine> logs = new ArrayList<>();
    final Set<Integer> listening = ConcurrentHashMap.newKeySet();
    final Map<Integer, Integer> published = new ConcurrentHashMap<>();
    Optional<ContainerExit> exit = Optional.empty();
    Function<ExecRequest, ExecResult> exec = r -> new ExecResult(1, "", "not yet");
    int execCalls;

    void log(String text) {
        logs.add(new LogLine(LogLine.Stream.STDOUT, Instant.EPOCH, text + "\n"));
    }

    @Override
    public String id() {
        return "f".repeat(64);
    }

    @Override
    public List<LogLine> logs() {
        return List.copyOf(logs);
    }

    @Override
    public Optional<ContainerExit> exitStatus() {
        return exit;
    }

    @Override
    public Set<Integer> listeningPorts() {
        return Set.copyOf(listening);
    }

    @Override
    public int mappedPort(int containerPort) {
        Integer p = published.get(containerPort);
        if (p == null) {
            throw new IllegalArgumentException("container port " + containerPort + " is not published");
        }
        return p;
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        execCalls++;
        return exec.apply(request);
    }
}
