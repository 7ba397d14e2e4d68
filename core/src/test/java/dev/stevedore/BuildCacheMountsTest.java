package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.dockerfile.Mount;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheMountsTest {
    @TempDir
    Path home;

    @Test
    void lockedWaitsForAHolderInAnotherJvm() throws Exception {
        Mount m = Mount.parse("type=cache,target=/c,sharing=locked");
        Path cache = BuildCacheMounts.directory(home, "/c", m);
        Path lockFile = cache.resolveSibling(cache.getFileName() + ".lock");
        Path marker = cache.resolve("marker");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CacheLockChildMain.class.getName(),
                lockFile.toString(), marker.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            CompletableFuture<Boolean> sawMarker = CompletableFuture.supplyAsync(() -> {
                try (BuildCacheMounts.Use use = BuildCacheMounts.acquire(cache, Mount.Sharing.LOCKED, home.resolve("p"), m)) {
                    return Files.exists(use.dir().resolve("marker"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            boolean returnedEarly;
            try {
                sawMarker.get(1, TimeUnit.SECONDS);
                returnedEarly = true;
            } catch (TimeoutException e) {
                returnedEarly = false; // still waiting for the child's lock, as it should
            }
            try (OutputStream in = child.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }

            assertThat(returnedEarly).as("acquired while another JVM held the lock").isFalse();
            assertThat(sawMarker.get(60, TimeUnit.SECONDS)).as("the holder's write is visible once it let go").isTrue();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void privateGivesAFreshDirectoryWhileTheIdIsInUseAndTheSharedOneAfter() throws Exception {
        Mount m = Mount.parse("type=cache,target=/p,sharing=private,mode=0700");
        Path cache = BuildCacheMounts.directory(home, "/p", m);

        try (BuildCacheMounts.Use first = BuildCacheMounts.acquire(cache, Mount.Sharing.SHARED, home.resolve("x"), m)) {
            try (BuildCacheMounts.Use second = BuildCacheMounts.acquire(cache, Mount.Sharing.PRIVATE,
                    home.resolve("own"), m)) {
                assertThat(first.dir()).isEqualTo(cache);
                assertThat(second.dir()).isEqualTo(home.resolve("own"));
                assertThat(BuildFiles.mode(second.dir())).isEqualTo(0700);
            }
        }
        try (BuildCacheMounts.Use alone = BuildCacheMounts.acquire(cache, Mount.Sharing.PRIVATE, home.resolve("y"), m)) {
            assertThat(alone.dir()).isEqualTo(cache);
            assertThat(List.of(home.resolve("y"))).noneMatch(Files::exists);
        }
    }
}
