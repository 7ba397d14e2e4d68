package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostFeaturesTest {
    @Test
    void readsTheRunningKernelAndNamespaces() throws Exception {
        // when
        HostFeatures host = HostFeatures.detect();

        // then
        assertThat(host.kernelRelease()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        assertThat(host.namespaces()).contains("mnt", "pid", "net");
        assertThat(host.missingNamespaces()).isEmpty();
        assertThat(host.architecture()).isNotBlank();
        assertThat(host.overlay()).isEqualTo(Files.readString(Path.of("/proc/filesystems")).contains("\toverlay"));
    }
}
