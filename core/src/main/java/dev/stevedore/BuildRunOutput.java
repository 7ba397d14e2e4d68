package dev.stevedore;

import dev.stevedore.sandbox.OutputListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A RUN's output cut into lines for the listener; keeps the last lines for the error message. */
final class BuildRunOutput implements OutputListener {
    private static final int KEEP = 10;

    private final BuildListener listener;
    private final BuildStep step;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Deque<String> last = new ArrayDeque<>();

    BuildRunOutput(BuildListener listener, BuildStep step) {
        this.listener = listener;
        this.step = step;
    }

    @Override
    public synchronized void onOutput(Stream stream, byte[] bytes) {
        ByteArrayOutputStream buffer = stream == Stream.STDERR ? stderr : stdout;
        for (byte b : bytes) {
            if (b == '\n') {
                line(buffer);
            } else {
                buffer.write(b);
            }
        }
    }

    synchronized void flush() {
        if (stdout.size() > 0) {
            line(stdout);
        }
        if (stderr.size() > 0) {
            line(stderr);
        }
    }

    synchronized List<String> last() {
        return List.copyOf(last);
    }

    private void line(ByteArrayOutputStream buffer) {
        String line = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        if (last.size() == KEEP) {
            last.removeFirst();
        }
        last.addLast(line);
        listener.output(step, line);
    }
}
