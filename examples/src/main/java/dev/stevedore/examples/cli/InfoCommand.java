package dev.stevedore.examples.cli;

import dev.stevedore.ContainerInfo;
import dev.stevedore.ContainerStatus;
import dev.stevedore.Stevedore;
import dev.stevedore.examples.Preflight;
import dev.stevedore.sandbox.CgroupLayout;
import dev.stevedore.sandbox.HostFeatures;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stevedore info}: the engine's store, the host's kernel, cgroups and namespaces, counts. */
@Command(name = "info", description = "Display system-wide information.")
final class InfoCommand extends CliCommand {
    @Option(names = "--preflight", description = "Run the preflight check (sandbox, registry, skopeo) instead.")
    boolean preflight;

    @Override
    int execute() throws Exception {
        if (preflight) {
            Preflight.main(new String[0]);
            return 0;
        }
        HostFeatures host = HostFeatures.detect();
        Stevedore engine = ctx().engine();
        List<ContainerInfo> containers = engine.containers().list(true);
        out().println("Client: stevedore " + VersionCommand.version() + " (no daemon)");
        out().println();
        out().println("Engine:");
        out().println(" Containers: " + containers.size());
        out().println("  Running: " + count(containers, ContainerStatus.RUNNING));
        out().println("  Created: " + count(containers, ContainerStatus.CREATED));
        out().println("  Stopped: " + count(containers, ContainerStatus.EXITED));
        out().println(" Images: " + engine.images().list().size());
        out().println(" Storage Driver: " + (host.overlay() ? "overlay" : "copy (overlayfs unavailable)"));
        out().println(" Stevedore Root Dir: " + engine.home());
        out().println(" Store: " + engine.home().resolve("store") + " (OCI image layout)");
        CgroupLayout cgroups = host.cgroups();
        out().println(" Cgroup Layout: " + cgroups.mode().name().toLowerCase(Locale.ROOT)
                + cgroups.unifiedMount().map(p -> " (cgroup2 at " + p + ")").orElse(""));
        out().println("  Controllers on v1: " + (cgroups.v1Controllers().isEmpty() ? "-"
                : String.join(" ", cgroups.v1Controllers().keySet().stream().sorted().toList())));
        out().println("  Controllers on v2: " + (cgroups.v2Controllers().isEmpty() ? "-"
                : String.join(" ", cgroups.v2Controllers().stream().sorted().toList())));
        out().println(" Namespaces: " + String.join(" ", host.namespaces().stream().sorted().toList()));
        out().println(" Kernel Version: " + host.kernelRelease());
        out().println(" Architecture: " + host.architecture());
        out().println(" Root: " + (host.root() ? "yes" : "no (running containers requires root in 0.1)"));
        out().println(" Java: " + System.getProperty("java.version"));
        return 0;
    }

    private static long count(List<ContainerInfo> containers, ContainerStatus status) {
        return containers.stream().filter(c -> c.status() == status).count();
    }
}
