package dev.stevedore;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A second JVM for the cross-JVM tests: opens an engine on the home it is given and acts on
 * containers, printing what it found on stdout.
 *
 * <pre>{@code java -cp <test classpath> dev.stevedore.ContainerChildMain <home> <action> <name> [image]}</pre>
 */
public final class ContainerChildMain {
    private ContainerChildMain() {}

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        String action = args[1];
        String name = args[2];
        Stevedore engine = Stevedore.builder().home(home).build();
        ContainerManager containers = engine.containers();
        switch (action) {
            case "inspect-and-remove" -> {
                Optional<Container> c = containers.get(name);
                System.out.println("found " + c.map(x -> x.info().status().label()).orElse("nothing"));
                System.out.println("logs " + c.map(Container::output).orElse("").trim());
                containers.remove(name, true);
                System.out.println("removed " + containers.get(name).isEmpty());
                engine.close();
            }
            case "run-detached" -> {
                containers.create(args[3]).name(name).detached(true).init(true)
                        .cmd("sh", "-c", "echo from child; sleep 60").waitingFor(Wait.forLog("from child")).start();
                System.out.println("started");
                engine.close(); // lets go of the detached container, which keeps running
            }
            case "run-attached-then-die" -> {
                containers.create(args[3]).name(name).init(true).cmd("sh", "-c", "echo attached; sleep 60")
                        .waitingFor(Wait.forLog("attached")).start();
                System.out.println("started");
                System.out.flush();
                Runtime.getRuntime().halt(3); // a crash: no close, no shutdown hook
            }
            case "run-attached-autoremove-then-die" -> {
                containers.create(args[3]).name(name).init(true).autoRemove(true).cmd("sh", "-c", "echo ephemeral; sleep 60")
                        .waitingFor(Wait.forLog("ephemeral")).start();
                System.out.println("started");
                System.out.flush();
                Runtime.getRuntime().halt(3); // a crash: no close, no shutdown hook
            }
            default -> throw new IllegalArgumentException(action);
        }
    }
}
