package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerCopyIT extends ContainerFixture {
    @TempDir
    Path host;

    @Test
    void copiesAHostTreeIntoARunningContainerAndBackOut() throws IOException {
        // given
        Path src = Files.createDirectories(host.resolve("site/sub"));
        Files.writeString(src.resolve("a.txt"), "alpha");
        Files.writeString(host.resolve("site/index.html"), "<h1>hi</h1>");
        Files.setPosixFilePermissions(host.resolve("site/index.html"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(host.resolve("site/link"), Path.of("index.html"));

        try (Container c = busybox("sleep", "30").init(true).start()) {
            // when
            c.copyTo(host.resolve("site"), "/tmp");           // /tmp exists: lands in /tmp/site
            c.copyTo(host.resolve("site"), "/srv");           // /srv does not: becomes /srv
            c.copyTo(host.resolve("site/index.html"), "/tmp/renamed.html");

            // then
            assertThat(c.exec("cat", "/tmp/site/index.html", "/srv/sub/a.txt", "/tmp/renamed.html").stdout())
                    .isEqualTo("<h1>hi</h1>alpha<h1>hi</h1>");
            assertThat(c.exec("stat", "-c", "%a %u:%g", "/tmp/site/index.html").stdout()).isEqualTo("750 0:0\n");
            assertThat(c.exec("readlink", "/srv/link").stdout()).isEqualTo("index.html\n");

            c.exec("sh", "-c", "mkdir -p /out/d && echo made inside > /out/d/f && ln -s /etc/passwd /out/d/l");
            c.copyFrom("/out", host.resolve("copied"));
            assertThat(Files.readString(host.resolve("copied/d/f"))).isEqualTo("made inside\n");
            assertThat(Files.readSymbolicLink(host.resolve("copied/d/l"))).isEqualTo(Path.of("/etc/passwd"));
            c.copyFrom("/out/d/f", host);
            assertThat(Files.readString(host.resolve("f"))).isEqualTo("made inside\n");
        }
    }

    @Test
    void neverFollowsALinkOutOfTheContainer() throws IOException {
        Path secret = Files.writeString(host.resolve("secret"), "host only");
        Files.writeString(host.resolve("payload"), "from the host");
        try (Container c = busybox("sleep", "30").init(true).start()) {
            // a link in the container that points at the host's directory, were it followed on the host
            c.exec("sh", "-c", "ln -s " + host + " /escape && mkdir -p " + host + " && ln -s /etc /inside");
            c.copyTo(host.resolve("payload"), "/escape/payload");
            c.copyTo(host.resolve("payload"), "/inside/");

            assertThat(Files.readString(secret)).isEqualTo("host only");
            assertThat(c.exec("cat", host + "/payload").stdout()).isEqualTo("from the host");
            assertThat(c.exec("cat", "/etc/payload").stdout()).isEqualTo("from the host");
            assertThat(Files.readString(host.resolve("payload"))).isEqualTo("from the host");
            assertThat(host.resolve("escape")).doesNotExist();

            c.exec("sh", "-c", "ln -s ../../../../../../" + secret + " /tmp/up");
            c.copyFrom("/tmp/up", host.resolve("up"));
            assertThat(Files.isSymbolicLink(host.resolve("up"))).isTrue(); // copied as a link, not followed
        }
    }

    @Test
    void unpacksAndWritesTarStreams() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry dir = new TarArchiveEntry("conf/", TarArchiveEntry.LF_DIR);
            dir.setMode(0755);
            out.putArchiveEntry(dir);
            out.closeArchiveEntry();
            byte[] body = "key=value\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("conf/app.properties");
            file.setSize(body.length);
            file.setMode(0640);
            file.setUserId(1000L);
            file.setGroupId(1000L);
            out.putArchiveEntry(file);
            out.write(body);
            out.closeArchiveEntry();
        }
        try (Container c = busybox("sleep", "30").init(true).start()) {
            c.copyTo(new ByteArrayInputStream(tar.toByteArray()), "/etc");
            assertThat(c.exec("stat", "-c", "%a %U %s", "/etc/conf/app.properties").stdout()).isEqualTo("640 app 10\n");

            ByteArrayOutputStream back = new ByteArrayOutputStream();
            c.copyFrom("/etc/conf", back);
            List<String> names = new ArrayList<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(back.toByteArray()))) {
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    names.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getLongUserId());
                }
            }
            assertThat(names).containsExactly("conf/ 755 0", "conf/app.properties 640 1000");
            assertThatThrownBy(() -> c.copyTo(new ByteArrayInputStream(tar.toByteArray()), "/nosuch"))
                    .isInstanceOf(ContainerException.class).hasMessageContaining("no such directory");
        }
    }

    @Test
    void copiesIntoAndOutOfAContainerThatDoesNotRun() throws IOException {
        Files.writeString(host.resolve("greeting"), "written while stopped\n");
        try (Container c = busybox("cat", "/greeting").create()) {
            c.copyTo(host.resolve("greeting"), "/greeting");
            c.start();
            assertThat(c.waitFor().exitCode()).isZero();
            assertThat(c.output()).isEqualTo("written while stopped\n");

            c.copyFrom("/greeting", host.resolve("again"));
            assertThat(Files.readString(host.resolve("again"))).isEqualTo("written while stopped\n");
            c.copyFrom("/bin/busybox", host.resolve("bb"));
            assertThat(Files.size(host.resolve("bb"))).isPositive();
            assertThat(home.resolve("containers").resolve(c.id()).resolve("fs/upper/greeting")).exists();
        }
    }

    @Test
    void refusesToCopyWhatIsNotThere() {
        try (Container c = busybox("sleep", "30").init(true).start()) {
            assertThatThrownBy(() -> c.copyFrom("/nosuch", host.resolve("x"))).isInstanceOf(ContainerException.class)
                    .hasMessageContaining("ENOENT");
            assertThatThrownBy(() -> c.copyTo(host.resolve("nosuch"), "/tmp")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> c.copyTo(host, "/no/such/dir/")).isInstanceOf(ContainerException.class);
            assertThatThrownBy(() -> c.copyFrom("relative", host)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
