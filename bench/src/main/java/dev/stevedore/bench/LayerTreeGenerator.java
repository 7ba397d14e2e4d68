package dev.stevedore.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Creates the benchmark tree of {@code bench/layer-write.sh}, about 500 MB of mixed content,
 * the same on every run on a machine (seeded; the binaries are slices of the machine's own ELF
 * files):
 *
 * <ul>
 *   <li>24,000 small source-like text files of 0.5 to 12 KiB in 600 directories (~150 MB);
 *   <li>40 medium binaries of 1 to 4 MiB cut from the system's ELF executables and libraries (~100 MB);
 *   <li>3 large random files of 50 MiB (incompressible, ~157 MB);
 *   <li>3 large log files of 32 MiB (very compressible, ~100 MB).
 * </ul>
 */
final class LayerTreeGenerator {
    private static final String[] WORDS = {"public", "private", "static", "final", "class", "interface", "return",
        "if", "else", "for", "while", "int", "long", "byte", "String", "new", "import", "package", "void", "this",
        "null", "true", "false", "try", "catch", "throw", "List", "Map", "Optional", "stream", "map", "filter",
        "digest", "layer", "writer", "blob", "config", "manifest", "=", "==", "+", "{", "}", "(", ")", ";", ".",
        "0", "1", "42", "value", "result", "buffer", "offset", "length", "index", "name", "path", "file"};
    private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
    private static final String[] ROUTES = {"/api/v1/items/", "/api/v1/users/", "/static/app.js?v=", "/health",
        "/api/v2/orders/"};

    private LayerTreeGenerator() {}

    /**
     * Generates the tree.
     *
     * @param args the new directory
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Files.createDirectories(root);
        long total = 0;
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(20240506);
        for (int i = 0; i < 24_000; i++) {
            Path dir = root.resolve(String.format("src/m%02d/p%02d", i % 40, i / 40 % 15));
            Files.createDirectories(dir);
            byte[] text = text(random.split(), 512 + random.nextInt(11 * 1024 + 512));
            Files.write(dir.resolve("F" + i + ".java"), text);
            total += text.length;
        }
        byte[] elf = elfPool(120 << 20);
        int at = 0;
        Files.createDirectories(root.resolve("bin"));
        for (int i = 0; i < 40; i++) {
            int size = (1 << 20) + random.nextInt(3 << 20);
            if (at + size > elf.length) {
                at = 0;
            }
            Files.write(root.resolve(String.format("bin/tool-%02d", i)), Arrays.copyOfRange(elf, at, at + size));
            at += size;
            total += size;
        }
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(root.resolve("logs"));
        for (int i = 1; i <= 3; i++) {
            byte[] bytes = new byte[50 << 20];
            random.split().nextBytes(bytes);
            Files.write(root.resolve("data/random-" + i + ".bin"), bytes);
            byte[] log = log(random.split(), 32 << 20);
            Files.write(root.resolve("logs/app-" + i + ".log"), log);
            total += bytes.length + log.length;
        }
        System.out.printf("generated %s: %.1f MB in 24,046 files, %.1f s%n", root, total / 1e6,
                (System.nanoTime() - start) / 1e9);
    }

    private static byte[] text(SplittableRandom random, int size) {
        StringBuilder out = new StringBuilder(size + 80);
        int indent = 0;
        while (out.length() < size) {
            out.append("    ".repeat(indent));
            int n = 2 + random.nextInt(9);
            for (int i = 0; i < n; i++) {
                out.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            if (random.nextInt(4) == 0) {
                out.append(random.nextInt(100_000));
            }
            out.append('\n');
            indent = Math.max(0, Math.min(5, indent + random.nextInt(3) - 1));
        }
        return out.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] log(SplittableRandom random, int size) {
        StringBuilder out = new StringBuilder(size + 200);
        long millis = 1_714_979_289_000L;
        while (out.length() < size) {
            millis += random.nextInt(50);
            out.append(Instant.ofEpochMilli(millis)).append(' ')
                    .append(LEVELS[random.nextInt(LEVELS.length)]).append(" [worker-").append(random.nextInt(16))
                    .append("] request ").append(random.nextInt(1_000_000)).append(" served ")
                    .append(ROUTES[random.nextInt(ROUTES.length)]).append(random.nextInt(100_000))
                    .append(" in ").append(random.nextInt(300)).append(" ms\n");
        }
        return out.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Up to {@code limit} bytes of the machine's ELF files, in path order. */
    private static byte[] elfPool(int limit) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/lib/x86_64-linux-gnu", "/usr/lib/jvm")) {
            if (!Files.isDirectory(Path.of(dir))) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                        .forEach(files::add);
            }
        }
        ByteArrayOutputStream pool = new ByteArrayOutputStream(limit);
        byte[] magic = new byte[4];
        for (Path file : files) {
            if (pool.size() >= limit) {
                break;
            }
            try (InputStream in = Files.newInputStream(file)) {
                if (in.readNBytes(magic, 0, 4) == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L'
                        && magic[3] == 'F') {
                    pool.write(magic);
                    pool.write(in.readNBytes(limit - pool.size()));
                }
            } catch (IOException e) {
                // unreadable: skip
            }
        }
        if (pool.size() < 8 << 20) {
            throw new IOException("found only " + pool.size() + " bytes of ELF files to cut binaries from");
        }
        return pool.toByteArray();
    }
}
