package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with {@code buildah bud} (1.28, Debian's package): each Dockerfile under
 * {@code src/test/resources/conformance/<case>/} (with its small context) is built by Stevedore
 * and by buildah from the same busybox base image; Stevedore's image is exported as an OCI layout,
 * buildah's pushed to a {@code dir:} directory (its config as built), and both are read back by
 * {@link LayoutView}: the config fields both write the same way (Env, Cmd, Entrypoint,
 * WorkingDir, User, ExposedPorts, Volumes, Labels without buildah's {@code io.buildah.version},
 * StopSignal, Healthcheck) and every path of the union of the layers (type, permission bits, uid,
 * gid, size, link target, content digest; never times) must be equal.
 *
 * <p>Not compared: {@code /proc}, {@code /sys}, {@code /dev} and {@code /run} (mount points;
 * buildah's RUN leaves an empty {@code /run} for its {@code .containerenv}), the files the
 * runtimes bind-mount during RUN ({@code /etc/hosts}, {@code /etc/hostname},
 * {@code /etc/resolv.conf}), history and times.
 *
 * <p>Where buildah 1.28 differs from Docker/BuildKit, Stevedore follows BuildKit and the case's
 * entry in {@link #BUILDAH_DEVIATIONS} rewrites buildah's view to what BuildKit does, citing the
 * behaviour; every other difference fails the test.
 *
 * <p>buildah runs on a private {@code --root}/{@code --runroot} for the class (removed, and
 * everything under it unmounted, afterwards) with {@code --isolation chroot}, {@code --layers},
 * {@code --pull-never}, {@code --format docker} (in OCI format buildah 1.28 ignores {@code SHELL}
 * and drops {@code HEALTHCHECK}), the overlay driver (vfs if overlay cannot be used here) and
 * {@code --network host}: buildah 1.28 refuses {@code --network none} with chroot isolation, and
 * no case uses the network. The base image comes from test-support's busybox OCI layout,
 * imported into both; nothing contacts a registry. Without buildah the test is skipped, or fails
 * under {@code STEVEDORE_REQUIRE_SANDBOX=1} ({@code scripts/install-deps} installs it).
 */
@ExtendWith(HermeticHome.class)
class BuildahConformanceIT {
    /** Where buildah 1.28 is known to differ from BuildKit: its view rewritten to BuildKit's. */
    private static final Map<String, UnaryOperator<LayoutView>> BUILDAH_DEVIATIONS = Map.of(
            // buildah 1.28 applies ADD --chown only to the destination directory, not to what it
            // extracts from an archive; BuildKit (since v0.23, moby/buildkit#1547) chowns every
            // extracted entry, and so does Stevedore.
            "add-tar", v -> v.withOwner(p -> p.startsWith("owned/"), 1000, 1000),
            // The Dockerfile reference: SHELL changes the shell of the shell forms of RUN, CMD and
            // ENTRYPOINT. buildah 1.28 uses it for RUN only and writes CMD with /bin/sh -c.
            "run-shell", v -> v.withConfig("Cmd", "[\"/bin/busybox\",\"sh\",\"-c\",\"echo from-cmd\"]"),
            "workdir-user", v -> v
                    // A RUN as USER app gets as supplementary groups those listing app in /etc/group
                    // (Docker and BuildKit through moby/sys/user GetExecUser: staff only); buildah
                    // adds the primary group too, so busybox id prints groups=50(staff),1000(app).
                    .withLine(LayoutView.fileLine("tmp/id.txt", 0644, 1000, 1000,
                            "uid=1000(app) gid=1000(app) groups=50(staff)\n"))
                    // buildah creates a WORKDIR only when a later RUN or COPY uses it: as root for a
                    // COPY, never when no step follows. BuildKit creates it at the WORKDIR step,
                    // owned by the USER in effect.
                    .withOwner(p -> p.equals("made-for-copy"), 1000, 1000)
                    .withLine("last-one d 0755 1000:1000"));

    @TempDir
    static Path work;

    private static Stevedore engine;
    private static Buildah buildah;
    private static LayoutView busybox;

    @BeforeAll
    static void setUp(HermeticEnvironment env) throws IOException {
        Preconditions.requiresSandbox();
        Preconditions.requiresCommand("buildah", "buildah");
        // buildah names an image pulled from oci:DIR after DIR, and names must be lower case
        Path layout = work.resolve("busybox");
        BusyboxImage.writeTo(layout);
        busybox = LayoutView.read(layout).without(BuildahConformanceIT::notCompared);
        buildah = Buildah.in(work.resolve("buildah"));
        buildah.pullLayout(layout, "busybox:latest");
        engine = Stevedore.builder().home(env.stevedoreHome()).build();
        engine.images().importFrom(layout, "busybox");
    }

    @AfterAll
    static void tearDown() throws IOException {
        try {
            if (buildah != null) {
                buildah.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(resources())) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsWhatBuildahBuilds(String name) throws Exception {
        // given
        Path context = work.resolve("contexts").resolve(name);
        copyTree(resources().resolve(name), context);
        prepare(name, context);
        String tag = "conformance-" + name + ":latest";

        // when
        engine.images().build(context).pull(PullPolicy.NEVER).tag(tag).build();
        Path ours = work.resolve("out-stevedore").resolve(name);
        engine.images().exportTo(ours, ImageArchiveFormat.OCI_LAYOUT, tag);
        buildah.bud(context, tag);
        Path theirs = work.resolve("out-buildah").resolve(name);
        buildah.pushDir(tag, theirs);

        // then
        LayoutView stevedore = LayoutView.read(ours).without(BuildahConformanceIT::notCompared);
        LayoutView expected = BUILDAH_DEVIATIONS.getOrDefault(name, UnaryOperator.identity())
                .apply(LayoutView.read(theirs).without(BuildahConformanceIT::notCompared));
        assertThat(stevedore.config()).as("config of %s", name).isEqualTo(expected.config());
        assertThat(difference(stevedore.lines(), expected.lines()))
                .as("files of %s: + only Stevedore has, - only buildah has", name).isEmpty();
        assertThat(stevedore).as("a case changes busybox").isNotEqualTo(busybox);
        if (name.equals("config")) {
            assertThat(expected.config()).as("what the config case compares").containsKeys("Env", "Cmd", "User",
                    "ExposedPorts", "Volumes", "Labels", "StopSignal", "Healthcheck");
        }
    }

    /** The lines only {@code ours} has ("+ ") and those only {@code theirs} has ("- "). */
    private static List<String> difference(List<String> ours, List<String> theirs) {
        List<String> diff = new ArrayList<>();
        ours.stream().filter(l -> !theirs.contains(l)).forEach(l -> diff.add("+ " + l));
        theirs.stream().filter(l -> !ours.contains(l)).forEach(l -> diff.add("- " + l));
        return diff;
    }

    private static boolean notCompared(String path) {
        for (String mountPoint : List.of("proc", "sys", "dev", "run")) {
            if (path.equals(mountPoint) || path.startsWith(mountPoint + "/")) {
                return true;
            }
        }
        return List.of("etc/hosts", "etc/hostname", "etc/resolv.conf").contains(path);
    }

    /**
     * What git cannot hold: host owners (every context path is owned by 1234:1234, which COPY must
     * reset to 0:0), modes ({@code *.sh} 0755, {@code secret*} 0600), links and archives.
     */
    private static void prepare(String name, Path context) throws IOException {
        if (name.equals("copy-files")) {
            Files.createSymbolicLink(context.resolve("link.txt"), Path.of("one.txt"));
        }
        if (name.equals("add-tar")) {
            byte[] tar = archive();
            Files.write(context.resolve("archive.tar"), tar);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(context.resolve("archive.tar.gz")))) {
                out.write(tar);
            }
        }
        try (Stream<Path> s = Files.walk(context)) {
            for (Path p : s.toList()) {
                String file = p.getFileName().toString();
                if (file.endsWith(".sh")) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (file.startsWith("secret") && Files.isRegularFile(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                }
                if (!p.equals(context)) {
                    Files.setAttribute(p, "unix:uid", 1234, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", 1234, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** A tar with owners, modes, a nested directory, a symbolic link and a hard link. */
    private static byte[] archive() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("t/");
            dir.setMode(040750);
            dir.setIds(1234, 5678);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            file(tar, "t/inside.txt", 0100640, 1234, 5678, "inside\n");
            file(tar, "top.txt", 0100600, 0, 0, "top\n");
            file(tar, "etc-extra.conf", 0100644, 7, 8, "extra\n");
            TarArchiveEntry link = new TarArchiveEntry("t/link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("inside.txt");
            link.setIds(1234, 5678);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            TarArchiveEntry hard = new TarArchiveEntry("t/hard", TarArchiveEntry.LF_LINK);
            hard.setLinkName("t/inside.txt");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, int uid, int gid, String text)
            throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setIds(uid, gid);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static Path resources() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(BuildahConformanceIT.class.getResource("/conformance")).toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
