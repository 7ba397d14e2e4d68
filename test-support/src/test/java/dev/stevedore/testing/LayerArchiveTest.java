package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LayerArchiveTest {
    private static byte[] tar;
    private static List<LayerContents.Entry> entries;

    @BeforeAll
    static void writeTheBusyboxLayer() throws IOException {
        tar = LayerArchive.tar(BusyboxTree.entries(), BusyboxImage.CREATED);
        entries = LayerContents.entries(tar);
    }

    @Test
    void entriesAreSortedByName() {
        // when
        List<String> names = entries.stream().map(LayerContents.Entry::name).toList();

        // then
        assertThat(names).isSortedAccordingTo(Comparator.comparing(name -> name.replaceFirst("/$", "")));
        assertThat(names).startsWith("bin/", "bin/[", "bin/awk").contains("bin/busybox", "etc/passwd", "tmp/");
    }

    @Test
    void everyEntryHasTheFixedTimeAndNoOwnerNames() {
        // when / then
        for (LayerContents.Entry entry : entries) {
            assertThat(entry.header().getLastModifiedTime().toInstant()).as(entry.name())
                    .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
            assertThat(entry.header().getUserName()).as(entry.name()).isEmpty();
            assertThat(entry.header().getGroupName()).as(entry.name()).isEmpty();
        }
    }

    @Test
    void onlyHomeAppIsNotOwnedByRoot() {
        // when
        List<String> notRoot = entries.stream()
                .filter(e -> e.header().getLongUserId() != 0 || e.header().getLongGroupId() != 0)
                .map(LayerContents.Entry::name).toList();

        // then
        assertThat(notRoot).containsExactly("home/app/");
        LayerContents.Entry home = LayerContents.find(entries, "home/app/");
        assertThat(home.header().getLongUserId()).isEqualTo(1000);
        assertThat(home.header().getLongGroupId()).isEqualTo(1000);
    }

    @Test
    void holdsTheHostBusyboxAndAppletSymlinks() throws IOException {
        // when
        LayerContents.Entry busybox = LayerContents.find(entries, "bin/busybox");
        LayerContents.Entry sh = LayerContents.find(entries, "bin/sh");

        // then
        assertThat(busybox.content()).isEqualTo(Files.readAllBytes(BusyboxTree.HOST_BUSYBOX));
        assertThat(busybox.header().getMode() & 07777).isEqualTo(0755);
        assertThat(sh.header().isSymbolicLink()).isTrue();
        assertThat(sh.header().getLinkName()).isEqualTo("busybox");
        for (String applet : BusyboxRootfs.applets()) {
            assertThat(LayerContents.find(entries, "bin/" + applet).header().getLinkName()).isEqualTo("busybox");
        }
    }

    @Test
    void directoriesHaveTheirFixedModes() {
        // when / then
        assertThat(LayerContents.find(entries, "tmp/").header().getMode() & 07777).isEqualTo(01777);
        assertThat(LayerContents.find(entries, "root/").header().getMode() & 07777).isEqualTo(0700);
        assertThat(LayerContents.find(entries, "proc/").header().isDirectory()).isTrue();
        assertThat(LayerContents.find(entries, "sys/").header().isDirectory()).isTrue();
        assertThat(LayerContents.find(entries, "dev/").header().isDirectory()).isTrue();
    }

    @Test
    void passwdAndGroupNameRootAppAndNobody() {
        // when
        String passwd = new String(LayerContents.find(entries, "etc/passwd").content(), StandardCharsets.US_ASCII);
        String group = new String(LayerContents.find(entries, "etc/group").content(), StandardCharsets.US_ASCII);

        // then
        assertThat(passwd.lines()).contains("root:x:0:0:root:/root:/bin/sh", "app:x:1000:1000:app:/home/app:/bin/sh")
                .anyMatch(line -> line.startsWith("nobody:x:65534:65534:"));
        assertThat(group.lines()).contains("staff:x:50:app", "app:x:1000:", "nogroup:x:65534:");
    }

    @Test
    void gzipHeaderHasNoNameNoTimeAndUnknownOs() {
        // when
        byte[] gzip = LayerArchive.gzip(tar);

        // then
        assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
        assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
        assertThat(gzip[3]).as("FLG: no name, comment or extra field").isZero();
        assertThat(new byte[] {gzip[4], gzip[5], gzip[6], gzip[7]}).as("MTIME").containsOnly(0);
        assertThat(gzip[9] & 0xff).as("OS").isEqualTo(255);
    }

    @Test
    void gzipOfTheSameBytesIsTheSame() {
        // when / then
        assertThat(LayerArchive.gzip(tar)).isEqualTo(LayerArchive.gzip(tar.clone()));
    }
}
