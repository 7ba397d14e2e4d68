package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextHashesTest {
    @TempDir
    Path home;

    @TempDir
    Path context;

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void digestsContentAndRemembersItAcrossInstances() throws Exception {
        Path f = Files.writeString(context.resolve("a.txt"), "hello\n");
        BuildContextHashes hashes = BuildContextHashes.open(home, context, 0);

        assertThat(hashes.digest(f)).isEqualTo(sha256("hello\n"));
        hashes.save();

        BuildContextHashes again = BuildContextHashes.open(home, context, 0);
        assertThat(again.remembers(f)).isTrue();
        assertThat(again.digest(f)).isEqualTo(sha256("hello\n"));
    }

    @Test
    void readsAgainWhenContentChangesEvenWithTheSameSizeAndMtime() throws Exception {
        Path f = Files.writeString(context.resolve("a.txt"), "one\n");
        FileTime mtime = Files.getLastModifiedTime(f);
        BuildContextHashes hashes = BuildContextHashes.open(home, context, 0);
        hashes.digest(f);
        assertThat(hashes.remembers(f)).isTrue();

        Files.writeString(f, "two\n");
        Files.setLastModifiedTime(f, mtime); // size and mtime as before: only ctime tells

        assertThat(hashes.remembers(f)).isFalse();
        assertThat(hashes.digest(f)).isEqualTo(sha256("two\n"));
    }

    @Test
    void neverTrustsAFileReadWithinTheRacyWindowOfItsLastChange() throws Exception {
        Path f = Files.writeString(context.resolve("a.txt"), "fresh\n");
        BuildContextHashes hashes = BuildContextHashes.open(home, context);

        assertThat(hashes.digest(f)).isEqualTo(sha256("fresh\n"));

        // written just now: a same-tick rewrite could go unseen, so it is read again next time
        assertThat(hashes.remembers(f)).isFalse();
    }

    @Test
    void aCorruptOrTruncatedRecordIsIgnored() throws IOException, NoSuchAlgorithmException {
        Path f = Files.writeString(context.resolve("a.txt"), "x\n");
        BuildContextHashes hashes = BuildContextHashes.open(home, context, 0);
        hashes.digest(f);
        hashes.save();
        Path record;
        try (var s = Files.list(home.resolve("build-context-hashes"))) {
            record = s.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        BuildContextHashes again = BuildContextHashes.open(home, context, 0);

        assertThat(again.remembers(f)).isFalse();
        assertThat(again.digest(f)).isEqualTo(sha256("x\n"));
    }
}
