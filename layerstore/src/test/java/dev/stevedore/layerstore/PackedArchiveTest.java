package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedArchiveTest {
    @TempDir
    Path tmp;
    LayerStore store;

    @BeforeEach
    void openStore() {
        store = LayerStore.open(tmp.resolve("store"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Path archive(boolean gzip) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "./dir/real.txt", "real");
            for (Map.Entry<String, String> link : Map.of("dir/rel", "real.txt", "dir/up", "../dir/real.txt",
                    "dir/escape", "../../etc/passwd", "loop-a", "loop-b", "loop-b", "loop-a").entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(link.getKey(), TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(link.getValue());
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry hard = new TarArchiveEntry("hard", TarArchiveEntry.LF_LINK);
            hard.setLinkName("dir/real.txt");
            tar.putArchiveEntry(hard);
            tar.closeArchiveEntry();
        }
        byte[] content = gzip ? TestContent.gzip(bytes.toByteArray()) : bytes.toByteArray();
        return Files.write(tmp.resolve(gzip ? "a.tar.gz" : "a.tar"), content);
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setModTime(FileTime.from(Instant.EPOCH));
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static String read(ArchiveSource source, String name) throws Exception {
        try (InputStream in = source.entry(name).orElseThrow().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void followsLinksInsideTheArchiveButNeverOutOfItOrInCircles() throws Exception {
        for (boolean gzip : new boolean[] {false, true}) {
            // given
            Path file = archive(gzip);

            // when
            try (ArchiveSource source = ArchiveSource.open(file, store.paths(), store.openRoot())) {
                // then
                assertThat(read(source, "dir/real.txt")).isEqualTo("real");
                assertThat(read(source, "dir/rel")).isEqualTo("real");
                assertThat(read(source, "dir/up")).isEqualTo("real");
                assertThat(read(source, "hard")).isEqualTo("real");
                assertThat(source.entry("dir/escape")).isEmpty();
                assertThat(source.entry("loop-a")).isEmpty();
                assertThat(source.entry("../dir/real.txt")).isEmpty();
                assertThat(source.entry("dir")).isEmpty();
            }
            // and the decompressed copy is gone
            assertThat(TestContent.files(store.root().resolve(".stevedore/ingest"))).isEmpty();
        }
    }
}
