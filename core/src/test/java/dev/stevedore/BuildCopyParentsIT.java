package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuildCopyParentsIT extends BuildFixture {

    @Test
    void parentsKeepTheirDirectoriesRelativeToTheContextOrThePivotWithGlobs() throws IOException {
        write("a/b/c.txt", "c\n");
        write("a/b/d.md", "d\n");
        write("a/e.txt", "e\n");
        write("x/y/z.txt", "z\n");
        write("x/y/w.txt", "w\n");
        write("top.txt", "top\n");
        String dockerfile = """
                FROM %s
                COPY --parents a/*/*.txt ./x/./y/z.txt top.txt /out/
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        Path layer = engine.lowerDirs(image).get(0); // the COPY's snapshot, top-most first
        assertThat(listing(layer)).containsExactly(
                "out/", "out/a/", "out/a/b/", "out/a/b/c.txt=c\n", "out/top.txt=top\n", "out/y/", "out/y/z.txt=z\n");
        assertThat(image.history()).anyMatch(h -> h.createdBy().orElse("")
                .equals("COPY --parents a/*/*.txt ./x/./y/z.txt top.txt /out/ # buildkit"));
    }

    @Test
    void parentsWorkWithFromAndDirectories() throws IOException {
        String dockerfile = """
                FROM %1$s AS src
                RUN mkdir -p /srv/app/conf /srv/app/bin && echo k=v > /srv/app/conf/a.conf && echo x > /srv/app/bin/x
                FROM %1$s
                WORKDIR /dst
                COPY --from=src --parents /srv/./app/conf .
                """.formatted(busybox);

        Image image = build(dockerfile).build();

        Path layer = engine.lowerDirs(image).get(0);
        assertThat(listing(layer)).containsExactly("dst/", "dst/app/", "dst/app/conf/", "dst/app/conf/a.conf=k=v\n");
    }

    @Test
    void linkGivesTheSameLayerAsAPlainCopyOrAdd() throws IOException {
        write("f.txt", "f\n");
        write("d/g.txt", "g\n");
        String plain = "FROM " + busybox + "\nCOPY f.txt /x/\nADD d /y/\n";
        String linked = "FROM " + busybox + "\nCOPY --link f.txt /x/\nADD --link d /y/\n";

        Instant epoch = Instant.parse("2020-01-01T00:00:00Z"); // new directories' times then match
        Image a = build(plain).sourceDateEpoch(epoch).build();
        Image b = build(linked).sourceDateEpoch(epoch).noCache(true).build();

        assertThat(b.layers()).hasSize(a.layers().size());
        assertThat(b.layers().get(b.layers().size() - 1).blob().digest())
                .isEqualTo(a.layers().get(a.layers().size() - 1).blob().digest());
        assertThat(b.layers().get(b.layers().size() - 2).blob().digest())
                .isEqualTo(a.layers().get(a.layers().size() - 2).blob().digest());
        assertThat(run(b, "cat /x/f.txt /y/g.txt")).isEqualTo("f\ng\n");
    }

    /** Every entry under root, sorted: directories end with /, files show their content. */
    static List<String> listing(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                out.add(Files.isDirectory(p) ? rel + "/" : rel + "=" + Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
