package dev.stevedore.examples.scenarios;

import dev.stevedore.Container;
import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.examples.Seeds;

/** Change a container and commit the change as a new image ({@code docker commit}). */
public final class CommitChange {
    private CommitChange() {}

    /**
     * Writes a file in one container, commits it, and reads it back from the new image.
     *
     * @param engine the engine
     * @return what a container of the committed image printed
     */
    public static String run(Stevedore engine) {
        Seeds.busybox(engine);
        Image committed;
        try (Container c = engine.containers().create("busybox")
                .cmd("sh", "-c", "echo 'made in a container' > /note.txt")
                .start()) {
            c.waitFor();                                         // the change is in its upper layer
            committed = c.commit("busybox-with-note:1");          // docker commit c busybox-with-note:1
        }
        try (Container check = engine.containers().create(committed).cmd("cat", "/note.txt").start()) {
            check.waitFor();
            return check.output();                               // "made in a container\n"
        }
    }

    /**
     * Runs the example on the default engine.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.print(run(Stevedore.local()));
    }
}
