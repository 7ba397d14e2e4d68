package dev.stevedore.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One running stevedore-init, seen from the JVM: its configuration goes in on stdin, its
 * events come out on stdout. Used for sandboxes and for execs into them.
 */
final class ShimSession {
    private static final int CMD_STDIN = 2, CMD_STDIN_CLOSE = 3, CMD_RESIZE = 4, DETACHED = 6;

    /**
     * What the shim reports once the workload runs.
     *
     * @param pid the workload's PID 1 (or exec'd process), host view
     * @param shimPid the supervising shim
     * @param dumpable whether the shim is dumpable (it never should be)
     * @param ports (protocol number, container port, host port) per published port
     */
    record Ready(long pid, long shimPid, boolean dumpable, List<int[]> ports) {}

    private final String id;
    private final ShimProcess process;
    private final EventReader events;
    private final OutputStream commands;
    final OutputBuffer stdout = new OutputBuffer();
    final OutputBuffer stderr = new OutputBuffer();
    final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile long daemonPid;
    private volatile Ready ready;

    ShimSession(String id, ShimProcess process) {
        this.id = id;
        this.process = process;
        this.events = new EventReader(process.getInputStream());
        this.commands = process.getOutputStream();
    }

    ShimProcess process() {
        return process;
    }

    /** The detached shim's pid, once it announced itself; 0 otherwise. */
    long daemonPid() {
        return daemonPid;
    }

    /** What the shim reported once the workload ran; empty before. */
    Optional<Ready> ready() {
        return Optional.ofNullable(ready);
    }

    /**
     * Sends the configuration and reads until the shim says the workload runs.
     *
     * @throws SandboxStartException when a step failed
     * @throws SandboxException when the shim vanished without a word
     */
    Ready start(byte[] configFrame) {
        try {
            commands.write(configFrame);
            commands.flush();
        } catch (IOException e) {
            throw lost("cannot send the configuration", e);
        }
        try {
            for (;;) {
                Optional<EventReader.Event> next = events.next();
                if (next.isEmpty()) {
                    throw lost("stevedore-init exited before the sandbox started", null);
                }
                EventReader.Event e = next.get();
                switch (e.type()) {
                    case EventReader.READY -> {
                        List<int[]> ports = new ArrayList<>();
                        for (int at = 12; at + 12 <= e.payload().length; at += 12) {
                            ports.add(new int[] {e.u32(at), e.u32(at + 4), e.u32(at + 8)});
                        }
                        ready = new Ready(Integer.toUnsignedLong(e.u32(0)), Integer.toUnsignedLong(e.u32(4)),
                                e.u32(8) != 0, List.copyOf(ports));
                        return ready;
                    }
                    case EventReader.ERROR -> {
                        String detail = new String(Arrays.copyOfRange(e.payload(), 8, e.payload().length),
                                StandardCharsets.UTF_8);
                        throw new SandboxStartException(id, SandboxStep.of(e.u32(0)), e.u32(4), detail);
                    }
                    case DETACHED -> daemonPid = Integer.toUnsignedLong(e.u32(0));
                    case EventReader.STDOUT -> stdout.append(e.payload());
                    case EventReader.STDERR -> stderr.append(e.payload());
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw lost("cannot read from stevedore-init", e);
        }
    }

    /** Reads output and the exit status on {@code io} until the shim closes its end. */
    void pump(Executor io, OutputListener listener, Runnable onLost) {
        io.execute(() -> {
            try {
                for (;;) {
                    Optional<EventReader.Event> next = events.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    EventReader.Event e = next.get();
                    switch (e.type()) {
                        case EventReader.STDOUT -> {
                            stdout.append(e.payload());
                            listener.onOutput(OutputListener.Stream.STDOUT, e.payload());
                        }
                        case EventReader.STDERR -> {
                            stderr.append(e.payload());
                            listener.onOutput(OutputListener.Stream.STDERR, e.payload());
                        }
                        case EventReader.EXIT -> {
                            int signal = e.u32(4);
                            exit.complete(new ExitStatus(e.u32(0),
                                    signal == 0 ? OptionalInt.empty() : OptionalInt.of(signal), e.u32(8) != 0,
                                    Optional.empty()));
                        }
                        default -> { }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the shim is gone mid-frame; fall through to the lost handler
            }
            if (!exit.isDone()) {
                onLost.run();
            }
        });
    }

    /** Passes bytes to the workload's stdin. */
    synchronized void writeStdin(byte[] data, int off, int len) throws IOException {
        for (int at = off; at < off + len; at += 65536) {
            int n = Math.min(65536, off + len - at);
            byte[] frame = new byte[5 + n];
            frame[0] = CMD_STDIN;
            ConfigWriter.putLe32(frame, 1, n);
            System.arraycopy(data, at, frame, 5, n);
            commands.write(frame);
        }
        commands.flush();
    }

    /** Closes the workload's stdin (sends ^D on a terminal). */
    synchronized void closeStdin() throws IOException {
        commands.write(new byte[] {CMD_STDIN_CLOSE, 0, 0, 0, 0});
        commands.flush();
    }

    /** Resizes the workload's terminal. */
    synchronized void resize(int rows, int cols) throws IOException {
        commands.write(new byte[] {CMD_RESIZE, 4, 0, 0, 0, (byte) rows, (byte) (rows >>> 8), (byte) cols,
                (byte) (cols >>> 8)});
        commands.flush();
    }

    /** Hangs up on the shim: an attached workload is killed by it. */
    void hangUp() {
        try {
            commands.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** An OutputStream onto the workload's stdin. */
    OutputStream stdinStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writeStdin(b, off, len);
            }

            @Override
            public void close() throws IOException {
                closeStdin();
            }
        };
    }

    private SandboxException lost(String what, Exception cause) {
        process.destroyForcibly();
        return new SandboxException("sandbox " + id + ": " + what, cause);
    }
}
