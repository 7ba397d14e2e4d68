package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Host processes of containers: liveness checks that survive pid reuse, and listening ports from /proc. */
final class ContainerProcs {
    private ContainerProcs() {}

    /** The start time of a live process, to tell it from a later process with the same pid. */
    static Optional<Instant> startOf(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(h -> h.info().startInstant());
    }

    /** Whether the process recorded as {@code pid} (started at {@code start}) still runs. */
    static boolean alive(OptionalLong pid, Optional<Instant> start) {
        if (pid.isEmpty()) {
            return false;
        }
        Optional<Instant> now = startOf(pid.getAsLong());
        return now.isPresent() && (start.isEmpty() || now.equals(start));
    }

    /** This JVM's pid and start time. */
    static long selfPid() {
        return Self.PID;
    }

    static Optional<Instant> selfStart() {
        return Self.START;
    }

    /** This JVM's pid and start time never change: looked up once. */
    private static final class Self {
        static final long PID = ProcessHandle.current().pid();
        static final Optional<Instant> START = ProcessHandle.current().info().startInstant();

        private Self() {}
    }

    /** The TCP ports in LISTEN state in the network namespace of {@code pid}. */
    static Set<Integer> listeningPorts(long pid) {
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue;
            }
            ports.addAll(parseListening(lines));
        }
        return Set.copyOf(ports);
    }

    /** Parses {@code /proc/net/tcp}: the local port of every socket whose state is 0A (LISTEN). */
    static Set<Integer> parseListening(List<String> lines) {
        Set<Integer> ports = new HashSet<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[3].equals("0A")) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                ports.add(Integer.parseInt(f[1].substring(colon + 1), 16));
            } catch (NumberFormatException e) {
                // not a socket line
            }
        }
        return ports;
    }
}
