package dev.stevedore.sandbox;

import dev.stevedore.posix.Syscalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link ChildJvm}: starts sandboxes in a busybox rootfs, prints what a
 * later JVM needs to find them as {@code key=value} lines, then either exits or waits to be
 * killed.
 *
 * <pre>
 * detached-httpd STATE_ROOT ROOTFS   a detached httpd (init mode) on an ephemeral 127.0.0.1 port; exits
 * attached-and-detached STATE_ROOT ROOTFS   an attached and a detached "sleep 1000"; waits to be killed
 * detached-under-subreaper STATE_ROOT ROOTFS   a detached "sleep 1000" whose shim this JVM adopts as child
 *     subreaper and never reaps (as a JVM that is PID 1 of a container does); waits to be killed
 * </pre>
 */
public final class ChildJvmMain {
    static final String PAGE = "<h1>detached</h1>\n";
    static final List<String> PATH_ENV = List.of("PATH=/usr/sbin:/usr/bin:/sbin:/bin");

    private ChildJvmMain() {}

    /**
     * @param args the mode, the state root and the rootfs
     * @throws Exception on any failure, which ends the JVM with a stack trace
     */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path stateRoot = Path.of(args[1]);
        Path rootfs = Path.of(args[2]);
        SandboxRuntime runtime = SandboxRuntime.create();
        switch (mode) {
            case "detached-httpd" -> {
                Path www = rootfs.resolve("www");
                Files.createDirectories(www);
                Files.writeString(www.resolve("index.html"), PAGE, StandardCharsets.UTF_8);
                Sandbox box = runtime.start(SandboxSpec.builder(stateRoot.resolve("detached"),
                                Rootfs.directory(rootfs),
                                ProcessSpec.of("sh", "-c", "echo started; exec httpd -f -p 80 -h /www").withEnv(PATH_ENV))
                        .init(true)
                        .detached(true)
                        .publish(PortMapping.tcp(0, 80).onHost("127.0.0.1"))
                        .build());
                print(box, "detached");
                System.out.println("port=" + box.ports().get(0).hostPort());
                box.close();
                runtime.close();
                System.out.println("ready");
                System.out.flush();
            }
            case "attached-and-detached" -> {
                Sandbox attached = runtime.start(sleeper(stateRoot.resolve("attached"), rootfs, false));
                print(attached, "attached");
                Sandbox detached = runtime.start(sleeper(stateRoot.resolve("detached"), rootfs, true));
                print(detached, "detached");
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE); // until the test kills this JVM
            }
            case "detached-under-subreaper" -> {
                Syscalls.linux().setChildSubreaper(true);
                Sandbox detached = runtime.start(sleeper(stateRoot.resolve("detached"), rootfs, true));
                print(detached, "detached");
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE); // until the test kills this JVM
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static SandboxSpec sleeper(Path stateDir, Path rootfs, boolean detached) {
        return SandboxSpec.builder(stateDir, Rootfs.directory(rootfs),
                ProcessSpec.of("sleep", "1000").withEnv(PATH_ENV)).init(true).detached(detached).build();
    }

    private static void print(Sandbox box, String name) {
        System.out.println(name + ".id=" + box.id());
        System.out.println(name + ".stateDir=" + box.stateDir());
        System.out.println(name + ".pid=" + box.pid());
        System.out.println(name + ".shimPid=" + box.shimPid());
    }
}
