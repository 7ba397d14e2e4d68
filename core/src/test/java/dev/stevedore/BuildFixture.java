package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;

/** A container fixture with a build context directory and a listener that records events. */
abstract class BuildFixture extends ContainerFixture {
    @TempDir
    Path context;

    final Recorder events = new Recorder();

    void write(String rel, String text) throws IOException {
        Path p = context.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    BuildRequest build(String dockerfile) {
        return engine.images().build(context).dockerfileText(dockerfile).listener(events);
    }

    /** Runs {@code sh -c script} in the image and returns its output. */
    String run(Image image, String script) {
        try (Container c = containers.create(image).entrypoint("/bin/sh", "-c").cmd(script).user("0").start()) {
            ContainerExit exit = c.waitFor();
            return exit.exitCode() == 0 ? c.output() : "exit " + exit.exitCode() + ": " + c.output();
        }
    }

    /** Records the listener's events as text. */
    static final class Recorder implements BuildListener {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> cached = new CopyOnWriteArrayList<>();
        final List<String> output = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void warning(String message) {
            warnings.add(message);
        }

        @Override
        public void stepStarted(BuildStep step) {
            started.add(step.toString());
        }

        @Override
        public void stepCached(BuildStep step) {
            cached.add(step.toString());
        }

        @Override
        public void output(BuildStep step, String line) {
            output.add(step.label() + " " + line);
        }

        void clear() {
            started.clear();
            cached.clear();
            output.clear();
        }
    }
}
